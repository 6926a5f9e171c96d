// demo_same_bytes.js - the demo dataset is the same bytes natively and in wasm:
// `duckling-cli demo` (g++) and duckling-demo-wasm.js (Emscripten's clang, under
// node) write the same patients, seed and size into two folders; every file
// (train.csv, README.txt, each JPEG) must be identical. This is the golden the
// demo needs: not a constant copied from a failure message, but two compilers
// and two platforms agreeing (the generator once depended on argument
// evaluation order). Prints one SHA-256 per side over all files.
//   node demo_same_bytes.js DUCKLING_CLI DEMO_WASM_JS WORK_DIR
"use strict";
const { execFileSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const [cli, wasmJs, work] = process.argv.slice(2);
if (!cli || !wasmJs || !work) {
  console.error("usage: node demo_same_bytes.js DUCKLING_CLI DEMO_WASM_JS WORK_DIR");
  process.exit(2);
}
for (const f of [cli, wasmJs]) {
  if (!fs.existsSync(f)) {
    console.error(`demo_same_bytes: ${f} not found (scripts/test builds the native and web presets first)`);
    process.exit(1);
  }
}
// Enough patients for every patient kind, small images to keep it quick.
const patients = "12", seed = "2020", size = "96";
const nativeDir = path.join(work, "native"), wasmDir = path.join(work, "wasm");
fs.rmSync(work, { recursive: true, force: true });
fs.mkdirSync(work, { recursive: true });
execFileSync(cli, ["demo", "--out", nativeDir, "--patients", patients, "--seed", seed, "--size", size],
             { stdio: ["ignore", "ignore", "inherit"] });
execFileSync(process.execPath, ["--no-experimental-fetch", wasmJs, wasmDir, patients, seed, size],
             { stdio: ["ignore", "ignore", "inherit"] });

function files(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out;
}
function digest(dir, names) {
  const h = crypto.createHash("sha256");
  for (const n of names) h.update(n + "\0").update(fs.readFileSync(path.join(dir, n)));
  return h.digest("hex");
}

const a = files(nativeDir), b = files(wasmDir);
let failed = false;
if (JSON.stringify(a) !== JSON.stringify(b)) {
  console.error(`different file lists: native ${a.length} files, wasm ${b.length}`);
  failed = true;
}
const jpegs = a.filter((n) => n.endsWith(".jpg")).length;
if (jpegs < 12 * 3) {
  console.error(`only ${jpegs} JPEGs written (expected at least 3 per patient)`);
  failed = true;
}
let differing = 0;
for (const n of a.filter((x) => b.includes(x))) {
  const x = fs.readFileSync(path.join(nativeDir, n)), y = fs.readFileSync(path.join(wasmDir, n));
  if (!x.equals(y)) {
    if (differing++ < 5) console.error(`${n}: native ${x.length} bytes, wasm ${y.length} bytes, differ`);
  }
}
if (differing) {
  console.error(`${differing} of ${a.length} files differ between native and wasm`);
  failed = true;
}
console.log(`native sha256 ${digest(nativeDir, a)} (${a.length} files, ${jpegs} JPEGs)`);
console.log(`wasm   sha256 ${digest(wasmDir, b)} (${b.length} files)`);
if (failed) process.exit(1);
console.log("demo bytes identical natively and in wasm");
