// test_serve.js - the README's first command, for real: `scripts/serve
// --port N` (install check, build, site, static server) prints its URL, and
// headless Chromium shows the app there with the demo data; the screenshot is
// checked not to be blank. Everything is already built when CTest runs, so the
// command only re-checks (idempotent) before serving.
"use strict";
const { spawn } = require("child_process");
const net = require("net");
const path = require("path");
const h = require("./harness");

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on("error", reject);
    s.listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

h.run("serve", async ({ browser }) => {
  const port = await freePort();
  const child = spawn("bash", [path.join(h.ROOT, "scripts", "serve"), "--port", String(port)],
                      { cwd: h.ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let out = "", err = "";
  child.stdout.on("data", (d) => { out += d; });
  child.stderr.on("data", (d) => { err += d; });
  try {
    const url = `http://127.0.0.1:${port}/`;
    const t0 = Date.now();
    while (!out.includes(url)) {
      if (child.exitCode !== null) throw new Error(`scripts/serve exited ${child.exitCode}:\n${err.slice(-2000)}`);
      if (Date.now() - t0 > 180000) throw new Error("scripts/serve did not print " + url + ":\n" + out + err.slice(-2000));
      await new Promise((r) => setTimeout(r, 200));
    }
    const page = await browser.newPage();
    const watch = h.watchErrors(page);
    const s = await h.openApp(page, url);
    h.assert(s.dataset.source === "demo" && s.dataset.patients > 0, "serve opens the demo data: " + JSON.stringify(s.dataset).slice(0, 200));
    const { png } = await h.screenshot(page, "serve");
    const st = h.imageStats(png);
    h.assert(st.variance > 50 && st.colours > 20, "the served page is not blank: " + JSON.stringify(st));
    watch.check();
  } finally {
    try { process.kill(-child.pid, "SIGTERM"); } catch (e) { /* already gone */ }
  }
});
