// run_queue_test.js - serves the worker module, web/image_queue.js,
// web/decode_worker.js and a few real ISIC files, then runs queue_test.html in
// Debian's headless Chromium through playwright-core (tests/e2e/node_modules).
// usage: node run_queue_test.js BUILD_DIR SHARED_DIR   (exit 0 = PASS)
"use strict";
const fs = require("fs");
const http = require("http");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..", "..");
let chromium;
try {
  ({ chromium } = require(path.join(ROOT, "tests", "e2e", "node_modules", "playwright-core")));
} catch (e) {
  ({ chromium } = require("playwright-core"));  // NODE_PATH
}
const [buildDir, sharedDir] = process.argv.slice(2).map((p) => path.resolve(p));

// URL path -> file on disk (nothing else is served).
const files = {
  "/queue_test.html": path.join(__dirname, "queue_test.html"),
  "/queue_test.js": path.join(__dirname, "queue_test.js"),
  "/image_queue.js": path.join(ROOT, "web", "image_queue.js"),
  "/decode_worker.js": path.join(ROOT, "web", "decode_worker.js"),
  "/duckling-worker.js": path.join(buildDir, "duckling-worker.js"),
  "/duckling-worker.wasm": path.join(buildDir, "duckling-worker.wasm"),
  "/data/ISIC_0015719.dcm": path.join(sharedDir, "data/other/dicom/ISIC_0015719.dcm"),
};
for (const n of ["ISIC_0075914", "ISIC_0074311", "ISIC_0052212", "ISIC_2637011", "ISIC_0081956"])
  files[`/data/${n}.jpg`] = path.join(sharedDir, `data/isic2020/images/${n}.jpg`);
const MIME = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };

const server = http.createServer((req, res) => {
  const file = files[new URL(req.url, "http://x").pathname];
  if (!file) { res.writeHead(404); res.end("not found"); return; }
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(500); res.end(String(err)); return; }
    res.writeHead(200, { "Content-Type": MIME[path.extname(file)] || "application/octet-stream" });
    res.end(data);
  });
});

server.listen(0, "127.0.0.1", async () => {
  const url = `http://127.0.0.1:${server.address().port}/queue_test.html`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "duckling-queue-"));
  let code = 1;
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.DUCK_CHROMIUM || "/usr/bin/chromium", headless: true,
    args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
  });
  try {
    const page = await ctx.newPage();
    page.on("pageerror", (e) => console.log("page error:", e.message));
    await page.goto(url);
    await page.waitForFunction(() => /^(PASS|FAIL)/.test(document.title), null, { timeout: 240000 });
    console.log(await page.textContent("#out"));
    code = (await page.title()).startsWith("PASS") ? 0 : 1;
  } catch (e) {
    console.log("queue test error:", e.message);
  } finally {
    await ctx.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
    process.exit(code);
  }
});
