// bench_worker_node.js - medians of the wasm decoder (duckling-worker.wasm, the
// module the Web Workers run) under node: decode only, and decode + thumbnail.
// usage: node --no-experimental-fetch bench/bench_worker_node.js BUILD_DIR/duckling-worker.js SHARED_DIR [runs]
"use strict";
const fs = require("fs");
const path = require("path");
const [workerJs, shared, runsArg] = process.argv.slice(2);
const runs = Math.max(1, +runsArg || 5);

require(path.resolve(workerJs))().then((M) => {
  const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];
  for (const rel of ["data/isic2020/images/ISIC_0074311.jpg", "data/isic2020/images/ISIC_0052212.jpg",
                     "data/isic2020/images/ISIC_0075914.jpg", "data/other/dicom/ISIC_0015719.dcm"]) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(shared, rel)));
    const ptr = M._malloc(bytes.length);
    M.HEAPU8.set(bytes, ptr);
    for (const [label, thumb] of [["decode only", 0], ["decode + 256 thumb", 256]]) {
      const t = [];
      for (let i = 0; i < runs; i++) {
        const t0 = process.hrtime.bigint();
        M._duck_worker_process(ptr, bytes.length, thumb, thumb, 0, 0);
        t.push(Number(process.hrtime.bigint() - t0) / 1e6);
        M._duck_worker_clear();
      }
      const r = JSON.parse(M.UTF8ToString(M._duck_worker_result_json() || 0) || "{}");
      console.log(`${path.basename(rel).padEnd(18)} ${label.padEnd(20)} median ${median(t).toFixed(1).padStart(8)} ms  min ${Math.min(...t).toFixed(1).padStart(8)} ms  (${runs} runs)`);
    }
    M._free(ptr);
  }
});
