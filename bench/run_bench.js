// run_bench.js - the measuring half of scripts/bench (which builds first): runs
// the native benchmarks, then headless Chromium (playwright-core + Debian's
// Chromium, as the e2e tests): bench/page/bench.html for the wasm-vs-peer figures
// in one page, and the app itself (build/site) for startup, idle CPU, heap and
// frame figures. Prints one JSON object per line and writes them to OUT.
//   usage: node bench/run_bench.js --runs N --out FILE [--only NAME[,NAME...]]
// --only keeps the benchmarks whose result names (without "_native") start with
// one of the NAMEs, e.g. --only features_simd,patient16 or --only decode; the
// rest are not run at all (their pages are not even opened).
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const zlib = require("zlib");
const { execFileSync } = require("child_process");
const h = require("../tests/e2e/harness");
const hh = require("../tests/e2e/hardening_util");
const opening = require("./bench_open");
const indexing = require("./bench_index");

const ROOT = h.ROOT;
const arg = (k, d) => { const i = process.argv.indexOf(k); return i > 0 ? process.argv[i + 1] : d; };
const RUNS = Math.max(1, Number(arg("--runs", 15)));
const OUT = path.resolve(arg("--out", path.join(ROOT, "build", "bench", "latest.json")));
const SHARED = [path.join(ROOT, "..", "shared"), path.join(ROOT, "..", "..", "shared")].find((d) => fs.existsSync(d));
const NATIVE = path.join(ROOT, "build", "native", "bench");
const WEB = path.join(ROOT, "build", "web");
const MB = 1 << 20;
const ONLY = (arg("--only", "") || "").split(",").map((x) => x.trim()).filter(Boolean);
// True when the result `name` is selected by --only (everything without it).
function wanted(name) {
  const base = name.replace(/_native$/, "");
  return !ONLY.length || ONLY.some((o) => base.startsWith(o));
}
const wantedAny = (...names) => names.some(wanted);

const results = [];
function emit(j) {
  if (!wanted(j.name)) return;
  results.push(j);
  console.log(JSON.stringify(j));
}
function stats(v) {
  const t = v.slice().sort((a, b) => a - b), mid = t.length >> 1;
  return { min: t[0], median: t.length % 2 ? t[mid] : (t[mid - 1] + t[mid]) / 2, max: t[t.length - 1], runs: t.length,
           p95: t[Math.min(t.length - 1, Math.floor(t.length * 0.95))] };
}
function line(name, unit, s, extra = {}) {
  return Object.assign({ name, unit, min: s.min, median: s.median, max: s.max, runs: s.runs,
                         peer: null, peer_median: null, ratio: null }, extra);
}
// Page errors fail the run, except the 404s of images the real folder lacks.
function check(watch) {
  const bad = watch.errors.filter((e) => !/Failed to load resource: .* 404/.test(e));
  if (bad.length) throw new Error("browser reported errors:\n  " + bad.join("\n  "));
}
function jsonLines(text) {
  return text.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l));
}

// ---- native --------------------------------------------------------------------
// duckling-bench with --only's names as its filter (suites whose name contains
// one); a filter that matches no suite there is not an error here.
function benchArgs() {
  return ["--runs", String(RUNS)].concat(ONLY.length ? [ONLY.join(",")] : []);
}
function native() {
  let out = "";
  try {
    out = execFileSync(path.join(NATIVE, "duckling-bench"), benchArgs(), { encoding: "utf8" });
  } catch (e) {
    // With --only, a native binary not built (browser-only names) is not an error either.
    if (!(ONLY.length && (/no benchmark matches/.test(String(e.stderr)) || e.code === "ENOENT"))) throw e;
  }
  for (const j of jsonLines(out))
    emit(Object.assign(j, { name: j.name.endsWith("_native") ? j.name : j.name + "_native" }));
  const ui = path.join(NATIVE, "duckling_bench_ui");
  // p95 of frames scrolling the 115-lesion grid and the synthetic 500-lesion ISIC 2024 patient (goal 16.7 ms)
  if (fs.existsSync(ui) && (wanted("frame_grid115") || wanted("frame_slice3d500")))
    for (const j of jsonLines(execFileSync(ui, [], { encoding: "utf8" }))) emit(j);
}

// ---- browser: the wasm-vs-peer page --------------------------------------------
function assemblePage() {
  const dir = path.join(ROOT, "build", "bench", "page");
  fs.mkdirSync(dir, { recursive: true });
  const copy = (from) => fs.copyFileSync(from, path.join(dir, path.basename(from)));
  for (const f of fs.readdirSync(path.join(__dirname, "page"))) copy(path.join(__dirname, "page", f));
  for (const e of [".js", ".wasm"]) copy(path.join(WEB, "bench", "duckling-bench-page" + e));
  for (const e of [".js", ".wasm"]) copy(path.join(WEB, "duckling-worker" + e));
  copy(path.join(ROOT, "web", "image_queue.js"));
  copy(path.join(ROOT, "web", "decode_worker.js"));
  copy(path.join(__dirname, "node_modules", "papaparse", "papaparse.min.js"));
  return dir;
}

async function benchPage(browser, data) {
  const site = await hh.startCorsServer(assemblePage());  // any folder (no index.html needed)
  try {
    const page = await browser.newPage();
    const watch = h.watchErrors(page);
    const only = ONLY.length ? "&only=" + encodeURIComponent(ONLY.join(",")) : "";
    await page.goto(`${site.url}bench.html?runs=${RUNS}&data=${encodeURIComponent(data.url)}${only}`);
    await page.waitForFunction(() => window.benchResult, null, { timeout: 15 * 60000, polling: 500 });
    const r = await page.evaluate(() => window.benchResult);
    if (r.error) throw new Error("bench page: " + r.error);
    watch.check();
    for (const j of r.lines) emit(j);
    await page.close();
  } finally {
    await site.close();
  }
}

// ---- browser: the app ----------------------------------------------------------
const APP_FIGURES = ["startup", "idle_cpu", "wasm_gzip_kb", "heap_100_patients", "heap_100_demo_patients", "frame_grid115_browser",
                     "first_patient_ready", "patient_open", "patient_open_real", "first_patient_ready_native",
                     "patient_open_real_native", "index_derm2018", "index_demo512"];
// CPU seconds (user + system) of every process below this one (Chromium's tree).
function treeCpuSeconds() {
  const kids = new Map();
  const stat = {};
  for (const d of fs.readdirSync("/proc").filter((x) => /^\d+$/.test(x))) {
    try {
      const s = fs.readFileSync(`/proc/${d}/stat`, "utf8");
      const f = s.slice(s.lastIndexOf(")") + 2).split(" ");  // fields from 3 (state) on
      stat[d] = (Number(f[11]) + Number(f[12])) / 100;       // utime + stime, USER_HZ = 100
      const ppid = f[1];
      if (!kids.has(ppid)) kids.set(ppid, []);
      kids.get(ppid).push(d);
    } catch (e) { /* process ended */ }
  }
  let sum = 0;
  const todo = [...(kids.get(String(process.pid)) || [])];
  while (todo.length) {
    const p = todo.pop();
    sum += stat[p] || 0;
    todo.push(...(kids.get(p) || []));
  }
  return sum;
}

async function appFigures(browser, data) {
  const site = await h.startServer();
  try {
    const page = await browser.newPage();
    const watch = h.watchErrors(page);
    if (wantedAny("startup", "idle_cpu", "wasm_gzip_kb")) await startupIdle(page, site);
    watch.check();
    await page.close();
    if (wantedAny("heap_100_patients", "heap_100_demo_patients")) await heaps(browser, site, data);
    if (wanted("frame_grid115_browser")) await browserFrames(browser, site, data);
    if (wantedAny("first_patient_ready", "patient_open", "patient_open_real", "first_patient_ready_native",
                  "patient_open_real_native")) await patientOpens(browser, site);
  } finally {
    await site.close();
  }
  if (wantedAny("index_derm2018", "index_demo512")) await indexFigures(browser);
}

// The background index (bench_index.js): derm2018's 385 real JPEGs and the demo
// scaled up to 512-px images, each indexed once from an empty cache; the ISIC
// 2020 estimate is 33,126 images at the measured throughput (goal: 180 s on 2 cores).
async function indexFigures(browser) {
  const cli = path.join(ROOT, "build", "native", "duckling-cli");
  const dirs = {};
  if (wanted("index_derm2018")) dirs.index_derm2018 = indexing.dermFolder(SHARED);
  if (wanted("index_demo512")) dirs.index_demo512 = indexing.demoFolder(cli, RUNS === 1 ? 20 : 80, 512);
  const mounts = Object.fromEntries(Object.entries(dirs).map(([k, d]) => ["/" + k + "/", d]));
  const site = await h.startServer(h.SITE, mounts);
  try {
    for (const name of Object.keys(dirs)) {
      const r = await indexing.indexRun(browser, site, name + "/");
      emit(line(name, "ms_per_image", stats([r.worker_ms]), Object.assign(r, {
        isic2020_est_s: r.rate_per_s > 0 ? 33126 / r.rate_per_s : null,
        isic2020_est_wall_s: r.wall_rate_per_s > 0 ? 33126 / r.wall_rate_per_s : null, goal_s: 180,
        cores: os.cpus().length, load_avg: os.loadavg().map((v) => +v.toFixed(2)) })));
    }
  } finally {
    await site.close();
    for (const d of Object.values(dirs)) fs.rmSync(d, { recursive: true, force: true });
  }
}

async function startupIdle(page, site) {
  {
    // startup: navigation start to the first interactive frame (state().ready) with the demo.
    const starts = [];
    for (let i = 0; i < RUNS + (RUNS > 1 ? 1 : 0); i++) {
      await page.goto(site.url + "?nocache=" + i);
      // First frame on screen with the metadata loaded (images keep streaming in).
      const t = await page.waitForFunction(() => {
        try {
          const s = window.duckling && window.duckling.state();
          return s && s.ui.frames > 0 && !s.dataset.loading && s.dataset.lesions > 0 && performance.now();
        } catch (e) { return false; }
      }, null, { timeout: 60000, polling: "raf" });
      if (i > 0 || RUNS === 1) starts.push(await t.jsonValue());
    }
    emit(line("startup", "ms", stats(starts)));

    // idle_cpu: CPU seconds of the whole browser over 10 idle seconds (demo open,
    // every image fetched and decoded: state().ready).
    await page.waitForFunction(() => { try { return window.duckling.state().ready === true; } catch (e) { return false; } },
                               null, { timeout: 180000, polling: 200 });
    await page.waitForTimeout(2000);
    const idle = [];
    for (let i = 0; i < RUNS; i++) {
      const c0 = treeCpuSeconds();
      await new Promise((r) => setTimeout(r, 10000));
      idle.push(treeCpuSeconds() - c0);
    }
    emit(line("idle_cpu", "s", stats(idle), { window_s: 10 }));

    const wasm = fs.readFileSync(path.join(h.SITE, "duckling.wasm"));
    const kb = zlib.gzipSync(wasm, { level: 9 }).length / 1024;
    emit(line("wasm_gzip_kb", "KB", stats([kb]), { raw_kb: Math.round(wasm.length / 1024) }));
  }
}

async function heaps(browser, site, data) {
  {
    // heap_100_patients: the full train.csv by ?data=, then 100 patients by keyboard
    // (the real folder has few images: the rest are reported missing), and the same
    // walk through a 210-patient demo where every lesion has an image.
    const demoDir = hh.bigDemo(210, 128);
    const demo = await hh.startCorsServer(demoDir);
    try {
      for (const [name, base, n] of [["heap_100_patients", data.url + "isic2020/", 33126], ["heap_100_demo_patients", demo.url, 0]]) {
        const p = await browser.newPage();
        const w = h.watchErrors(p);
        await p.goto(site.url + "?data=" + base);
        await h.waitState(p, (s) => s.dataset && !s.dataset.loading && s.dataset.lesions >= n && s.dataset.patients > 0, name + " data", 60000);
        await p.evaluate(() => document.getElementById("canvas").focus());
        const steps = RUNS === 1 ? 10 : 100;
        for (let i = 0; i < steps; i++) await hh.nextPatient(p, "j", 3000);
        const m = await hh.memory(p);
        emit(line(name, "MB", stats([m.heap / MB]), { patients: steps, textures: m.textures }));
        check(w);
        await p.close();
      }
    } finally {
      await demo.close();
    }
  }
}

async function browserFrames(browser, site, data) {
  {
    // frame_grid115 in headless Chromium (software WebGL): rAF intervals while the
    // wheel scrolls the largest patient's grid (115 lesions) of the real train.csv.
    const csv = fs.readFileSync(path.join(SHARED, "data", "isic2020", "train.csv"), "utf8").split("\n").slice(1);
    const count = {};
    for (const r of csv) { const id = r.split(",")[1]; if (id) count[id] = (count[id] || 0) + 1; }
    const big = Object.keys(count).sort((a, b) => count[b] - count[a])[0];
    const p = await browser.newPage();
    const w = h.watchErrors(p);
    await p.goto(site.url + "?data=" + data.url + "isic2020/#patient=" + big);
    await h.waitState(p, (s) => s.dataset && !s.dataset.loading && s.view && s.view.patient === big, "the largest patient", 120000);
    const rect = await p.evaluate(() => document.getElementById("canvas").getBoundingClientRect().toJSON());
    await p.mouse.move(rect.x + rect.width * 0.6, rect.y + rect.height * 0.5);
    await p.evaluate(() => {
      window.__frames = [];
      let last = performance.now();
      const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__frames.length < 100000) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    const notches = RUNS === 1 ? 20 : 120;
    for (let i = 0; i < notches; i++) {
      await p.mouse.wheel(0, i < notches / 2 ? 100 : -100);
      await p.waitForTimeout(16);
    }
    const frames = await p.evaluate(() => window.__frames.splice(0));
    const s = stats(frames.slice(1));
    emit(line("frame_grid115_browser", "ms", s, { p95: s.p95, lesions: count[big] }));
    check(w);
    await p.close();
  }
}

// Opening patients (bench_open.js): page load -> first demo patient filled and
// scored; `j` -> next demo patient (>= 10 opens; 3 in the smoke run); `j` -> 12
// real images by ?data=. Frame intervals while loading go beside each (p50/p95).
async function patientOpens(browser, site) {
  const framesOf = (f) => ({ frame_p50_ms: opening.percentile(f, 0.5), frame_p95_ms: opening.percentile(f, 0.95) });
  if (wanted("first_patient_ready")) {
    const r = await opening.firstPatientReady(browser, site, RUNS === 1 ? 1 : Math.min(RUNS, 10));
    emit(line("first_patient_ready", "ms", stats(r.times), Object.assign({ lesions: r.lesions }, framesOf(r.frames))));
  }
  const opens = RUNS === 1 ? 3 : Math.max(10, RUNS);
  if (wanted("patient_open")) {
    const r = await opening.patientOpen(browser, site, opens);
    emit(line("patient_open", "ms", stats(r.times), Object.assign({ lesions: r.sizes, cached: r.cached }, framesOf(r.frames))));
  }
  if (wanted("patient_open_real")) {
    const r = await opening.patientOpenReal(browser, site, SHARED, RUNS === 1 ? 1 : 10);
    emit(line("patient_open_real", "ms", stats(r.times), Object.assign({ lesions: 12, images: r.images, cached: r.cached }, framesOf(r.frames))));
  }
  // The desktop app of this tree (not when DUCK_SITE_DIR measures another build's site).
  const duckling = path.join(ROOT, "build", "native", "duckling");
  if (wantedAny("first_patient_ready_native", "patient_open_real_native") && fs.existsSync(duckling) &&
      !process.env.DUCK_SITE_DIR) {
    const r = opening.nativeOpens(duckling, path.join(h.SITE, "demo"), SHARED, RUNS === 1 ? 1 : 5);
    emit(line("first_patient_ready_native", "ms", stats(r.demo), { lesions: r.demoLesions, xvfb: true }));
    emit(line("patient_open_real_native", "ms", stats(r.real), { lesions: 12, from: "process start", xvfb: true }));
  }
}

(async () => {
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  // The machine may be shared: the load average goes with the figures (stderr).
  const load = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");
  console.error(`bench: load average ${load()} at the start`);
  native();
  // DUCK_JS_FLAGS (e.g. --no-liftoff): V8 flags for diagnosis (which wasm tier a figure comes from).
  const browser = await h.launchBrowser(process.env.DUCK_JS_FLAGS ? ["--js-flags=" + process.env.DUCK_JS_FLAGS] : []);
  const data = await hh.startCorsServer(path.join(SHARED, "data"));
  let code = 0;
  try {
    // The page (wasm suites and their browser peers) filters by --only itself.
    await benchPage(browser, data);
    if (wantedAny(...APP_FIGURES)) await appFigures(browser, data);
  } catch (e) {
    console.error("bench: " + (e && e.stack ? e.stack : e));
    code = 1;
  } finally {
    await browser.close().catch(() => {});
    await data.close();
  }
  fs.writeFileSync(OUT, results.map((j) => JSON.stringify(j)).join("\n") + "\n");
  console.error(`bench: ${results.length} results in ${path.relative(ROOT, OUT)}; load average ${load()} at the end`);
  process.exit(code);
})();
