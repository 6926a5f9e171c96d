// bench_index.js - the background index in the browser (web/index_pool.js):
// a dataset is opened by ?data=, its cached results are cleared first, and the
// run is timed from its start to "done". Reported per run: the mean worker time
// per image (decode at analysis size + features, one worker), the pool's
// throughput (images computed per second of running time, and per second of wall
// time), the frame intervals (requestAnimationFrame) while it runs, p50/p95/max,
// and what indexing costs the main thread: the app's take-up, batches and
// rescoring (state().indexing.main_ms, the most in one turn main_max_ms) plus the
// page's share (web/index_pool.js: messages, results into wasm, IndexedDB).
// The frames without indexing are measured on the same page once it is done,
// with the app made to redraw as often as the progress bar did (software WebGL
// makes every drawn frame long in headless Chromium whatever causes it).
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const { execFileSync } = require("child_process");
const h = require("../tests/e2e/harness");

const HEADER = "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target";

function percentile(v, p) {
  const t = v.slice().sort((a, b) => a - b);
  return t.length ? t[Math.min(t.length - 1, Math.floor(t.length * p))] : null;
}

// derm2018's real JPEGs as an ISIC-style folder (links, nothing copied): DIR/train.csv
// and DIR/train/*.jpg, ten images per made-up patient.
function dermFolder(shared) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duckling-bench-index-derm-"));
  const src = path.join(shared, "data", "derm2018");
  const rows = fs.readFileSync(path.join(src, "labels.csv"), "utf8").split(/\r?\n/).slice(1).filter((l) => l);
  fs.mkdirSync(path.join(dir, "train"));
  const out = rows.map((l, i) => {
    const [id, dx] = l.split(",");
    fs.symlinkSync(path.join(src, "images", id + ".jpg"), path.join(dir, "train", id + ".jpg"));
    const mel = dx === "mel";
    return [id, "IP_DERM_" + String(Math.floor(i / 10)).padStart(3, "0"), "female", "50.0", "torso",
            mel ? "melanoma" : "nevus", mel ? "malignant" : "benign", mel ? 1 : 0].join(",");
  });
  fs.writeFileSync(path.join(dir, "train.csv"), HEADER + "\n" + out.join("\n") + "\n");
  return dir;
}

// The synthetic demo scaled up (`duckling-cli demo`): `patients` patients of `size`-px JPEGs.
function demoFolder(cli, patients, size) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duckling-bench-index-demo-"));
  execFileSync(cli, ["demo", "--out", dir, "--patients", String(patients), "--size", String(size), "--seed", "3"]);
  return dir;
}

// One indexing run of the folder mounted at `mount` (its train.csv) in a new page.
async function indexRun(browser, site, mount, timeoutMs = 600000) {
  const page = await browser.newPage();
  const watch = h.watchErrors(page);
  // Results of an earlier run would be taken from the cache: clear it first.
  await h.openApp(page, site.url, "", 120000);
  await page.evaluate(() => window.DucklingIndex.clearCache());
  await page.goto(site.url + "?data=" + mount + "train.csv", { waitUntil: "load" });
  await page.evaluate(() => {
    window.__frames = [];
    window.__long = [];
    let last = performance.now();
    const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__frames.length < 1e6) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    try {
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); })
        .observe({ type: "longtask", buffered: false });
    } catch (e) { /* no long task timing */ }
  });
  await page.waitForFunction(() => window.duckling && window.duckling.state().ready === true, null, { timeout: 120000 });
  const s0 = await h.waitState(page, (s) => s.indexing.state === "running" || s.indexing.state === "done", "indexing to start", 60000);
  const t0 = Date.now();
  const s = await h.waitState(page, (st) => st.indexing.state === "done", "indexing to finish", timeoutMs);
  const wallS = (Date.now() - t0) / 1000;
  const pool = await page.evaluate(() => window.DucklingIndex.stats());
  const frames = (await page.evaluate(() => window.__frames.splice(0))).slice(1);
  const longs = await page.evaluate(() => window.__long.splice(0));
  // The same page without indexing: redrawn as often as the progress bar was.
  const quiet = await page.evaluate(async (ms) => {
    await new Promise((r) => setTimeout(r, 1000));  // the last batch's rescoring
    window.__frames.splice(0);
    window.__long.splice(0);
    const t = setInterval(() => Module._duck_request_redraw(), 250);
    await new Promise((r) => setTimeout(r, ms));
    clearInterval(t);
    return { frames: window.__frames.splice(0).slice(1), longs: window.__long.splice(0) };
  }, Math.min(10000, Math.max(3000, wallS * 1000)));
  watch.check();
  await page.close();
  const ix = s.indexing;
  const sum = (v) => v.reduce((a, b) => a + b, 0);
  const quietS = sum(quiet.frames) / 1000;
  return {
    images: ix.total, computed: ix.computed, failed: ix.failed, workers: ix.workers, pool_total: s0.indexing.total,
    worker_ms: ix.worker_ms, rate_per_s: ix.rate, running_s: ix.elapsed_s, wall_s: wallS,
    wall_rate_per_s: ix.computed / wallS, depth: pool.depth,
    frame_p50_ms: percentile(frames, 0.5), frame_p95_ms: percentile(frames, 0.95), frame_max_ms: Math.max(...frames),
    frames: frames.length,
    quiet_frame_p50_ms: percentile(quiet.frames, 0.5), quiet_frame_p95_ms: percentile(quiet.frames, 0.95),
    quiet_frame_max_ms: Math.max(...quiet.frames), quiet_frames: quiet.frames.length,
    long_tasks_per_s: longs.length / wallS, long_task_ms_per_s: sum(longs) / wallS,
    quiet_long_tasks_per_s: quiet.longs.length / quietS, quiet_long_task_ms_per_s: sum(quiet.longs) / quietS,
    main_app_ms: ix.main_ms, main_app_max_turn_ms: ix.main_max_ms, main_page_ms: pool.main_ms,
    main_ms_per_s: ((ix.main_ms || 0) + (pool.main_ms || 0)) / wallS,
    main_ms_per_image: ix.computed ? ((ix.main_ms || 0) + (pool.main_ms || 0)) / ix.computed : null,
  };
}

module.exports = { dermFolder, demoFolder, indexRun };
