// bench_index_node.js - what one background-index job costs in the worker module
// (duckling-worker.wasm) under node, per image: decode to the 128 px analysis
// image alone (duck_worker_process) and decode + features (duck_worker_analyse,
// the index's job), so features = the difference. Several builds of the module
// can be given: they run side by side, one pass over all images each in turn
// (the order flips every round), and a checksum of every image's analysis
// pixels and features says whether they compute the same numbers.
// usage: node --no-experimental-fetch bench/bench_index_node.js IMAGE_DIR [max_images] [rounds] WORKER_JS...
"use strict";
const fs = require("fs");
const path = require("path");
const [dir, maxArg, roundsArg, ...workers] = process.argv.slice(2);
if (!dir || workers.length === 0) {
  console.error("usage: bench_index_node.js IMAGE_DIR [max_images] [rounds] WORKER_JS...");
  process.exit(2);
}
const maxImages = Math.max(1, +maxArg || 200);
const rounds = Math.max(1, +roundsArg || 3);
const files = fs.readdirSync(dir).filter((f) => /\.(jpe?g|dcm)$/i.test(f)).sort().slice(0, maxImages);
const images = files.map((f) => new Uint8Array(fs.readFileSync(path.join(dir, f))));

const median = (a) => {
  const s = a.slice().sort((x, y) => x - y);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// FNV-1a over every image's analysis pixels, status and features.
function fnv(h, bytes) {
  for (const b of bytes) h = Math.imul(h ^ b, 16777619) >>> 0;
  return h;
}

// One pass over every image with one module: total ms of decode and of decode + features.
function pass(M, ptrs) {
  let decode = 0, analyse = 0, sum = 2166136261;
  for (let i = 0; i < images.length; i++) {
    let t0 = process.hrtime.bigint();
    M._duck_worker_process(ptrs[i], images[i].length, 0, 128, 0, 0);
    decode += Number(process.hrtime.bigint() - t0) / 1e6;
    const ap = M._duck_worker_analysis_pixels();
    sum = fnv(sum, M.HEAPU8.subarray(ap, ap + M._duck_worker_analysis_bytes()));
    M._duck_worker_clear();
    t0 = process.hrtime.bigint();
    const status = M._duck_worker_analyse(ptrs[i], images[i].length);
    analyse += Number(process.hrtime.bigint() - t0) / 1e6;
    const n = M._duck_worker_analysis_feature_count();
    const p = M._duck_worker_analysis_features();
    sum = fnv(sum, [status]);
    if (n > 0) sum = fnv(sum, M.HEAPU8.subarray(p, p + 4 * n));
  }
  return { decode: decode / images.length, analyse: analyse / images.length, sum };
}

Promise.all(workers.map((w) => require(path.resolve(w))())).then((mods) => {
  const ptrs = mods.map((M) => images.map((b) => {
    const p = M._malloc(b.length);
    M.HEAPU8.set(b, p);
    return p;
  }));
  mods.forEach((M, k) => pass(M, ptrs[k]));  // warm-up
  const res = mods.map(() => ({ decode: [], analyse: [], sums: new Set() }));
  for (let r = 0; r < rounds; r++) {
    const order = mods.map((_, k) => k);
    if (r % 2) order.reverse();
    for (const k of order) {
      const p = pass(mods[k], ptrs[k]);
      res[k].decode.push(p.decode), res[k].analyse.push(p.analyse), res[k].sums.add(p.sum);
    }
  }
  const f = (x) => x.toFixed(2).padStart(6);
  console.log(`${images.length} images from ${dir}, ${rounds} rounds alternated; ms per image, median [min, max] over rounds`);
  workers.forEach((w, k) => {
    const r = res[k];
    const feats = r.analyse.map((a, i) => a - r.decode[i]);
    console.log(`${w}: decode ${f(median(r.decode))} [${f(Math.min(...r.decode))}, ${f(Math.max(...r.decode))}]` +
                `  decode+features ${f(median(r.analyse))} [${f(Math.min(...r.analyse))}, ${f(Math.max(...r.analyse))}]` +
                `  features ${f(median(feats))}  checksum ${[...r.sums].map((s) => s.toString(16)).join(",")}`);
  });
});
