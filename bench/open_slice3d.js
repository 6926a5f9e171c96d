// open_slice3d.js - browser open time of a SYNTHETIC ISIC 2024 patient of 500
// lesions (duckling-cli demo-slice3d: made-up rows in the challenge's layout, no
// images): from navigation start with `?data=` to (1) the patient's 500 tiles and
// 500 body-map points drawn, (2) every lesion scored from its measurements (checked
// in the page every 10 ms). Usage: node bench/open_slice3d.js [runs]
// (needs build/site and build/native-core/duckling-cli). Prints one JSON line.
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const h = require("../tests/e2e/harness");
const { openSlice3d } = require("./bench_open");

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
      const one = await openSlice3d(browser, server);
      shown.push(one.shown);
      scored.push(one.scored);
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
  const med = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
  console.log(JSON.stringify({ name: "open_slice3d500_browser", unit: "ms", shown_median: med(shown), shown,
                               scored_median: med(scored), scored, runs, synthetic: true }));
})().catch((e) => { console.error(e); process.exitCode = 1; });
