// worker_node_test.js - runs duckling-worker.wasm (the Web Worker's decoder)
// under node on real ISIC files: statuses, sizes, DICOM tags, failures as values.
// usage: node --no-experimental-fetch worker_node_test.js path/to/duckling-worker.js SHARED_DIR
"use strict";
const fs = require("fs");
const path = require("path");
const assert = require("assert");

const [workerJs, shared] = process.argv.slice(2);
const create = require(path.resolve(workerJs));

function run(M, bytes, thumb, analysis, viewer, maxMp) {
  const ptr = bytes.length ? M._malloc(bytes.length) : 0;
  if (ptr) M.HEAPU8.set(bytes, ptr);
  const ok = M._duck_worker_process(ptr, bytes.length, thumb, analysis, viewer, maxMp || 0);
  if (ptr) M._free(ptr);
  const r = JSON.parse(M.UTF8ToString(M._duck_worker_result_json()));
  r.ok = ok;
  r.thumbBytes = M._duck_worker_thumb_bytes();
  r.viewerBytes = M._duck_worker_viewer_bytes();
  r.firstPixel = r.thumbBytes ? Array.from(M.HEAPU8.slice(M._duck_worker_thumb_pixels(), M._duck_worker_thumb_pixels() + 4)) : null;
  M._duck_worker_clear();
  return r;
}

create().then((M) => {
  const file = (rel) => new Uint8Array(fs.readFileSync(path.join(shared, rel)));
  let checks = 0;
  const eq = (a, b, what) => { assert.deepStrictEqual(a, b, what); checks++; };

  const t0 = Date.now();
  const big = run(M, file("data/isic2020/images/ISIC_0075914.jpg"), 256, 256, 4096);
  const bigMs = Date.now() - t0;
  eq(big.status, "ready", "6000x4000 ready");
  eq([big.width, big.height], [6000, 4000], "original size");
  eq(big.thumb, { width: 256, height: 171 }, "thumb size");
  eq(big.viewer, { width: 4096, height: 2731 }, "viewer size");
  eq(big.thumbBytes, 256 * 171 * 4, "thumb bytes");
  eq(big.viewerBytes, 4096 * 2731 * 4, "viewer bytes");
  eq(big.firstPixel[3], 255, "opaque");

  const dcm = run(M, file("data/other/dicom/ISIC_0052212.dcm"), 256, 256, 0);
  eq(dcm.status, "ready", "dicom ready");
  eq(dcm.format, "dicom", "dicom format");
  eq(dcm.tags.PatientID, "ISIC_0052212", "PatientID");
  eq(dcm.tags.PhotometricInterpretation, "YBR_FULL_422", "photometric");
  eq(dcm.thumb, { width: 256, height: 144 }, "dicom thumb");
  eq(dcm.viewer, null, "no viewer unless asked");
  const jpg = run(M, file("data/other/dicom/ISIC_0052212_encapsulated_frame.jpg"), 256, 256, 0);
  eq(jpg.firstPixel, dcm.firstPixel, "DICOM frame == cut-out JPEG");

  eq(run(M, new Uint8Array(0), 256, 256, 0).error, "empty file (0 bytes)", "empty");
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0, 0, 13]);
  eq(run(M, png, 256, 256, 0).error, "not a JPEG (PNG signature)", "png");
  const cut = file("data/isic2020/images/ISIC_0074311.jpg");
  const t = run(M, cut.subarray(0, cut.length >> 1), 256, 256, 0);
  eq([t.status, t.ok, t.thumbBytes], ["corrupt", 0, 0], "truncated");
  assert.ok(t.error.startsWith("truncated JPEG"), t.error);
  const tooBig = run(M, file("data/isic2020/images/ISIC_0074311.jpg"), 256, 256, 0, 0.1);
  eq([tooBig.status, tooBig.error], ["too_large", "image 512x512 exceeds the 0.1 MP limit"], "limit");

  console.log(`worker module OK: ${checks} checks; 6000x4000 -> thumb+viewer in ${bigMs} ms; heap ${M.HEAPU8.length >> 20} MB`);
}).catch((e) => {
  console.error(e);
  process.exit(1);
});
