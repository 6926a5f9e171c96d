// ab_csv_load.js - is build B's csv_load faster than build A's? Loads both
// builds of duckling-bench-page in one headless Chromium page and times their
// load_csv of train.csv call by call, alternately (bench/page/ab_page.js), in
// several fresh pages. Separate bench runs on this shared 2-core machine differ by
// more than most changes are worth; side by side they do not (an A/A run gives
// equal medians).
//   usage: node bench/ab_csv_load.js DIR_A DIR_B [--runs N] [--pages P]
// DIR_X holds duckling-bench-page.js and .wasm (e.g. build/web/bench, or a copy
// of it made before a change). Prints one JSON line per page:
// {"A","B" (medians, ms),"minA","minB","bFaster","runs"}.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const h = require("../tests/e2e/harness");
const hh = require("../tests/e2e/hardening_util");

const arg = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d; };
const [dirA, dirB] = process.argv.slice(2, 4);
if (!dirA || !dirB || dirA.startsWith("--") || dirB.startsWith("--")) {
  console.error("usage: node bench/ab_csv_load.js DIR_A DIR_B [--runs N] [--pages P]");
  process.exit(2);
}
const RUNS = Number(arg("--runs", 41)), PAGES = Number(arg("--pages", 3));
const SHARED = [path.join(h.ROOT, "..", "shared"), path.join(h.ROOT, "..", "..", "shared")].find((d) => fs.existsSync(d));

// The page directory: ab.html, ab_page.js and each build renamed to benchA/benchB
// (its factory, createDucklingBench, and its .wasm file name renamed alike).
function assemble() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duckling-ab-"));
  for (const f of ["ab.html", "ab_page.js"]) fs.copyFileSync(path.join(__dirname, "page", f), path.join(dir, f));
  for (const [v, from] of [["A", dirA], ["B", dirB]]) {
    const base = path.join(path.resolve(from), "duckling-bench-page");
    if (!fs.existsSync(base + ".js") || !fs.existsSync(base + ".wasm")) throw new Error(`${from}: no duckling-bench-page.js/.wasm`);
    const js = fs.readFileSync(base + ".js", "utf8").replace(/createDucklingBench/g, "createBench" + v)
      .replace(/duckling-bench-page\.wasm/g, "bench" + v + ".wasm");
    fs.writeFileSync(path.join(dir, "bench" + v + ".js"), js);
    fs.copyFileSync(base + ".wasm", path.join(dir, "bench" + v + ".wasm"));
  }
  return dir;
}

(async () => {
  const dir = assemble();
  const browser = await h.launchBrowser();
  const data = await hh.startCorsServer(path.join(SHARED, "data"));
  const site = await hh.startCorsServer(dir);
  let code = 0;
  try {
    for (let p = 0; p < PAGES; p++) {
      const page = await browser.newPage();
      await page.goto(`${site.url}ab.html?runs=${RUNS}&data=${encodeURIComponent(data.url)}`);
      await page.waitForFunction(() => window.abResult, null, { timeout: 10 * 60000, polling: 500 });
      const r = await page.evaluate(() => window.abResult);
      if (r.error) throw new Error(r.error);
      console.log(JSON.stringify(r));
      await page.close();
    }
  } catch (e) {
    console.error("ab_csv_load: " + (e && e.stack ? e.stack : e));
    code = 1;
  } finally {
    await browser.close().catch(() => {});
    await data.close();
    await site.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exit(code);
})();
