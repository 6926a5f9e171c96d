// open_slice3d.js - browser open time of a SYNTHETIC ISIC 2024 patient of 500
// lesions (duckling-cli demo-slice3d: made-up rows in the challenge's layout, no
// images): from navigation to `?data=` to (1) the patient's 500 tiles and 500
// body-map points drawn, (2) every lesion scored from its measurements (after the
// image fetches have all failed). Usage: node bench/open_slice3d.js [runs]
// (needs build/site and build/native-core/duckling-cli). Prints one JSON line.
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const h = require("../tests/e2e/harness");

const runs = Number(process.argv[2] || 3);
const dir = path.join(h.ROOT, "build", "bench", "slice3d");
fs.mkdirSync(dir, { recursive: true });
execFileSync(path.join(h.ROOT, "build", "native-core", "duckling-cli"),
             ["demo-slice3d", "--out", path.join(dir, "train-metadata.csv"), "--patients", "3", "--lesions", "500"]);

(async () => {
  const server = await h.startServer(h.SITE, { "/slice3d/": dir });
  const browser = await h.launchBrowser();
  const shown = [], scored = [];
  try {
    for (let r = 0; r < runs; ++r) {
      const page = await browser.newPage();
      const t0 = Date.now();
      // Polled from navigation on (state().ready waits for every image of the patient).
      await page.goto(server.url + "?data=slice3d/train-metadata.csv#patient=SYNP_0001", { waitUntil: "load" });
      await page.waitForFunction(() => window.duckling && window.duckling.state, null, { timeout: 120000, polling: 20 });
      await h.waitState(page, (s) => s.view && s.ui && s.ui.rects && s.view.patient === "SYNP_0001" && s.view.tiles.length === 500 &&
                        Object.keys(s.ui.rects).filter((k) => k.startsWith("view/body_map/point/")).length === 500,
                        "500 tiles and points", 120000);
      shown.push(Date.now() - t0);
      await h.waitState(page, (s) => s.view && s.view.tiles.length === 500 && s.view.tiles.every((t) => t.model_status === "ok"), "500 lesions scored", 120000);
      scored.push(Date.now() - t0);
      await page.close();
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
  const med = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
  console.log(JSON.stringify({ name: "open_slice3d500_browser", unit: "ms", shown_median: med(shown), shown,
                               scored_median: med(scored), scored, runs, synthetic: true }));
})().catch((e) => { console.error(e); process.exitCode = 1; });
