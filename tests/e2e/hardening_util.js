// hardening_util.js - helpers of the hardening browser tests (security, bad
// corpus, memory): a second static server on its own origin that answers with
// CORS headers and logs every request (a "data server", or a "third party" that
// must never be contacted), the bad-input corpus generator, and memory readings.
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");
const { execFileSync } = require("child_process");
const h = require("./harness");

const MIME = { ".csv": "text/csv", ".json": "application/json", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
               ".png": "image/png", ".dcm": "application/dicom", ".txt": "text/plain",
               ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

// Serves `dir` (read-only files) on a free 127.0.0.1 port with
// Access-Control-Allow-Origin: *. Every request path is recorded in `hits`.
function startCorsServer(dir) {
  const hits = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url);
    let rel;
    try { rel = decodeURIComponent(new URL(req.url, "http://x").pathname); } catch (e) { rel = "/"; }
    const file = path.join(dir, path.normalize(rel).replace(/^([/\\])+/, ""));
    const headers = { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-cache" };
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404, { ...headers, "Content-Type": "text/plain" });
      res.end("not found");
      return;
    }
    const data = fs.readFileSync(file);
    res.writeHead(200, { ...headers, "Content-Type": MIME[path.extname(file).toLowerCase()] || "application/octet-stream",
                         "Content-Length": data.length });
    res.end(data);
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = server.address().port;
      resolve({ url: `http://127.0.0.1:${port}/`, origin: `http://127.0.0.1:${port}`, hits,
                close: () => new Promise((r) => server.close(r)) });
    });
  });
}

// Generates the bad-input corpus with `duckling-cli badcorpus` into build/badcorpus
// (once per CLI build) and returns {dir, expected}.
function badCorpus(rows = 1000000) {
  const cli = path.join(h.ROOT, "build", "native", "duckling-cli");
  const dir = path.join(h.ROOT, "build", "badcorpus");
  const stamp = path.join(dir, ".stamp-" + rows);
  if (!fs.existsSync(stamp) || fs.statSync(cli).mtimeMs > fs.statSync(stamp).mtimeMs) {
    fs.rmSync(dir, { recursive: true, force: true });
    execFileSync(cli, ["badcorpus", "--out", dir, "--rows", String(rows)], { stdio: ["ignore", "ignore", "inherit"] });
    fs.writeFileSync(stamp, "");
  }
  return { dir, expected: JSON.parse(fs.readFileSync(path.join(dir, "expected.json"), "utf8")) };
}

// Records (and dismisses) every JavaScript dialog - alert() is injected script's
// first move; the test asserts the returned list stays empty.
function recordDialogs(page) {
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  return dialogs;
}

// A demo dataset with `patients` patients and small images (for long browsing),
// generated once into build/e2e-demo<patients>. Returns its folder.
function bigDemo(patients = 210, size = 128) {
  const cli = path.join(h.ROOT, "build", "native", "duckling-cli");
  const dir = path.join(h.ROOT, "build", `e2e-demo${patients}`);
  if (!fs.existsSync(path.join(dir, "train.csv")) || fs.statSync(cli).mtimeMs > fs.statSync(path.join(dir, "train.csv")).mtimeMs) {
    fs.rmSync(dir, { recursive: true, force: true });
    execFileSync(cli, ["demo", "--out", dir, "--patients", String(patients), "--size", String(size)],
                 { stdio: ["ignore", "ignore", "inherit"] });
  }
  return dir;
}

// {heap, textures, textureBytes} from state().memory (wasm heap = linear memory size).
async function memory(page) {
  const m = await page.evaluate(() => window.duckling.state().memory);
  if (!m || typeof m.heap_bytes !== "number" || typeof m.textures !== "number")
    throw new Error("state().memory lacks heap_bytes/textures: " + JSON.stringify(m));
  return { heap: m.heap_bytes, textures: m.textures, textureBytes: m.texture_bytes || 0 };
}

// Presses `key` on the focused canvas and waits until the selected patient changes
// and the patient's tiles settle: none loading and no status change for `stableMs`
// (tiles may stay "pending" when no image loader runs), or `settleMs` passes once
// the patient has changed (a press the loaded app acts on late is waited for, not
// counted as skipped: the next press would otherwise land on top of it).
async function nextPatient(page, key = "j", settleMs = 5000, stableMs = 250) {
  const before = (await h.state(page)).view.patient;
  await page.keyboard.press(key);
  const t0 = Date.now();
  let last = "", since = Date.now(), pressed = t0;
  for (;;) {
    let s = await h.state(page);
    // A press the app did not act on within 3 s is repeated (and counted: headless
    // Chromium occasionally drops one while the render loop is asleep; on a loaded
    // machine a press may take over a second, and repeating it then would step twice).
    if (s.view.patient === before && Date.now() - pressed > 3000) {
      nextPatient.repeats = (nextPatient.repeats || 0) + 1;
      await page.keyboard.press(key);
      pressed = Date.now();
      s = await h.state(page);
    }
    const tiles = (s.view && s.view.tiles) || [];
    const sig = tiles.map((t) => t.status).join(",");
    if (sig !== last) { last = sig; since = Date.now(); }
    const moved = s.view.patient !== before;
    const idle = tiles.length && tiles.every((t) => t.status !== "loading");
    if (moved && idle && (tiles.every((t) => t.status !== "pending") || Date.now() - since >= stableMs)) return s;
    if ((moved && Date.now() - t0 > settleMs) || Date.now() - t0 > Math.max(settleMs, 15000)) return s;
    await new Promise((r) => setTimeout(r, 30));
  }
}

// Like harness.openApp, but tolerant of state() throwing while the wasm runtime is
// still starting (reported to the platform owner: boot.js calls the export early).
async function openApp(page, baseUrl, suffix = "", timeoutMs = 90000) {
  await page.goto(baseUrl + suffix, { waitUntil: "load" });
  await page.waitForFunction(() => {
    try { return window.duckling && window.duckling.state().ready === true; } catch (e) { return false; }
  }, null, { timeout: timeoutMs, polling: 100 });
  return h.state(page);
}

// Waits until state() is ready or failed, tolerating early throws; returns it.
async function settle(page, timeoutMs = 90000) {
  await page.waitForFunction(() => {
    try { const s = window.duckling && window.duckling.state(); return s && (s.ready === true || s.failed === true); }
    catch (e) { return false; }
  }, null, { timeout: timeoutMs, polling: 100 });
  return h.state(page);
}

module.exports = { startCorsServer, badCorpus, recordDialogs, bigDemo, memory, nextPatient, openApp, settle };
