// test_boot.js - the page boots to a ready app with the bundled demo data,
// state() has the documented fields, a menu click changes the view mode, and
// the screenshot is not blank. No console errors or page errors allowed.
"use strict";
const fs = require("fs");
const path = require("path");
const h = require("./harness");

h.run("boot", async ({ server, browser }) => {
  const page = await browser.newPage();
  const watch = h.watchErrors(page);
  const s = await h.openApp(page, server.url);

  // Documented state() fields.
  h.assert(s.ready === true, "ready");
  h.assert(/^\d+\.\d+\.\d+/.test(s.version), "version looks like x.y.z: " + s.version);
  h.assert(s.dataset.source === "demo", "default source is the demo: " + s.dataset.source);
  h.assert(Array.isArray(s.dataset.problems), "dataset.problems is an array");
  h.assert(["grid", "viewer", "compare", "overview", "quiz"].includes(s.view.mode), "view.mode: " + s.view.mode);
  if (fs.existsSync(path.join(h.SITE, "demo", "train.csv"))) {
    h.assert(s.dataset.patients > 0 && s.dataset.lesions >= s.dataset.patients, "demo data loaded: " + JSON.stringify(s.dataset).slice(0, 300));
    h.assert(typeof s.view.patient === "string", "a patient is selected");
  } else {
    // Without bundled demo data the page must say so, not fail silently.
    h.assert(s.dataset.problems.some((p) => p.kind === "fetch_failed" && p.where.endsWith("demo/train.csv")),
             "missing demo data is reported as a problem");
  }

  // The canvas fills the window and the loading overlay is gone.
  const dom = await page.evaluate(() => {
    const c = document.getElementById("canvas");
    return { cw: c.clientWidth, ch: c.clientHeight, w: c.width, h: c.height, dpr: devicePixelRatio,
             overlay: document.getElementById("overlay").hidden, error: document.getElementById("error").hidden };
  });
  h.assert(dom.cw === 1280 && dom.ch === 800, "canvas fills the viewport: " + JSON.stringify(dom));
  h.assert(dom.w === Math.round(dom.cw * dom.dpr), "canvas backing store follows devicePixelRatio: " + JSON.stringify(dom));
  h.assert(dom.overlay && dom.error, "overlay hidden and no error box");

  // One UI interaction: View menu -> overview.
  await h.clickRect(page, "menu/view");
  await h.waitState(page, (st) => st.ui.rects["menu/view/overview"], "the View menu to open");
  await h.clickRect(page, "menu/view/overview");
  await h.waitState(page, (st) => st.view.mode === "overview", "view.mode == overview");

  const { file, png } = await h.screenshot(page, "e2e-boot");
  const st = h.imageStats(png);
  console.log(`screenshot ${file}: ${st.width}x${st.height}, luma variance ${st.variance.toFixed(1)}, ${st.colours} colours`);
  h.assert(st.variance > 20 && st.colours > 8, "screenshot is not blank");
  watch.check();
});
