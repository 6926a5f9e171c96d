// decode_worker.js - Web Worker that decodes images off the app's frame loop.
// Loads duckling-worker.js/.wasm (same folder) and answers one message per job:
//   in:  {id, bytes: ArrayBuffer (transferred), thumbSide, analysisSide, viewerSide, maxMegapixels}
//   out: {id, result: {status, error, format, width, height, tags, thumb, analysis, viewer},
//         pixels: {thumb, analysis, viewer: ArrayBuffer|null} (transferred), heapBytes, ms}
// A job with `analyse: true` is the background index's (web/index_pool.js): the
// image is decoded at analysis size and the model's features computed here:
//   in:  {id, analyse: true, bytes: ArrayBuffer (transferred)}
//   out: {id, analysis: {status (LesionStatus code), reason, features: Float32Array|null}, heapBytes, ms}
// On a fatal error it posts {id, fatal: message}; the queue then replaces this worker.
"use strict";
importScripts("duckling-worker.js");

let modulePromise = null;
function getModule() {
  if (!modulePromise) modulePromise = createDucklingWorker();
  return modulePromise;
}
// Loaded as soon as the worker starts (the queue may start it ahead of the first
// job); a failure is reported with the first job.
getModule().catch(() => {});

function copyOut(M, ptr, n) {
  if (!ptr || !n) return null;
  return M.HEAPU8.slice(ptr, ptr + n).buffer;  // a copy the worker can transfer away
}

self.onmessage = async (ev) => {
  const job = ev.data || {};
  const t0 = performance.now();
  let M;
  try {
    M = await getModule();
  } catch (e) {
    self.postMessage({ id: job.id, fatal: "decoder failed to load: " + e });
    return;
  }
  let ptr = 0;
  try {
    const bytes = new Uint8Array(job.bytes || new ArrayBuffer(0));
    ptr = bytes.length ? M._malloc(bytes.length) : 0;
    if (bytes.length && !ptr) throw new Error("out of memory for " + bytes.length + " input bytes");
    if (ptr) M.HEAPU8.set(bytes, ptr);
    job.bytes = null;  // drop the input as early as possible
    if (job.analyse) {
      const t1 = performance.now();  // the work itself, without loading the module
      const status = M._duck_worker_analyse(ptr, bytes.length);
      if (ptr) M._free(ptr);
      ptr = 0;
      const n = M._duck_worker_analysis_feature_count(), fp = M._duck_worker_analysis_features();
      const features = n > 0 && fp ? new Float32Array(M.HEAPU8.buffer.slice(fp, fp + 4 * n)) : null;
      const reason = M.UTF8ToString(M._duck_worker_analysis_reason());
      self.postMessage({ id: job.id, analysis: { status, reason, features }, heapBytes: M.HEAPU8.length,
                         ms: performance.now() - t1 }, features ? [features.buffer] : []);
      return;
    }
    M._duck_worker_process(ptr, bytes.length, job.thumbSide | 0, job.analysisSide | 0, job.viewerSide | 0,
                           +job.maxMegapixels || 0);
    if (ptr) M._free(ptr);
    ptr = 0;
    const result = JSON.parse(M.UTF8ToString(M._duck_worker_result_json()));
    const pixels = {
      thumb: copyOut(M, M._duck_worker_thumb_pixels(), M._duck_worker_thumb_bytes()),
      analysis: copyOut(M, M._duck_worker_analysis_pixels(), M._duck_worker_analysis_bytes()),
      viewer: copyOut(M, M._duck_worker_viewer_pixels(), M._duck_worker_viewer_bytes()),
    };
    M._duck_worker_clear();
    const transfer = Object.values(pixels).filter((b) => b);
    self.postMessage({ id: job.id, result, pixels, heapBytes: M.HEAPU8.length, ms: performance.now() - t0 }, transfer);
  } catch (e) {
    if (ptr) M._free(ptr);
    self.postMessage({ id: job.id, fatal: "decoder crashed: " + (e && e.message ? e.message : e) });
  }
};
