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
    const t0 = performance.now();
    const puts = r.puts;
    r.puts = [];
    tx("readwrite", (s) => { for (const [k, v] of puts) s.put(v, k); });
    r.lastPut = performance.now();
    r.mainMs += r.lastPut - t0;
  }
  function clearCache() {
    return tx("readwrite", (s) => s.clear());
  }

  // --- workers ---------------------------------------------------------------------
  // Each worker holds several jobs at once (web/decode_worker.js runs them in order
  // and fetches the next images' bytes while it analyses): a result then never
  // waits for the page's main thread, which may be drawing a frame, before the
  // worker has its next job. Enough jobs to cover COVER_MS of work, at least 2.
  const COVER_MS = 300, MAX_DEPTH = 12;
  function depth(r) {
    const ms = r.computed ? r.workerMs / r.computed : 50;
    return Math.max(2, Math.min(MAX_DEPTH, Math.ceil(COVER_MS / Math.max(1, ms))));
  }
  function spawn() {
    const slot = { w: new Worker("web/decode_worker.js"), jobs: new Map(), retiring: false };
    slot.w.onmessage = (ev) => onWorker(slot, ev.data);
    slot.w.onerror = (ev) => {
      ev.preventDefault();
      onWorker(slot, { id: oldestPosted(slot), fatal: "index worker error: " + (ev.message || "unknown") });
    };
    workers.push(slot);
    return slot;
  }
  function retire(slot) {
    slot.w.terminate();
    const i = workers.indexOf(slot);
    if (i >= 0) workers.splice(i, 1);
  }
  // The job the worker runs now: the first posted of those it holds (it runs them in order).
  function oldestPosted(slot) {
    let best = null;
    for (const j of slot.jobs.values()) if (j.posted && (!best || j.posted < best.posted)) best = j;
    return best ? best.id : undefined;
  }
  // Jobs a worker gave back (not started) go to the front of the run's queue.
  function requeue(slot, job) {
    slot.jobs.delete(job.id);
    const r = job.run;
    r.running--;
    if (r === run) r.again.push([job.lesion, job.name]);
  }

  // --- a run -----------------------------------------------------------------------
  function deliver(r, lesion, status, reason, features, cached, ms) {
    if (r !== run || !bridge) return;
    const t0 = performance.now();
    bridge.result(lesion, status, reason, features, cached, ms);
    r.mainMs += performance.now() - t0;
  }

  // Starts jobs on the workers while the run is not paused and the page's own
  // image decodes leave room; checks again shortly when they do not.
  function pump() {
    const r = run;
    if (!r || r.paused || r.cached === null) return;
    const t0 = performance.now();
    const images = window.DucklingImages;
    if (images && images.busy && images.busy() > 0) {
      // The current patient's images first: the workers keep only the job they run.
      yieldWorkers(1);
      if (!r.retry) r.retry = setTimeout(() => { r.retry = null; pump(); }, 50);
      r.mainMs += performance.now() - t0;
      return;
    }
    const d = depth(r);
    for (;;) {
      // The least loaded worker; a new one while the pool is not full and all have work.
      let slot = null;
      for (const s of workers) if (!s.retiring && (!slot || s.jobs.size < slot.jobs.size)) slot = s;
      if ((!slot || slot.jobs.size > 0) && workers.length < poolSize()) slot = spawn();
      if (!slot || slot.jobs.size >= d) break;
      const next = r.again.length ? r.again.pop() : r.next < r.jobs.length ? r.jobs[r.next++] : null;
      if (!next) break;
      const [lesion, name] = next;
      if (r.cached.has(name)) continue;
      const job = { id: ++r.seq, run: r, lesion, name, t0: performance.now(), posted: 0 };
      slot.jobs.set(job.id, job);
      r.running++;
      startJob(slot, job);
    }
    if (r.next >= r.jobs.length && !r.again.length && r.running === 0) finish(r);
    r.mainMs += performance.now() - t0;
  }
  // Asks the workers for the jobs they hold but have not started (they come back
  // as {dropped}); `keep` jobs per worker are left alone (one may be running).
  function yieldWorkers(keep) {
    for (const s of workers) if (s.jobs.size > keep && !s.dropping) { s.dropping = true; s.w.postMessage({ drop: true }); }
  }

  function post(slot, job, msg, transfer) {
    job.posted = ++postSeq;
    slot.w.postMessage(msg, transfer || []);
  }
  let postSeq = 0;

  // A URL source: the worker fetches the bytes (the first template that answers;
  // once one has, only that one is tried: the dataset's layout is found once, and a
  // row without a file costs one request, not one per layout). An opened folder:
  // the file is read here and its bytes handed over.
  async function startJob(slot, job) {
    const r = job.run;
    if (r.templates.length) {
      const order = r.preferred >= 0 ? [r.preferred] : [...r.templates.keys()];
      job.order = order;
      // Absolute: the worker would resolve a relative URL against its own script's.
      const urls = order.map((i) => new URL(r.templates[i].split(NAME_MARK).join(encodeURIComponent(job.name)),
                                            location.href).href);
      post(slot, job, { id: job.id, analyse: true, urls });
      return;
    }
    let bytes;
    try {
      bytes = await window.DucklingImages.imageBytes(job.name);
    } catch (e) {
      if (slot.jobs.get(job.id) !== job) return;  // cancelled while loading
      slot.jobs.delete(job.id);
      r.running--;
      deliver(r, job.lesion, NO_IMAGE, String(e && e.message ? e.message : e), null, false, performance.now() - job.t0);
      pump();
      return;
    }
    if (slot.jobs.get(job.id) !== job || r !== run) return;  // cancelled while loading
    if (r.paused) {  // paused while loading: back to the queue
      requeue(slot, job);
      return;
    }
    post(slot, job, { id: job.id, analyse: true, bytes }, [bytes]);
  }

  function onWorker(slot, msg) {
    const t0 = performance.now();
    if (msg.dropped) {
      slot.dropping = false;
      for (const id of msg.dropped) {
        const job = slot.jobs.get(id);
        if (job) requeue(slot, job);
      }
    } else {
      const job = msg.id !== undefined ? slot.jobs.get(msg.id) : undefined;
      if (job) {
        slot.jobs.delete(job.id);
        const r = job.run;
        r.running--;
        const ms = performance.now() - job.t0;
        if (msg.fatal) {
          deliver(r, job.lesion, 2, msg.fatal, null, false, ms);  // LesionStatus::DecodeError
        } else if (msg.missing !== undefined) {
          deliver(r, job.lesion, NO_IMAGE, msg.missing, null, false, ms);
        } else {
          const a = msg.analysis;
          if (msg.source >= 0 && job.order && r.preferred < 0) r.preferred = job.order[msg.source];
          r.workerMs += msg.ms || 0;
          r.computed++;
          deliver(r, job.lesion, a.status, a.reason || "", a.features, false, msg.ms || ms);
          // Decoding is deterministic on the bytes: every analysis is kept (a missing
          // file is not, it may appear later).
          r.puts.push([r.key + "|" + job.name, { s: a.status, r: a.reason || "", f: a.features }]);
          if (performance.now() - r.lastPut > PUT_EVERY_MS) flushPuts(r);
        }
      }
      if (msg.fatal) {  // the worker is replaced; what it held goes back to the queue
        for (const j of [...slot.jobs.values()]) requeue(slot, j);
        retire(slot);
      } else if ((msg.heapBytes || 0) > RECYCLE_HEAP) {
        slot.retiring = true;  // no new jobs; replaced once it has run those it holds
      }
    }
    if (slot.retiring && slot.jobs.size === 0 && workers.includes(slot)) retire(slot);
    if (run) run.mainMs += performance.now() - t0;
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
            preferred: -1, computed: 0, workerMs: 0, puts: [], lastPut: performance.now(), finished: false, retry: null,
            again: [], mainMs: 0 };
    readCache(run);
  }
  // Pausing takes back the jobs the workers have not started: only those running finish.
  function pause(paused) {
    if (!run) return;
    run.paused = !!paused;
    if (paused) yieldWorkers(0);
    else pump();
  }
  function cancel() {
    if (!run) return;
    const r = run;
    run = null;
    if (r.retry) clearTimeout(r.retry);
    flushPuts(r);
    for (const slot of workers.slice()) if (slot.jobs.size) { slot.jobs.clear(); retire(slot); }
  }
  function stats() {
    const r = run;
    return { workers: workers.length, pool: poolSize(), busy: workers.filter((s) => s.jobs.size).length,
             in_flight: workers.reduce((n, s) => n + s.jobs.size, 0), depth: r ? depth(r) : 0,
             computed: r ? r.computed : 0, worker_ms: r ? r.workerMs : 0, main_ms: r ? r.mainMs : 0,
             paused: !!(r && r.paused) };
  }

  window.DucklingIndex = Object.freeze({
    attach: (b) => { bridge = b; }, start, pause, cancel, stats, clearCache, NAME_MARK,
  });
})();
