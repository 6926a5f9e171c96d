// bench_open.js - how fast a patient is on screen in headless Chromium (software
// WebGL), for scripts/bench (run_bench.js calls these):
//   first_patient_ready  page load (navigation start) -> the demo's first patient
//                        "filled and scored";
//   patient_open         `j` -> the next demo patient filled and scored, over a walk
//                        through the demo's patients (3-44 lesions each);
//   patient_open_real    `j` -> a patient of 12 real ISIC images (../shared/data,
//                        the largest 12: two 6000x4000) filled and scored, by ?data=.
// "Filled and scored", read from window.duckling.state(): every tile of the
// patient has its image (or its failure) and its texture (images.pending_uploads
// is 0), and every tile's model_status is known (not "pending"). Each open starts
// with an empty image cache (IndexedDB cleared). The page checks state() every
// 20 ms (a figure is at most that late; checking more often costs the page's
// main thread measurably). Beside each row: the page's frame intervals
// (requestAnimationFrame) while loading, p50 and p95.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const h = require("../tests/e2e/harness");
const hh = require("../tests/e2e/hardening_util");

// Page errors fail the run, except 404s (the browser's favicon request on the
// style sheet page, layouts the image folder lacks).
function watch(page) {
  const w = h.watchErrors(page);
  return {
    check() {
      const bad = w.errors.filter((e) => !/Failed to load resource: .* 404/.test(e));
      if (bad.length) throw new Error("browser reported errors:\n  " + bad.join("\n  "));
    },
  };
}

// Installed in the page: time of the last `j` key-down, rAF intervals, and a
// promise for "the current patient (other than `notPatient`) is filled and scored".
function pageTools() {
  window.__bench = { keyAt: 0, frames: [], recording: false };
  window.addEventListener("keydown", (e) => { if (e.key === "j") window.__bench.keyAt = performance.now(); }, true);
  let last = 0;
  const tick = (t) => {
    if (window.__bench.recording && last) window.__bench.frames.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  window.__filled = (notPatient) => new Promise((resolve) => {
    const check = () => {
      let s = null;
      try { s = window.duckling && window.duckling.state(); } catch (e) { s = null; }
      const tiles = s && s.view && s.view.tiles;
      if (s && tiles && tiles.length && s.view.patient !== notPatient &&
          tiles.every((t) => t.status !== "pending" && t.status !== "loading" && t.model_status !== "pending") &&
          !(s.images.pending_uploads > 0)) {
        resolve({ at: performance.now(), patient: s.view.patient, lesions: tiles.length, cached: s.images.cached });
        return;
      }
      setTimeout(check, 20);
    };
    check();
  });
}

// Forgets the page's image cache: from a same-origin document without the app
// (the site's style sheet), so no open connection blocks the deletion.
async function clearImageCache(page, siteUrl) {
  await page.goto(siteUrl + "web/duckling.css");
  await page.evaluate(() => new Promise((resolve) => {
    const rq = indexedDB.deleteDatabase("duckling-images");
    rq.onsuccess = rq.onerror = rq.onblocked = () => resolve();
  }));
}

function percentile(v, p) {
  const t = v.slice().sort((a, b) => a - b);
  return t.length ? t[Math.min(t.length - 1, Math.floor(t.length * p))] : null;
}

// Page load -> first patient filled and scored (the demo), `runs` times.
async function firstPatientReady(browser, site, runs) {
  const page = await browser.newPage();
  const errors = watch(page);
  await page.addInitScript(pageTools);
  const times = [], frames = [];
  let lesions = 0;
  for (let i = 0; i < runs; i++) {
    await clearImageCache(page, site.url);
    await page.goto(site.url);
    await page.evaluate(() => { window.__bench.recording = true; });
    const r = await page.evaluate(() => window.__filled(null));
    frames.push(...(await page.evaluate(() => window.__bench.frames.splice(0))));
    times.push(r.at);
    lesions = r.lesions;
  }
  errors.check();
  await page.close();
  return { times, frames, lesions };
}

// `j` -> next patient filled and scored, `opens` times in one page (one cache clear first).
async function walkOpens(page, opens, settleFirst) {
  await settleFirst();
  await page.evaluate(() => document.getElementById("canvas").focus());
  const times = [], sizes = [], frames = [];
  let cached = 0;
  for (let i = 0; i < opens; i++) {
    const before = (await h.state(page)).view.patient;
    await page.evaluate(() => { window.__bench.frames.length = 0; window.__bench.recording = true; });
    await page.keyboard.press("j");
    const r = await page.evaluate((p) => window.__filled(p), before);
    const keyAt = await page.evaluate(() => { window.__bench.recording = false; return window.__bench.keyAt; });
    frames.push(...(await page.evaluate(() => window.__bench.frames.splice(0))));
    times.push(r.at - keyAt);
    sizes.push(r.lesions);
    cached = r.cached;
  }
  return { times, sizes, frames, cached };
}

async function patientOpen(browser, site, opens) {
  const page = await browser.newPage();
  const errors = watch(page);
  await page.addInitScript(pageTools);
  await clearImageCache(page, site.url);
  await page.goto(site.url);
  const r = await walkOpens(page, opens, () => page.evaluate(() => window.__filled(null)));
  errors.check();
  await page.close();
  return r;
}

// A folder with train.csv (patient IP_BENCH_A: 3 images, IP_BENCH_B: 12) whose
// images are links to the largest 12 + 3 more real ISIC images (never copied);
// without `withA` only IP_BENCH_B.
function realFolder(shared, withA = true) {
  const imgDir = path.join(shared, "data", "isic2020", "images");
  const pixels = (f) => {
    const b = fs.readFileSync(path.join(imgDir, f));
    for (let i = 2; i + 9 < b.length;) {
      if (b[i] !== 0xff) { i++; continue; }
      const m = b[i + 1];
      if (m >= 0xc0 && m <= 0xc2) return b.readUInt16BE(i + 5) * b.readUInt16BE(i + 7);
      i += 2 + b.readUInt16BE(i + 2);
    }
    return 0;
  };
  const all = fs.readdirSync(imgDir).filter((f) => /\.jpg$/.test(f)).sort((a, b) => pixels(b) - pixels(a) || (a < b ? -1 : 1));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duckling-bench-real-"));
  fs.mkdirSync(path.join(dir, "train"));
  const rows = ["image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target"];
  all.slice(0, withA ? 15 : 12).forEach((f, i) => {
    fs.symlinkSync(path.join(imgDir, f), path.join(dir, "train", f));
    rows.push(`${f.replace(/\.jpg$/, "")},${i < 12 ? "IP_BENCH_B" : "IP_BENCH_A"},female,50,torso,unknown,benign,0`);
  });
  fs.writeFileSync(path.join(dir, "train.csv"), rows.join("\n") + "\n");
  return { dir, images: all.slice(0, 12) };
}

// `j` from IP_BENCH_A to the 12 real images, each open in a fresh page with an empty cache.
async function patientOpenReal(browser, site, shared, opens) {
  const folder = realFolder(shared);
  const data = await hh.startCorsServer(folder.dir);
  const page = await browser.newPage();
  const errors = watch(page);
  await page.addInitScript(pageTools);
  const all = { times: [], sizes: [], frames: [], cached: 0 };
  try {
    for (let i = 0; i < opens; i++) {
      await clearImageCache(page, site.url);
      await page.goto(site.url + "?data=" + data.url + "#patient=IP_BENCH_A");
      const r = await walkOpens(page, 1, () => page.evaluate(() => window.__filled(null)));
      if (r.sizes[0] !== 12) throw new Error(`patient_open_real: \`j\` opened a patient of ${r.sizes[0]} lesions, not the 12 real images`);
      for (const k of ["times", "sizes", "frames"]) all[k].push(...r[k]);
      all.cached += r.cached;
    }
    errors.check();
  } finally {
    await page.close();
    await data.close();
    fs.rmSync(folder.dir, { recursive: true, force: true });
  }
  return Object.assign(all, { images: folder.images });
}

// The desktop app under xvfb: process start -> first patient filled and scored
// (`duckling --data DIR --time-open`), for the demo folder and the 12 real images.
function nativeOpens(duckling, demoDir, shared, runs) {
  const { execFileSync } = require("child_process");
  const real = realFolder(shared, false);
  const out = { demo: [], real: [], demoLesions: 0 };
  try {
    for (let i = 0; i < runs; i++) {
      for (const [key, dir] of [["demo", demoDir], ["real", real.dir]]) {
        const text = execFileSync("xvfb-run", ["-a", "-s", "-screen 0 1280x800x24", duckling, "--data", dir, "--time-open"],
                                  { encoding: "utf8", timeout: 120000 });
        const j = JSON.parse(text.split("\n").find((l) => l.startsWith("{\"first_patient_ready_ms\"")));
        out[key].push(j.first_patient_ready_ms);
        if (key === "demo") out.demoLesions = j.lesions;
        else if (j.lesions !== 12) throw new Error(`native: the first patient has ${j.lesions} lesions, not the 12 real images`);
      }
    }
  } finally {
    fs.rmSync(real.dir, { recursive: true, force: true });
  }
  return out;
}

// `?data=` to a synthetic ISIC 2024 patient of 500 lesions (duckling-cli demo-slice3d,
// served under /slice3d/): ms from navigation start to its 500 tiles and body-map
// points drawn (`shown`) and to all 500 scored from their measurements (`scored`),
// checked in the page every 10 ms (from outside, each check would carry the whole
// state() of 500 tiles over the DevTools protocol: 100+ ms late under load).
async function openSlice3d(browser, server) {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.__slice3d = { shown: 0, scored: 0 };
    const check = () => {
      let s = null;
      try { s = window.duckling && window.duckling.state && window.duckling.state(); } catch (e) { s = null; }
      const tiles = s && s.view && s.view.patient === "SYNP_0001" ? s.view.tiles : [];
      const points = s && s.ui && s.ui.rects ? Object.keys(s.ui.rects).filter((k) => k.startsWith("view/body_map/point/")).length : 0;
      if (!window.__slice3d.shown && tiles.length === 500 && points === 500) window.__slice3d.shown = performance.now();
      if (window.__slice3d.shown && tiles.every((t) => t.model_status === "ok")) {
        window.__slice3d.scored = performance.now();
        return;
      }
      setTimeout(check, 10);
    };
    check();
  });
  await page.goto(server.url + "?data=slice3d/train-metadata.csv#patient=SYNP_0001", { waitUntil: "load" });
  await page.waitForFunction(() => window.__slice3d.scored > 0, null, { timeout: 120000, polling: 100 });
  const t = await page.evaluate(() => window.__slice3d);
  await page.close();
  return { shown: Math.round(t.shown), scored: Math.round(t.scored) };
}

module.exports = { pageTools, firstPatientReady, patientOpen, patientOpenReal, nativeOpens, openSlice3d, percentile };
