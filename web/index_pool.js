// index_pool.js - the background index: every lesion image of the open dataset
// is decoded at analysis size and its model features computed in a pool of Web
// Workers (web/decode_worker.js, `analyse` jobs), so every patient gets scores
// without being opened. Everything stays in the browser:
//  - one worker per hardware thread (navigator.hardwareConcurrency, at most 8);
//  - the current patient's images come first: no new job starts while the
//    image source (web/image_source.js) has decodes in flight, so indexing
//    only takes the time they leave;
//  - results are cached in IndexedDB under the app's key (dataset fingerprint,
//    extractor, feature keys) + the image name, so a reload only indexes what
//    the cache does not hold; cached results are read in chunks between frames;
//  - pause stops starting jobs (running ones finish), cancel drops the run.
// The wasm side (src/platform/web_index_pool.cpp) starts a run with the jobs
// [[lesion, image name], ...] and URL templates (NAME_MARK stands for the
// image name; none for an opened folder) and gets each result back through the
// bridge it attaches: result(lesion, status, reason, features, cached, ms).
"use strict";
(function () {
  const DB_NAME = "duckling-index", STORE = "features", DB_VERSION = 1;
  const NAME_MARK = "\u0001";
  const MAX_WORKERS = 8, RECYCLE_HEAP = 384 << 20;
  const CACHE_CHUNK = 500;          // cached entries read and delivered per task
  const PUT_EVERY_MS = 1000;        // new results are written to IndexedDB in batches
  const NO_IMAGE = 1;               // LesionStatus::NoImage (core/index/lesion_index.h)
  let bridge = null;                // {result(lesion, status, reason, features, cached, ms)}
  let run = null;                   // the run in progress (see start)
  let nextRun = 1;
  const workers = [];               // {w, job}
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  function poolSize() {
    const hc = (navigator && navigator.hardwareConcurrency) || 2;
    return Math.max(1, Math.min(MAX_WORKERS, hc));
  }

  // --- IndexedDB -------------------------------------------------------------------
  let dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise((resolve) => {
        try {
          const rq = indexedDB.open(DB_NAME, DB_VERSION);
          rq.onupgradeneeded = () => rq.result.createObjectStore(STORE);
          rq.onsuccess = () => resolve(rq.result);
          rq.onerror = rq.onblocked = () => resolve(null);
        } catch (e) {
          resolve(null);  // no IndexedDB (private mode): nothing is kept
        }
      });
    }
    return dbPromise;
  }
  function tx(mode, fn) {
    return db().then((d) => new Promise((resolve) => {
      if (!d) return resolve(null);
      try {
        const t = d.transaction(STORE, mode), out = fn(t.objectStore(STORE));
        t.oncomplete = () => resolve(out);
        t.onerror = t.onabort = () => resolve(null);
      } catch (e) {
        resolve(null);
      }
    }));
  }
  // One chunk of the run's cached entries after `after` (a key, exclusive): {keys, values}.
  function readChunk(key, after) {
    const lo = after === null ? key + "|" : after, hi = key + "|\uffff";
    return tx("readonly", (s) => {
      const range = IDBKeyRange.bound(lo, hi, after !== null, false), out = { keys: [], values: [] };
      s.getAllKeys(range, CACHE_CHUNK).onsuccess = (e) => { out.keys = e.target.result; };
      s.getAll(range, CACHE_CHUNK).onsuccess = (e) => { out.values = e.target.result; };
      return out;
    });
  }
  function flushPuts(r) {
    if (!r.puts.length) return;
    const puts = r.puts;
    r.puts = [];
    r.lastPut = performance.now();
    tx("readwrite", (s) => { for (const [k, v] of puts) s.put(v, k); });
  }
  function clearCache() {
    return tx("readwrite", (s) => s.clear());
  }

  // --- workers ---------------------------------------------------------------------
  function spawn() {
    const slot = { w: new Worker("web/decode_worker.js"), job: null };
    slot.w.onmessage = (ev) => onWorker(slot, ev.data);
    slot.w.onerror = (ev) => {
      ev.preventDefault();
      onWorker(slot, { id: slot.job && slot.job.id, fatal: "index worker error: " + (ev.message || "unknown") });
    };
    workers.push(slot);
    return slot;
  }
  function retire(slot) {
    slot.w.terminate();
    workers.splice(workers.indexOf(slot), 1);
  }

  // --- a run -----------------------------------------------------------------------
  function deliver(r, lesion, status, reason, features, cached, ms) {
    if (r !== run || !bridge) return;
    bridge.result(lesion, status, reason, features, cached, ms);
  }

  // The image's bytes: the opened folder's file, or the first URL template that answers.
  // Once one has answered, only that one is tried (the dataset's layout is found once,
  // and a row without a file costs one request, not one per layout).
  async function loadBytes(r, name) {
    if (!r.templates.length) return window.DucklingImages.imageBytes(name);
    const order = r.preferred >= 0 ? [r.preferred] : [...r.templates.keys()];
    const reasons = [];
    for (const i of order) {
      const url = r.templates[i].split(NAME_MARK).join(encodeURIComponent(name));
      let resp;
      try {
        resp = await fetch(url, { credentials: "same-origin" });
      } catch (e) {
        reasons.push("network error: " + url);
        continue;
      }
      if (!resp.ok) { reasons.push("HTTP " + resp.status + ": " + url); continue; }
      r.preferred = i;
      return resp.arrayBuffer();
    }
    throw new Error(reasons.join("; ") || "no URL to try");
  }

  // Starts jobs on free workers while the run is not paused and the page's own
  // image decodes leave room; checks again shortly when they do not.
  function pump() {
    const r = run;
    if (!r || r.paused || r.cached === null) return;
    const images = window.DucklingImages;
    if (images && images.busy && images.busy() > 0) {
      if (!r.retry) r.retry = setTimeout(() => { r.retry = null; pump(); }, 50);
      return;
    }
    while (r.next < r.jobs.length) {
      let slot = workers.find((s) => !s.job);
      if (!slot && workers.length < poolSize()) slot = spawn();
      if (!slot) break;
      const [lesion, name] = r.jobs[r.next++];
      if (r.cached.has(name)) continue;
      const job = { id: ++r.seq, run: r, lesion, name, t0: performance.now() };
      slot.job = job;
      r.running++;
      startJob(slot, job);
    }
    if (r.next >= r.jobs.length && r.running === 0) finish(r);
  }

  async function startJob(slot, job) {
    const r = job.run;
    let bytes;
    try {
      bytes = await loadBytes(r, job.name);
    } catch (e) {
      if (slot.job === job) slot.job = null;
      r.running--;
      deliver(r, job.lesion, NO_IMAGE, String(e && e.message ? e.message : e), null, false, performance.now() - job.t0);
      pump();
      return;
    }
    if (slot.job !== job || r !== run) {  // cancelled while loading
      if (slot.job === job) slot.job = null;
      r.running--;
      pump();
      return;
    }
    slot.w.postMessage({ id: job.id, analyse: true, bytes }, [bytes]);
  }

  function onWorker(slot, msg) {
    const job = slot.job;
    slot.job = null;
    if (msg.fatal || (msg.heapBytes || 0) > RECYCLE_HEAP) retire(slot);
    if (job && job.id === msg.id) {
      const r = job.run;
      r.running--;
      const ms = performance.now() - job.t0;
      if (msg.fatal) {
        deliver(r, job.lesion, 2, msg.fatal, null, false, ms);  // LesionStatus::DecodeError
      } else {
        const a = msg.analysis;
        r.workerMs += msg.ms || 0;
        r.computed++;
        deliver(r, job.lesion, a.status, a.reason || "", a.features, false, msg.ms || ms);
        // Decoding is deterministic on the bytes: every analysis is kept (a missing
        // file is not, it may appear later).
        r.puts.push([r.key + "|" + job.name, { s: a.status, r: a.reason || "", f: a.features }]);
        if (performance.now() - r.lastPut > PUT_EVERY_MS) flushPuts(r);
      }
    }
    pump();
  }

  function finish(r) {
    if (r.finished) return;
    r.finished = true;
    flushPuts(r);
  }

  // Reads the run's cached results a chunk per task (each chunk is delivered at
  // once, then the page gets a turn), then starts the workers on the rest.
  async function readCache(r) {
    const wanted = new Map(r.jobs.map(([lesion, name]) => [name, lesion]));
    const found = new Set();
    let after = null;
    for (;;) {
      const chunk = await readChunk(r.key, after);
      if (r !== run) return;
      if (!chunk || !chunk.keys.length) break;
      for (let i = 0; i < chunk.keys.length; ++i) {
        const name = chunk.keys[i].slice(r.key.length + 1), v = chunk.values[i];
        const lesion = wanted.get(name);
        if (lesion === undefined || !v || found.has(name)) continue;
        found.add(name);
        deliver(r, lesion, v.s, v.r || "", v.f ? new Float32Array(v.f) : null, true, 0);
      }
      after = chunk.keys[chunk.keys.length - 1];
      if (chunk.keys.length < CACHE_CHUNK) break;
      await wait(0);
    }
    r.cached = found;
    pump();
  }

  // key: the app's cache key; templates: URL templates (NAME_MARK = image name), empty
  // for the opened folder; jobs: [[lesion, name], ...] in the order to index them.
  function start(key, templates, jobs) {
    cancel();
    run = { id: nextRun++, key, templates, jobs, next: 0, running: 0, seq: 0, paused: false, cached: null,
            preferred: -1, computed: 0, workerMs: 0, puts: [], lastPut: performance.now(), finished: false, retry: null };
    readCache(run);
  }
  function pause(paused) {
    if (!run) return;
    run.paused = !!paused;
    if (!paused) pump();
  }
  function cancel() {
    if (!run) return;
    const r = run;
    run = null;
    if (r.retry) clearTimeout(r.retry);
    flushPuts(r);
    for (const slot of workers.slice()) if (slot.job) { slot.job = null; retire(slot); }
  }
  function stats() {
    const r = run;
    return { workers: workers.length, pool: poolSize(), busy: workers.filter((s) => s.job).length,
             computed: r ? r.computed : 0, worker_ms: r ? r.workerMs : 0, paused: !!(r && r.paused) };
  }

  window.DucklingIndex = Object.freeze({
    attach: (b) => { bridge = b; }, start, pause, cancel, stats, clearCache, NAME_MARK,
  });
})();
