// decode_worker.js - Web Worker that decodes images off the app's frame loop.
// Loads duckling-worker.js/.wasm (same folder) and answers one message per job:
//   in:  {id, bytes: ArrayBuffer (transferred), thumbSide, analysisSide, viewerSide, maxMegapixels}
//   out: {id, result: {status, error, format, width, height, tags, thumb, analysis, viewer},
//         pixels: {thumb, analysis, viewer: ArrayBuffer|null} (transferred), heapBytes, ms}
// A job with `analyse: true` is the background index's (web/index_pool.js): the
// image is decoded at analysis size and the model's features computed here. The
// bytes come with the job, or the worker fetches them (the first URL that answers):
//   in:  {id, analyse: true, bytes: ArrayBuffer (transferred) | urls: [url, ...]}
//   out: {id, analysis: {status (LesionStatus code), reason, features: Float32Array|null},
//         source (index in urls of the one that answered, -1 for bytes), heapBytes, ms}
//        or {id, missing: reason} when no URL answered.
// Several analyse jobs may wait here at once (the page's main thread, busy drawing,
// then never leaves this worker idle); they run in order, the next ones' bytes
// fetched while one is analysed. {drop: true} takes back the jobs not started:
//   out: {dropped: [id, ...]}
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

// The loaded module, or null once job `id` has been answered with the failure.
async function moduleFor(id) {
  try {
    return await getModule();
  } catch (e) {
    self.postMessage({ id, fatal: "decoder failed to load: " + e });
    return null;
  }
}

// --- the background index's jobs ---------------------------------------------------
const PREFETCH = 3;  // waiting jobs whose bytes are fetched ahead of their turn
const waiting = [];  // analyse jobs not started, in order: {id, bytes, urls, load}
let draining = false;

// The first of `urls` that answers: {bytes, source} or {error} (every failure, in order).
async function fetchFirst(urls) {
  const reasons = [];
  for (let i = 0; i < urls.length; i++) {
    let resp;
    try {
      resp = await fetch(urls[i], { credentials: "same-origin" });
    } catch (e) {
      reasons.push("network error: " + urls[i]);
      continue;
    }
    if (!resp.ok) { reasons.push("HTTP " + resp.status + ": " + urls[i]); continue; }
    try {
      return { bytes: await resp.arrayBuffer(), source: i };
    } catch (e) {
      reasons.push("connection dropped: " + urls[i]);
    }
  }
  return { error: reasons.join("; ") || "no URL to try" };
}

function prefetch() {
  for (let i = 0; i < Math.min(PREFETCH, waiting.length); i++) {
    const j = waiting[i];
    if (j.load) continue;
    j.load = j.bytes ? Promise.resolve({ bytes: j.bytes, source: -1 }) : fetchFirst(j.urls || []);
    j.bytes = null;
  }
}

function analyse(M, id, buffer, source) {
  let ptr = 0;
  try {
    const bytes = new Uint8Array(buffer || new ArrayBuffer(0));
    ptr = bytes.length ? M._malloc(bytes.length) : 0;
    if (bytes.length && !ptr) throw new Error("out of memory for " + bytes.length + " input bytes");
    if (ptr) M.HEAPU8.set(bytes, ptr);
    const t1 = performance.now();  // the work itself, without loading the module or the bytes
    const status = M._duck_worker_analyse(ptr, bytes.length);
    if (ptr) M._free(ptr);
    ptr = 0;
    const n = M._duck_worker_analysis_feature_count(), fp = M._duck_worker_analysis_features();
    const features = n > 0 && fp ? new Float32Array(M.HEAPU8.buffer.slice(fp, fp + 4 * n)) : null;
    const reason = M.UTF8ToString(M._duck_worker_analysis_reason());
    self.postMessage({ id, analysis: { status, reason, features }, source, heapBytes: M.HEAPU8.length,
                       ms: performance.now() - t1 }, features ? [features.buffer] : []);
  } catch (e) {
    if (ptr) M._free(ptr);
    self.postMessage({ id, fatal: "decoder crashed: " + (e && e.message ? e.message : e) });
  }
}

// Runs the waiting jobs in order until none is left.
async function drain() {
  if (draining) return;
  draining = true;
  try {
    while (waiting.length) {
      prefetch();
      const job = waiting[0];
      const got = await job.load;
      if (waiting[0] !== job) continue;  // dropped meanwhile
      waiting.shift();
      prefetch();  // the next fetches run while this one is analysed
      if (got.error) { self.postMessage({ id: job.id, missing: got.error }); continue; }
      const M = await moduleFor(job.id);
      if (M) analyse(M, job.id, got.bytes, got.source);
    }
  } finally {
    draining = false;
  }
}

self.onmessage = async (ev) => {
  const job = ev.data || {};
  if (job.drop) {
    self.postMessage({ dropped: waiting.splice(0).map((j) => j.id) });
    return;
  }
  if (job.analyse) {
    waiting.push({ id: job.id, bytes: job.bytes || null, urls: job.urls || null, load: null });
    job.bytes = null;
    drain();
    return;
  }
  const t0 = performance.now();
  const M = await moduleFor(job.id);
  if (!M) return;
  let ptr = 0;
  try {
    const bytes = new Uint8Array(job.bytes || new ArrayBuffer(0));
    ptr = bytes.length ? M._malloc(bytes.length) : 0;
    if (bytes.length && !ptr) throw new Error("out of memory for " + bytes.length + " input bytes");
    if (ptr) M.HEAPU8.set(bytes, ptr);
    job.bytes = null;  // drop the input as early as possible
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
