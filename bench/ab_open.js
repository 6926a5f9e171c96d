// ab_open.js - is site B faster than site A at opening patients? Serves two
// assembled sites (build/site, or a copy of it made before a change) and runs
// the patient-opening benchmarks of bench_open.js on them alternately, round by
// round (A then B, then B then A, ...), in one headless Chromium (software WebGL):
//   first_patient_ready  page load -> the demo's first patient filled and scored;
//   patient_open         `j` -> the next demo patient filled and scored (OPENS per round);
//   open_slice3d500      `?data=` to a SYNTHETIC ISIC 2024 patient of 500 lesions
//                        (duckling-cli demo-slice3d; no images): 500 tiles and
//                        body-map points shown, then all 500 scored from their
//                        measurements (ms from navigation start, checked in the page).
// Separate runs on a shared machine differ by more than most changes are worth;
// alternating rounds share the load. Needs build/native-core/duckling-cli.
//   usage: node bench/ab_open.js SITE_A SITE_B [ROUNDS=5] [OPENS=6]
// Prints per site medians (min-max) in ms and the frame intervals while loading,
// then one JSON line with every figure.
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const h = require("../tests/e2e/harness");
const b = require("./bench_open");

const [siteA, siteB] = process.argv.slice(2, 4);
if (!siteA || !siteB) {
  console.error("usage: node bench/ab_open.js SITE_A SITE_B [ROUNDS] [OPENS]");
  process.exit(2);
}
const rounds = Number(process.argv[4] || 5), opens = Number(process.argv[5] || 6);
const dir = path.join(h.ROOT, "build", "bench", "slice3d");
fs.mkdirSync(dir, { recursive: true });
execFileSync(path.join(h.ROOT, "build", "native-core", "duckling-cli"),
             ["demo-slice3d", "--out", path.join(dir, "train-metadata.csv"), "--patients", "3", "--lesions", "500"]);

const med = (a) => { const t = a.slice().sort((x, y) => x - y); return t.length ? t[t.length >> 1] : null; };
const fmt = (a) => `${Math.round(med(a))} (${Math.round(Math.min(...a))}-${Math.round(Math.max(...a))})`;

(async () => {
  const sites = { A: path.resolve(siteA), B: path.resolve(siteB) };
  const servers = {}, R = {};
  for (const k of ["A", "B"]) {
    servers[k] = await h.startServer(sites[k], { "/slice3d/": dir });
    R[k] = { first_patient_ready: [], patient_open: [], frames: [], slice3d_shown: [], slice3d_scored: [] };
  }
  const browser = await h.launchBrowser();
  try {
    for (let r = 0; r < rounds; r++) {
      for (const k of r % 2 ? ["B", "A"] : ["A", "B"]) {
        const f = await b.firstPatientReady(browser, servers[k], 1);
        const o = await b.patientOpen(browser, servers[k], opens);
        const s = await b.openSlice3d(browser, servers[k]);
        R[k].first_patient_ready.push(...f.times);
        R[k].patient_open.push(...o.times);
        R[k].frames.push(...f.frames, ...o.frames);
        R[k].slice3d_shown.push(s.shown);
        R[k].slice3d_scored.push(s.scored);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    for (const s of Object.values(servers)) await s.close();
  }
  for (const k of ["A", "B"]) {
    const x = R[k];
    console.log(`${k} ${sites[k]}: first_patient_ready ${fmt(x.first_patient_ready)}; patient_open ${fmt(x.patient_open)} ` +
                `(${x.patient_open.length} opens); frames p50 ${Math.round(b.percentile(x.frames, 0.5))} p95 ` +
                `${Math.round(b.percentile(x.frames, 0.95))}; slice3d500 shown ${fmt(x.slice3d_shown)}, scored ${fmt(x.slice3d_scored)}`);
  }
  console.log(JSON.stringify({ name: "ab_open", unit: "ms", rounds, opens, sites, results: R }));
})().catch((e) => { console.error(e); process.exitCode = 1; });
