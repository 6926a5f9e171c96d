// test_gl_queries.js - no synchronous WebGL query in the frame loop. A query
// (getParameter, getError, isEnabled, checkFramebufferStatus, readPixels, ...)
// makes the page wait for the GPU process to finish the previous frame: tens of
// milliseconds each with software WebGL. An init script counts every call of
// such a method on WebGL2RenderingContext; over 60 rendered frames of an idle
// page (the mouse moving keeps it rendering) and 60 frames while a patient's
// images load, none may run. Start-up (shader compile and link status, the GL
// version) is allowed and not counted.
"use strict";
const h = require("./harness");

// Answered inside the page without a GPU round trip: not counted.
const CLIENT_SIDE = ["getExtension", "getSupportedExtensions", "getContextAttributes", "isContextLost"];
const SYNC = ["readPixels", "checkFramebufferStatus", "finish", "clientWaitSync"];

function countQueries({ clientSide, sync }) {
  const proto = window.WebGL2RenderingContext && WebGL2RenderingContext.prototype;
  const counts = {};
  window.__glQueries = counts;
  if (!proto) return;
  for (const name of Object.getOwnPropertyNames(proto)) {
    const d = Object.getOwnPropertyDescriptor(proto, name);
    if (!d || typeof d.value !== "function" || clientSide.includes(name)) continue;
    if (!/^(get|is)[A-Z]/.test(name) && !sync.includes(name)) continue;
    const orig = d.value;
    proto[name] = function (...args) {
      counts[name] = (counts[name] || 0) + 1;
      return orig.apply(this, args);
    };
  }
}

// Calls since `before`, by method name (only those that ran).
function diff(before, after) {
  const out = {};
  for (const [k, v] of Object.entries(after)) if (v - (before[k] || 0) > 0) out[k] = v - (before[k] || 0);
  return out;
}

// Moves the mouse in small steps (and calls step(i) if given) until the app has
// rendered `n` more frames; returns the queries made meanwhile and the frames.
async function queriesOver(page, n, what, step = null) {
  const q0 = await page.evaluate(() => Object.assign({}, window.__glQueries));
  const f0 = (await h.state(page)).ui.frames;
  const t0 = Date.now();
  for (let i = 0; ; i++) {
    const s = await h.state(page);
    if (s.ui.frames - f0 >= n) break;
    if (Date.now() - t0 > 60000) throw new Error(`${what}: only ${s.ui.frames - f0} frames in 60 s`);
    await page.mouse.move(400 + (i % 40) * 5, 300 + (i % 7) * 3);
    if (step) await step(i);
    await new Promise((r) => setTimeout(r, 15));
  }
  const q1 = await page.evaluate(() => Object.assign({}, window.__glQueries));
  const frames = (await h.state(page)).ui.frames - f0;
  return { queries: diff(q0, q1), frames };
}

h.run("gl_queries", async ({ server, browser }) => {
  const page = await browser.newPage();
  const watch = h.watchErrors(page);
  await page.addInitScript(countQueries, { clientSide: CLIENT_SIDE, sync: SYNC });
  await h.openApp(page, server.url);
  const wrapped = await page.evaluate(() => window.__glQueries !== undefined);
  h.assert(wrapped, "the init script ran before the app");
  const atStart = await page.evaluate(() => Object.assign({}, window.__glQueries));
  console.log("queries during start-up: " + JSON.stringify(atStart));

  const idle = await queriesOver(page, 60, "idle page");
  console.log(`idle: ${idle.frames} frames, queries ${JSON.stringify(idle.queries)}`);
  h.assert(Object.keys(idle.queries).length === 0, `no WebGL query while idle; got ${JSON.stringify(idle.queries)}`);

  // The next patients' images load while frames are drawn: a new patient every
  // ~20 steps, so images keep arriving over the whole window.
  await page.evaluate(() => document.getElementById("canvas").focus());
  const p0 = (await h.state(page)).view.patient, decoded0 = (await h.state(page)).images.decoded;
  await page.keyboard.press("j");
  await h.waitState(page, (s) => s.view.patient !== p0, "the next patient", 10000);
  const loading = await queriesOver(page, 60, "loading page", (i) => (i % 20 === 19 ? page.keyboard.press("j") : null));
  const after = await h.state(page);
  console.log(`loading: ${loading.frames} frames, ${after.images.decoded - decoded0} images decoded meanwhile, ` +
              `queries ${JSON.stringify(loading.queries)}`);
  h.assert(after.images.decoded > decoded0, "images were decoded during the window");
  h.assert(Object.keys(loading.queries).length === 0, `no WebGL query while loading; got ${JSON.stringify(loading.queries)}`);
  watch.check();
});
