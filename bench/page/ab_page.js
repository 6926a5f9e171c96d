// ab_page.js - runs in ab.html (driven by bench/ab_csv_load.js): the same
// csv_load as bench_page.js (bench/page_csv.cpp) in two builds, A and B, loaded
// side by side in one page and called alternately (the order flips each round),
// so that a shared machine's slow moments fall on both alike.
// Query: ?data=<URL of ../shared/data/>&runs=N. Result: window.abResult =
// {A, B: medians (ms), minA, minB, bFaster: rounds in which B was faster, runs} or {error}.
"use strict";
(async function () {
  const q = new URLSearchParams(location.search);
  const RUNS = Math.max(1, Number(q.get("runs")) || 41), WARMUP = 5;
  const r = await fetch(q.get("data") + "isic2020/train.csv");
  if (!r.ok) throw new Error("train.csv: HTTP " + r.status);
  const csv = new Uint8Array(await r.arrayBuffer());
  const mods = [];
  for (const factory of [createBenchA, createBenchB]) {
    const m = await factory({ print: () => {}, printErr: (l) => console.warn(l) });
    m.FS.mkdirTree("/shared/data/isic2020");
    m.FS.writeFile("/shared/data/isic2020/train.csv", csv);
    if (m._duck_bench_csv_prepare() !== csv.length) throw new Error("train.csv did not reach a module");
    mods.push(m);
  }
  const t = [[], []];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    for (const k of i % 2 ? [1, 0] : [0, 1]) {
      const t0 = performance.now();
      const loaded = mods[k]._duck_bench_csv_load();
      const dt = performance.now() - t0;
      if (loaded <= 33126) throw new Error("build " + "AB"[k] + " loaded " + loaded + " lesions + patients");
      if (i >= WARMUP) t[k].push(dt);
    }
  }
  const median = (a) => { const s = a.slice().sort((x, y) => x - y), m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
  return { A: median(t[0]), B: median(t[1]), minA: Math.min(...t[0]), minB: Math.min(...t[1]),
           bFaster: t[1].filter((x, i) => x < t[0][i]).length, runs: RUNS };
})().then((res) => { window.abResult = res; document.getElementById("status").textContent = "done"; },
          (e) => { window.abResult = { error: String(e && e.stack || e) }; });
