// compare-features.js - the model's features as the browser computes them (the
// decode worker's wasm module, SIMD kernels) against the native CLI's (scalar
// kernels), image by image, over a folder of real images.
// usage: node --no-experimental-fetch scripts/compare-features.js IMAGES_DIR [REL_TOL]
//   (run from the repository root after `scripts/build`; uses build/native/duckling-cli
//   and build/web/duckling-worker.js). Prints, per feature, how many images differ by
//   more than REL_TOL (default 1e-3) relative, and the largest difference.
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const [imagesDir, tolArg] = process.argv.slice(2);
if (!imagesDir) {
  console.error("usage: node --no-experimental-fetch scripts/compare-features.js IMAGES_DIR [REL_TOL]");
  process.exit(2);
}
const tol = tolArg ? +tolArg : 1e-3;
const root = path.resolve(__dirname, "..");
const cli = path.join(root, "build", "native", "duckling-cli");
const workerJs = path.join(root, "build", "web", "duckling-worker.js");
for (const f of [cli, workerJs]) if (!fs.existsSync(f)) { console.error(f + " missing: run scripts/build first"); process.exit(2); }

// Native: a one-patient CSV over every image, indexed by the CLI.
const names = fs.readdirSync(imagesDir).filter((n) => /\.(jpe?g|dcm)$/i.test(n)).sort();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "duckling-features-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));
const csv = path.join(tmp, "rows.csv"), out = path.join(tmp, "rows.idx");
fs.writeFileSync(csv, "image_name,patient_id\n" + names.map((n) => n.replace(/\.[^.]+$/, "") + ",IP_0000001\n").join(""));
execFileSync(cli, ["index", "--csv", csv, "--images", imagesDir, "--out", out], { stdio: "ignore" });

// The index file (docs/index-format.md, version 1).
const b = fs.readFileSync(out);
let o = 20;
const u32 = () => { const v = b.readUInt32LE(o); o += 4; return v; };
const str = () => { const n = u32(), v = b.toString("utf8", o, o + n); o += n; return v; };
str();
const keys = Array.from({ length: u32() }, str);
const rows = Array.from({ length: u32() }, () => 0);
o += 8;
for (let i = 0; i < rows.length; ++i) { rows[i] = str(); str(); }
u32(); u32();
const entries = u32(), rowOf = Array.from({ length: entries }, u32);
o += entries;
for (let i = 0; i < entries; ++i) str();
const native = new Map();
for (let i = 0; i < entries; ++i, o += 4 * keys.length)
  native.set(rows[rowOf[i]], Array.from({ length: keys.length }, (_, k) => b.readFloatLE(o + 4 * k)));

require(workerJs)().then((M) => {
  const diff = keys.map(() => ({ images: 0, max: 0 }));
  let compared = 0, anyDiff = 0;
  for (const n of names) {
    const bytes = new Uint8Array(fs.readFileSync(path.join(imagesDir, n)));
    const p = M._malloc(bytes.length);
    M.HEAPU8.set(bytes, p);
    M._duck_worker_analyse(p, bytes.length);
    M._free(p);
    const count = M._duck_worker_analysis_feature_count(), fp = M._duck_worker_analysis_features();
    const mine = count && fp ? new Float32Array(M.HEAPU8.buffer.slice(fp, fp + 4 * count)) : null;
    const theirs = native.get(n.replace(/\.[^.]+$/, ""));
    if (!mine || !theirs || Number.isNaN(theirs[0])) continue;
    compared++;
    let differs = false;
    keys.forEach((_, k) => {
      const d = Math.abs(mine[k] - theirs[k]) / Math.max(1, Math.abs(theirs[k]));
      if (d > tol) { diff[k].images++; differs = true; }
      diff[k].max = Math.max(diff[k].max, d);
    });
    if (differs) anyDiff++;
  }
  console.log(`${compared} images with features in both; ${anyDiff} differ in at least one feature by more than ${tol} (relative)`);
  keys.forEach((k, i) => { if (diff[i].images) console.log(`  ${k.padEnd(24)} ${diff[i].images} images, largest ${diff[i].max.toExponential(2)}`); });
});
