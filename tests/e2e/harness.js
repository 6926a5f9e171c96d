// harness.js - shared machinery of the browser tests: a static server for
// build/site on a free 127.0.0.1 port, Debian's headless Chromium through
// playwright-core, console-error / page-error collection (any one fails the
// test), waiting for window.duckling.state().ready, screenshots and a PNG
// decoder for "is it blank?" checks. Each test_<name>.js is one CTest test.
"use strict";
const fs = require("fs");
const http = require("http");
const os = require("os");
const path = require("path");
const zlib = require("zlib");
const { chromium } = require("playwright-core");

const ROOT = path.resolve(__dirname, "..", "..");
const SITE = process.env.DUCK_SITE_DIR || path.join(ROOT, "build", "site");
const ARTIFACTS = process.env.DUCK_ARTIFACTS || path.join(ROOT, "build", "test-artifacts");
const CHROMIUM = process.env.DUCK_CHROMIUM || "/usr/bin/chromium";

const MIME = {
  ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm",
  ".csv": "text/csv", ".json": "application/json", ".jpg": "image/jpeg", ".png": "image/png",
  ".dcm": "application/dicom", ".txt": "text/plain",
};

// The real ISIC files (read-only, never copied): ../shared/data from the repo
// root, or ../../shared/data for a checkout one folder deeper.
const SHARED = process.env.DUCK_SHARED_DATA ||
  [path.join(ROOT, "..", "shared", "data"), path.join(ROOT, "..", "..", "shared", "data")].find((d) => fs.existsSync(d)) ||
  path.join(ROOT, "..", "shared", "data");

// Serves `dir` on 127.0.0.1 (port 0 = any free port), SHARED under /shared/ (for
// ?data= tests against the real files) and any extra `mounts` ({"/prefix/": dir},
// e.g. a generated corpus) on the same origin. Resolves to {url, close()}.
function startServer(dir = SITE, mounts = {}) {
  if (!fs.existsSync(path.join(dir, "index.html")))
    throw new Error(`${dir}/index.html missing: build the site first (bash scripts/test or scripts/serve)`);
  const roots = Object.entries({ "/shared/": SHARED, ...mounts });
  const server = http.createServer((req, res) => {
    let rel, root = dir;
    try { rel = decodeURIComponent(new URL(req.url, "http://x").pathname); } catch (e) { res.writeHead(400); res.end(); return; }
    const mount = roots.find(([prefix]) => rel.startsWith(prefix));
    if (mount) { root = mount[1]; rel = rel.slice(mount[0].length - 1); }
    const file = path.join(root, path.normalize(rel).replace(/^([/\\])+/, ""));
    if (!file.startsWith(root)) { res.writeHead(403); res.end(); return; }
    const target = fs.existsSync(file) && fs.statSync(file).isDirectory() ? path.join(file, "index.html") : file;
    fs.readFile(target, (err, data) => {
      if (err) { res.writeHead(404, { "Content-Type": "text/plain" }); res.end("not found"); return; }
      res.writeHead(200, { "Content-Type": MIME[path.extname(target)] || "application/octet-stream",
                           "Content-Length": data.length, "Cache-Control": "no-cache" });
      res.end(data);
    });
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => resolve({
      url: `http://127.0.0.1:${server.address().port}/`,
      close: () => new Promise((r) => server.close(r)),
    }));
  });
}

// Debian's Chromium, headless, fresh profile, no background traffic.
async function launchBrowser(extraArgs = []) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "duckling-e2e-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run",
           "--disable-sync", "--disable-quic", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
           ...extraArgs],
  });
  // Chromium may still be writing its profile while closing: cleanup is best effort.
  context.on("close", () => {
    try { fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }); } catch (e) { /* temp dir */ }
  });
  return context;
}

// The browser logs every failed request as a console error: 404s are expected
// where the app tries candidate names and layouts (metadata, image folders).
const HTTP_404 = /Failed to load resource: the server responded with a status of 404/;

// Records console errors and uncaught exceptions of a page; check() throws if any.
// Console errors matching `expected` (a RegExp, e.g. HTTP_404) are the test's
// own expected noise and not recorded; page errors always are.
function watchErrors(page, expected = null) {
  const errors = [];
  page.on("console", (m) => {
    // The page looks for a lesion index at the conventional name beside ?data=;
    // the browser logs its 404 (none there) although the app treats it as normal.
    const url = (m.location() && m.location().url) || "";
    if (m.type() === "error" && HTTP_404.test(m.text()) && /\/duckling-index\.bin$/.test(url)) return;
    if (m.type() === "error" && !(expected && expected.test(m.text()))) errors.push(`console.error: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  return {
    errors,
    check() { if (errors.length) throw new Error("browser reported errors:\n  " + errors.join("\n  ")); },
  };
}

// Opens the app (optionally with "?query#hash") and waits for state().ready.
async function openApp(page, baseUrl, suffix = "", timeoutMs = 90000) {
  await page.goto(baseUrl + suffix, { waitUntil: "load" });
  await page.waitForFunction(() => window.duckling && window.duckling.state().ready === true, null,
                             { timeout: timeoutMs, polling: 100 });
  return state(page);
}

const state = (page) => page.evaluate(() => window.duckling.state());

// Clicks the centre of a UI element recorded by the app in state().ui.rects.
async function clickRect(page, name) {
  const s = await state(page);
  const r = s.ui && s.ui.rects && s.ui.rects[name];
  if (!r) throw new Error(`no UI rect "${name}"; known: ${Object.keys((s.ui && s.ui.rects) || {}).join(", ")}`);
  await page.mouse.click(r[0] + r[2] / 2, r[1] + r[3] / 2);
}

// Waits until pred(state) is true (polling state()).
async function waitState(page, pred, what, timeoutMs = 10000) {
  const t0 = Date.now();
  for (;;) {
    const s = await state(page);
    if (pred(s)) return s;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}; state: ${JSON.stringify(s).slice(0, 600)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Saves a screenshot to build/test-artifacts/<name>.png and returns the PNG bytes.
async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  const png = await page.screenshot({ path: file });
  return { file, png };
}

// Minimal PNG decoder (8-bit RGB/RGBA, non-interlaced: what Chromium writes).
function decodePng(buf) {
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error("not a PNG");
  let pos = 8, width = 0, height = 0, colorType = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos), type = buf.toString("ascii", pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error("unsupported PNG (bit depth / interlace)");
      colorType = data[9];
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
    pos += 12 + len;
  }
  const bpp = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  if (!bpp) throw new Error("unsupported PNG colour type " + colorType);
  const raw = zlib.inflateSync(Buffer.concat(idat)), stride = width * bpp;
  const out = Buffer.alloc(width * height * 4);
  let prev = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)], line = Buffer.from(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)));
    for (let i = 0; i < stride; i++) {
      const a = i >= bpp ? line[i - bpp] : 0, b = prev[i], c = i >= bpp ? prev[i - bpp] : 0;
      let p = 0;
      if (f === 1) p = a; else if (f === 2) p = b; else if (f === 3) p = (a + b) >> 1;
      else if (f === 4) { const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c);
        p = pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      line[i] = (line[i] + p) & 255;
    }
    for (let x = 0; x < width; x++) {
      out[(y * width + x) * 4] = line[x * bpp]; out[(y * width + x) * 4 + 1] = line[x * bpp + 1];
      out[(y * width + x) * 4 + 2] = line[x * bpp + 2]; out[(y * width + x) * 4 + 3] = bpp === 4 ? line[x * bpp + 3] : 255;
    }
    prev = line;
  }
  return { width, height, rgba: out };
}

// Luma variance and number of distinct (quantised) colours of a PNG: a blank or
// single-colour screenshot has variance ~0 and a handful of colours.
function imageStats(png) {
  const { width, height, rgba } = decodePng(png);
  let sum = 0, sum2 = 0;
  const colours = new Set();
  const n = width * height;
  for (let i = 0; i < n; i++) {
    const r = rgba[i * 4], g = rgba[i * 4 + 1], b = rgba[i * 4 + 2];
    const l = 0.299 * r + 0.587 * g + 0.114 * b;
    sum += l; sum2 += l * l;
    colours.add((r >> 3) << 10 | (g >> 3) << 5 | (b >> 3));
  }
  const mean = sum / n;
  return { width, height, mean, variance: sum2 / n - mean * mean, colours: colours.size };
}

function assert(cond, message) {
  if (!cond) throw new Error("assertion failed: " + message);
}

// Runs one test: fresh server + browser, always cleaned up; exit code 0/1 for CTest.
// `browserArgs` are extra Chromium flags (e.g. to switch a feature off).
// `mounts` are extra folders the page's server exposes (see startServer).
function run(name, body, browserArgs = [], mounts = {}) {
  (async () => {
    const server = await startServer(SITE, mounts);
    const browser = await launchBrowser(browserArgs);
    const t0 = Date.now();
    try {
      await body({ server, browser });
      console.log(`PASS ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      process.exitCode = 0;
    } catch (e) {
      console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
      process.exitCode = 1;
    } finally {
      await browser.close().catch(() => {});
      await server.close();
    }
  })().catch((e) => { console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`); process.exitCode = 1; });
}

module.exports = { ROOT, SITE, SHARED, ARTIFACTS, HTTP_404, startServer, launchBrowser, watchErrors, openApp, state, clickRect,
                   waitState, screenshot, decodePng, imageStats, assert, run };
