// profile_open.js - where the page's main thread spends a demo patient's open:
// walks the demo with `j` (empty image cache, as bench_open.js's patient_open)
// and, for each open of at least MIN lesions, records a CPU profile of the page
// (Chrome DevTools protocol: Profiler) and a trace of the renderer's main thread
// (Tracing: its top-level tasks, GPU and compositor work included), from the key
// press to "filled and scored". Prints per open the time, the busiest functions
// by self time (wasm functions have names only in a build linked with
// --profiling-funcs) and the longest tasks; the profiles go to build/bench/profiles/.
// With DUCK_NO_PROFILE=1 only the times are taken (for side-by-side runs).
// With PATIENTS (comma-separated ids), each open starts from the patient before
// the named one (#patient=), so `j` opens it.
//   usage: node bench/profile_open.js [SITE_DIR=build/site] [OPENS=12] [MIN=40] [PATIENTS]
"use strict";
const fs = require("fs");
const path = require("path");
const h = require("../tests/e2e/harness");
const { pageTools } = require("./bench_open");

const site = path.resolve(process.argv[2] || h.SITE);
const opens = Number(process.argv[3] || 12), minLesions = Number(process.argv[4] || 40);
const profiling = !process.env.DUCK_NO_PROFILE;
const targets = (process.argv[5] || "").split(",").filter(Boolean);
// The demo's patients in the patient list's order (by id), to start before a target.
const demoIds = [...new Set(fs.readFileSync(path.join(site, "demo", "train.csv"), "utf8").split("\n").slice(1)
  .map((l) => l.split(",")[1]).filter(Boolean))].sort();
const outDir = path.join(h.ROOT, "build", "bench", "profiles");
fs.mkdirSync(outDir, { recursive: true });

// Self time per function (ms) of a Profiler.stop() profile, the top `n`.
function topSelf(profile, n) {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const node = byId.get(profile.samples[i]);
    const f = node.callFrame;
    const key = `${f.functionName || "(anonymous)"} ${f.url ? path.basename(f.url) : ""}`.trim();
    self.set(key, (self.get(key) || 0) + (dt[i + 1] || 0) / 1000);
  }
  return [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
}

// Inclusive time of each function named in `names` (ms), over the profile.
function inclusive(profile) {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const parent = new Map();
  for (const x of profile.nodes) for (const c of x.children || []) parent.set(c, x.id);
  const incl = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const seen = new Set();
    for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id).callFrame;
      const key = f.functionName || "(anonymous)";
      if (seen.has(key)) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) || 0) + (dt[i + 1] || 0) / 1000);
    }
  }
  return incl;
}

(async () => {
  const server = await h.startServer(site);
  const browser = await h.launchBrowser();
  try {
    const page = await browser.newPage();
    await page.addInitScript(pageTools);  // window.__filled, window.__bench.keyAt
    await page.goto(server.url + "web/duckling.css");
    await page.evaluate(() => new Promise((r) => { const q = indexedDB.deleteDatabase("duckling-images"); q.onsuccess = q.onerror = q.onblocked = () => r(); }));
    await page.goto(server.url);
    await page.evaluate(() => window.__filled(null));
    await page.evaluate(() => document.getElementById("canvas").focus());
    const cdp = await browser.newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
    const n = targets.length ? targets.length : opens;
    for (let i = 0; i < n; i++) {
      if (targets.length) {
        const prev = demoIds[demoIds.indexOf(targets[i]) - 1];
        await page.evaluate((p) => { location.hash = "#patient=" + p; }, prev);
        await page.waitForFunction((p) => { try { return window.duckling.state().view.patient === p; } catch (e) { return false; } }, prev);
        await page.evaluate(() => window.__filled(null));
        await page.evaluate(() => document.getElementById("canvas").focus());
      }
      const before = (await h.state(page)).view.patient;
      const events = [];
      if (profiling) {
        cdp.on("Tracing.dataCollected", (e) => events.push(...e.value));
        await cdp.send("Tracing.start", { categories: "devtools.timeline,toplevel,disabled-by-default-devtools.timeline,gpu", transferMode: "ReportEvents" });
        await cdp.send("Profiler.start");
      }
      await page.keyboard.press("j");
      const r = await page.evaluate((p) => window.__filled(p), before);
      const keyAt = await page.evaluate(() => window.__bench.keyAt);
      const ms = Math.round(r.at - keyAt);
      console.log(`open ${i + 1}: ${r.patient} ${r.lesions} lesions, ${ms} ms`);
      if (!profiling) continue;
      const { profile } = await cdp.send("Profiler.stop");
      const done = new Promise((res) => cdp.once("Tracing.tracingComplete", res));
      await cdp.send("Tracing.end");
      await done;
      cdp.removeAllListeners("Tracing.dataCollected");
      if (r.lesions < minLesions) continue;
      fs.writeFileSync(path.join(outDir, `open${i + 1}_${r.lesions}.cpuprofile`), JSON.stringify(profile));
      fs.writeFileSync(path.join(outDir, `open${i + 1}_${r.lesions}.trace.json`), JSON.stringify({ traceEvents: events }));
      const total = (profile.endTime - profile.startTime) / 1000;
      console.log(`  profile ${Math.round(total)} ms; self time, top 25:`);
      for (const [k, v] of topSelf(profile, 25)) console.log(`    ${v.toFixed(1).padStart(7)} ms  ${k}`);
      const incl = inclusive(profile);
      const interesting = [...incl.entries()].filter(([k]) => !/^\(|^wasm-function/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, 30);
      console.log("  inclusive, top 30:");
      for (const [k, v] of interesting) console.log(`    ${v.toFixed(1).padStart(7)} ms  ${k}`);
      // The renderer main thread's top-level tasks over 30 ms, with their longest children.
      const main = events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args && e.args.name === "CrRendererMain");
      const tid = main.length ? main[0].tid : null;
      const tasks = events.filter((e) => e.tid === tid && e.ph === "X" && e.name === "ThreadControllerImpl::RunTask" && e.dur > 30000);
      console.log(`  main-thread tasks over 30 ms: ${tasks.length}, total ${Math.round(tasks.reduce((s, t) => s + t.dur, 0) / 1000)} ms`);
      for (const t of tasks.slice(0, 20)) {
        const kids = events.filter((e) => e.tid === tid && e.ph === "X" && e.ts >= t.ts && e.ts + (e.dur || 0) <= t.ts + t.dur && e !== t && e.dur > 5000)
          .sort((a, b) => b.dur - a.dur).slice(0, 4).map((e) => `${e.name} ${Math.round(e.dur / 1000)}`);
        console.log(`    +${Math.round((t.ts / 1000) - 0)} ${Math.round(t.dur / 1000)} ms: ${kids.join(", ")}`);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close();
  }
})().catch((e) => { console.error(e); process.exitCode = 1; });
