// bench_page.js - runs in bench.html (driven by bench/run_bench.js): the wasm
// benchmarks (duckling-bench's suites built by Emscripten, the same code as
// natively) and their browser peers on the same bytes, in one page.
// Query: ?data=<URL of ../shared/data/>&runs=N[&only=NAME,NAME...][&trace]. Result:
// window.benchResult = {lines: [JSON objects], error}. Times are
// performance.now() milliseconds. `only` (scripts/bench --only): just the
// benchmarks whose names start with one of the NAMEs.
"use strict";
(function () {
  const q = new URLSearchParams(location.search);
  const DATA = q.get("data");
  const RUNS = Math.max(1, Number(q.get("runs")) || 15);
  const ONLY = (q.get("only") || "").split(",").filter(Boolean);
  const wanted = (name) => !ONLY.length || ONLY.some((o) => name.replace(/_native$/, "").startsWith(o));
  const WARMUP = RUNS > 1 ? 3 : 1;
  const TRACE = q.has("trace");  // every timed run to the console (diagnosis)
  const FILES = { csv: "isic2020/train.csv", j512: "isic2020/images/ISIC_0074311.jpg",
                  j24: "isic2020/images/ISIC_0081956.jpg", j2: "isic2020/images/ISIC_0052212.jpg" };
  // pred_load's input: the five out-of-fold files of one model (bench/predictions_bytes.h).
  const FOLDS = [1, 2, 3, 4, 5].map((k) => `other/predictions/gao-hongnan/oof_fold_${k}.csv`);

  function stats(ms) {
    const t = ms.slice().sort((a, b) => a - b);
    const mid = t.length >> 1;
    return { min: t[0], median: t.length % 2 ? t[mid] : (t[mid - 1] + t[mid]) / 2, max: t[t.length - 1],
             runs: t.length, p95: t[Math.min(t.length - 1, Math.floor(t.length * 0.95))] };
  }
  async function timeAsync(fn, runs = RUNS, warmup = WARMUP) {
    for (let i = 0; i < warmup; i++) await fn();
    const ms = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await fn();
      ms.push(performance.now() - t0);
    }
    return stats(ms);
  }
  async function bytes(rel) {
    const r = await fetch(DATA + rel);
    if (!r.ok) throw new Error(rel + ": HTTP " + r.status);
    return new Uint8Array(await r.arrayBuffer());
  }
  // Instantiates the MODULARIZEd benchmark program with `files` in its file
  // system; m.lines collects the JSON lines callMain prints, by name.
  async function loadProgram(factory, files) {
    const lines = {};
    const m = await factory({ print: (l) => { if (l.startsWith("{")) { const j = JSON.parse(l); lines[j.name] = j; } },
                              printErr: (l) => console.warn(l) });
    for (const [rel, data] of Object.entries(files)) {
      m.FS.mkdirTree("/shared/data/" + rel.slice(0, rel.lastIndexOf("/")));
      m.FS.writeFile("/shared/data/" + rel, data);
    }
    m.lines = lines;
    return m;
  }
  // Times `mine` and `peer` alternately (the order flips each round, so neither
  // always follows the other): both see the same moments of the machine. Warm-up
  // rounds are untimed except the very first call of each, reported as the cold
  // figure (the first load a user would see in a fresh page).
  function alternate(mine, peer) {
    const a = [], b = [];
    let coldMine = null, coldPeer = null;
    const time = (fn) => { const t0 = performance.now(); fn(); return performance.now() - t0; };
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const first = i % 2 ? [peer, mine] : [mine, peer];
      const t = first.map(time);
      const tm = i % 2 ? t[1] : t[0], tp = i % 2 ? t[0] : t[1];
      if (i === 0) { coldMine = tm; coldPeer = tp; }
      if (i >= WARMUP) { a.push(tm); b.push(tp); }
    }
    if (TRACE) console.warn("alternate: mine " + a.map(round1).join(" ") + " | peer " + b.map(round1).join(" "));
    return { mine: stats(a), peer: stats(b), coldMine, coldPeer, spread: ratioSpread({ times: a }, { times: b }) };
  }
  // The same for async work, any number of contenders: each round calls every
  // one once, the order rotating round by round. Returns per contender the
  // stats and the raw times (to pair them round by round).
  async function alternateAsync(fns) {
    const times = fns.map(() => []);
    for (let i = 0; i < WARMUP + RUNS; i++) {
      for (let k = 0; k < fns.length; k++) {
        const f = (i + k) % fns.length;
        const t0 = performance.now();
        await fns[f]();
        if (i >= WARMUP) times[f].push(performance.now() - t0);
      }
    }
    if (TRACE) console.warn("alternateAsync: " + times.map((t) => t.map(round1).join(" ")).join(" | "));
    return times.map((t) => ({ stats: stats(t), times: t }));
  }
  // Spread of a ratio: peer / mine of each round (same moments of the machine),
  // min and max over the rounds, beside the ratio of the medians.
  function ratioSpread(mine, peer) {
    const r = mine.times.map((t, i) => peer.times[i] / t);
    return { ratio_min: Math.min(...r), ratio_max: Math.max(...r) };
  }
  const round1 = (x) => Math.round(x * 10) / 10;
  function line(name, unit, s, peer = null, peerStats = null, extra = {}) {
    return Object.assign({ name, unit, min: s.min, median: s.median, max: s.max, runs: s.runs, peer,
                           peer_median: peerStats ? peerStats.median : null,
                           ratio: peerStats && s.median > 0 ? peerStats.median / s.median : null }, extra);
  }

  async function main() {
    const out = [];
    const csv = await bytes(FILES.csv), j512 = await bytes(FILES.j512), j24 = await bytes(FILES.j24);
    const files = { [FILES.csv]: csv, [FILES.j512]: j512, [FILES.j24]: j24, [FILES.j2]: await bytes(FILES.j2) };
    const folds = wanted("pred_load") ? await Promise.all(FOLDS.map(bytes)) : [];
    FOLDS.forEach((rel, i) => { if (folds[i]) files[rel] = folds[i]; });

    const m = await loadProgram(createDucklingBench, files);

    // csv_load first, while the module is cold (its first call is the cold figure):
    // load_csv in wasm (bench/page_csv.cpp) and PapaParse header:true on the same
    // bytes, alternately. Text decoding is outside the timing for both: the wasm
    // side gets bytes already in its memory.
    if (wanted("csv_load")) {
      const text = new TextDecoder().decode(csv);
      if (m._duck_bench_csv_prepare() !== csv.length) throw new Error("csv_load: train.csv did not reach the module");
      let rows = 0, loaded = 0;
      const r = alternate(() => { loaded = m._duck_bench_csv_load(); },
                          () => { rows = Papa.parse(text, { header: true }).data.length; });
      if (rows < 33126) throw new Error("PapaParse read " + rows + " rows");
      if (loaded <= 33126) throw new Error("csv_load: the wasm load returned " + loaded + " lesions + patients");
      out.push(line("csv_load", "ms", r.mine, "papaparse header:true", r.peer,
                    Object.assign(r.spread, { first_ms: round1(r.coldMine), peer_first_ms: round1(r.coldPeer), warmup: WARMUP,
                                              alternated: true })));
    }

    // pred_load: a 33,126-row predictions file (the five folds under one header)
    // parsed, matched to train.csv and ranked (bench/page_predictions.cpp), alternated
    // with PapaParse header:true on the same text, like csv_load.
    if (wanted("pred_load")) {
      const dec = new TextDecoder();
      const text = folds.map((f, i) => { const t = dec.decode(f); return i ? t.slice(t.indexOf("\n") + 1) : t; })
                        .map((t) => (t.endsWith("\n") ? t : t + "\n")).join("");
      if (m._duck_bench_pred_prepare() !== new TextEncoder().encode(text).length)
        throw new Error("pred_load: the module joined the folds differently");
      let rows = 0, matched = 0;
      const r = alternate(() => { matched = m._duck_bench_pred_load(); },
                          () => { rows = Papa.parse(text, { header: true }).data.length; });
      if (rows < 33126) throw new Error("pred_load: PapaParse read " + rows + " rows");
      if (matched !== 33126) throw new Error("pred_load: the wasm load matched " + matched + " lesions");
      out.push(line("pred_load", "ms", r.mine, "papaparse header:true", r.peer,
                    Object.assign(r.spread, { first_ms: round1(r.coldMine), peer_first_ms: round1(r.coldPeer), warmup: WARMUP,
                                              alternated: true })));
    }

    // Duckling in wasm: every other duckling-bench suite (those --only names).
    // (decode_512 / decode_24mp are measured below, call by call from here.)
    m.callMain(["--runs", String(RUNS), "--skip", "csv_load_native,pred_load_native,decode_512,decode_24mp"]
               .concat(ONLY.length ? [ONLY.join(",")] : []));
    const wasm = m.lines;

    // decode_512 / decode_24mp: the same work for everyone, JPEG bytes in, RGBA
    // pixels the caller can read out: stb_image in wasm (SSE2 path as wasm SIMD,
    // bench/page_decode.cpp: pixels in wasm memory), createImageBitmap then
    // getImageData through an OffscreenCanvas, and WebCodecs' ImageDecoder then
    // copyTo as RGBA where the browser has it. Alternated call by call.
    const webcodecs = typeof ImageDecoder !== "undefined" && typeof VideoFrame !== "undefined";
    for (const [name, data, which] of [["decode_512", j512, 0], ["decode_24mp", j24, 1]]) {
      if (!wanted(name)) continue;
      if (m._duck_bench_decode_prepare(which) !== data.length) throw new Error(name + ": the JPEG did not reach the module");
      const blob = new Blob([data], { type: "image/jpeg" });
      const got = { wasm: 0, canvas: 0, codecs: 0 };
      const viaWasm = async () => { got.wasm = m._duck_bench_decode(which); };
      const viaCanvas = async () => {
        const bmp = await createImageBitmap(blob, { premultiplyAlpha: "none", colorSpaceConversion: "none" });
        const ctx = new OffscreenCanvas(bmp.width, bmp.height).getContext("2d", { willReadFrequently: true });
        ctx.drawImage(bmp, 0, 0);
        got.canvas = ctx.getImageData(0, 0, bmp.width, bmp.height).data.length / 4;
        bmp.close();
      };
      const viaCodecs = async () => {
        const dec = new ImageDecoder({ data, type: "image/jpeg", colorSpaceConversion: "none" });
        const { image } = await dec.decode();
        const rgba = new Uint8Array(image.displayWidth * image.displayHeight * 4);
        await image.copyTo(rgba, { format: "RGBA" });
        got.codecs = rgba.length / 4;
        image.close();
        dec.close();
      };
      let useCodecs = webcodecs;
      if (useCodecs) {
        try { await viaCodecs(); } catch (e) { useCodecs = false; console.warn(name + ": WebCodecs RGBA copy unavailable: " + e); }
      }
      const r = await alternateAsync(useCodecs ? [viaWasm, viaCanvas, viaCodecs] : [viaWasm, viaCanvas]);
      const pixels = got.wasm;
      if (!pixels || got.canvas !== pixels || (useCodecs && got.codecs !== pixels))
        throw new Error(`${name}: pixel counts differ: wasm ${got.wasm}, canvas ${got.canvas}, webcodecs ${got.codecs}`);
      out.push(line(name, "ms", r[0].stats, "createImageBitmap+getImageData", r[1].stats,
                    Object.assign(ratioSpread(r[0], r[1]), { alternated: true, pixels })));
      if (useCodecs)
        out.push(line(name + "_webcodecs", "ms", r[0].stats, "ImageDecoder+copyTo RGBA", r[2].stats,
                      Object.assign(ratioSpread(r[0], r[2]), { alternated: true, pixels })));
    }
    // features_simd, patient16 (suite_model: SIMD path, peer the same code scalar)
    // and anything else duckling-bench measured, as it reported them.
    for (const [name, j] of Object.entries(wasm))
      if (!["csv_load", "csv_load_native", "pred_load_native", "decode_512", "decode_24mp"].includes(name) && wanted(name))
        out.push(Object.assign({}, j, { name: name.replace(/_native$/, "") }));

    // thumb_24mp: the 24 MP file to the 256 px thumbnail through the decode worker
    // queue (web/image_queue.js), off the main thread; a rAF loop records the
    // longest main-thread frame meanwhile.
    if (!wanted("thumb_24mp")) return out;
    const queue = new DucklingImageQueue({ baseUrl: "", maxWorkers: 1 });
    let longest = 0, last = performance.now(), ticking = true;
    const tick = (t) => { longest = Math.max(longest, t - last); last = t; if (ticking) requestAnimationFrame(tick); };
    let thumbOk = true;
    const thumb = await timeAsync(async () => {
      const r = await queue.decode({ key: "ISIC_0081956", bytes: j24.slice().buffer }).promise;
      thumbOk = thumbOk && r.status === "ready" && r.thumb && Math.max(r.thumb.width, r.thumb.height) === 256;
    }, RUNS, 1);
    // Longest frame counted only over the timed runs (the warm-up compiles the worker).
    longest = 0; last = performance.now(); requestAnimationFrame(tick);
    const thumb2 = await timeAsync(async () => { await queue.decode({ key: "ISIC_0081956", bytes: j24.slice().buffer }).promise; }, Math.min(RUNS, 5), 0);
    ticking = false;
    if (!thumbOk) throw new Error("thumb_24mp: the worker did not return a 256 px thumbnail");
    out.push(line("thumb_24mp", "ms", thumb, null, null, { longest_frame_ms: Math.round(longest * 10) / 10, runs_for_frames: thumb2.runs }));
    return out;
  }

  main().then((lines) => { window.benchResult = { lines }; document.getElementById("status").textContent = "done"; },
              (e) => { window.benchResult = { lines: [], error: String(e && e.stack || e) }; });
})();
