// image_queue.js - main-thread side of image decoding: a priority queue of jobs
// served by a small pool of Web Workers (web/decode_worker.js), so decoding never
// runs on the frame loop and memory stays bounded:
//  - at most `maxWorkers` workers, each decoding one image at a time, so at most
//    that many full-resolution originals are decoded at any moment (default 2);
//  - each worker is handed up to `depth` jobs (default 2): the next one waits in
//    the worker, so it starts as soon as the last one ends instead of after a
//    round trip through the page's main thread, which with software WebGL is
//    often busy drawing a frame for 100 ms (the worker would stand idle meanwhile);
//  - a job's file bytes are read only when it is handed to a worker (`load()` is
//    called then), so queueing 33,126 images holds no file data;
//  - a worker whose wasm heap grew past `recycleHeapBytes` (wasm memory never
//    shrinks) gets no more jobs and is replaced once its jobs are done;
//  - jobs can be cancelled: queued ones never start, running ones are ignored
//    when they finish; cancelAll() also terminates busy workers (frees memory).
// Usage:
//   const q = new DucklingImageQueue({ baseUrl: "web/" });
//   const job = q.decode({ key: "ISIC_0015719", load: () => file.arrayBuffer(), viewer: false });
//   const r = await job.promise;  // {key, status, error, format, width, height, tags,
//                                 //  thumb, analysis, viewer: {width, height, rgba: Uint8Array} | null, ms}
//   job.cancel();                 // r.status === "cancelled"
//   q.warm();                     // optional: start the workers (and their decoder) ahead of the first job
// Statuses are the core's ImageStatus names: ready, missing, corrupt, too_large
// (plus "cancelled" for jobs that were cancelled).
"use strict";
(function (global) {
  const DEFAULTS = {
    baseUrl: "",                   // folder holding decode_worker.js and duckling-worker.js/.wasm
    maxWorkers: Math.max(1, Math.min(2, ((global.navigator && navigator.hardwareConcurrency) || 2) - 1)),
    thumbSide: 256,                // kThumbnailSide
    analysisSide: 128,             // kAnalysisSide (the model's working size)
    viewerSide: 4096,              // kViewerMaxSide, used when a job asks for {viewer: true}
    maxMegapixels: 50,             // kDefaultMaxMegapixels
    recycleHeapBytes: 384 << 20,
    depth: 2,                      // jobs handed to a worker at once (1 = one round trip per job)
  };

  class DucklingImageQueue {
    constructor(options) {
      this.opt = Object.assign({}, DEFAULTS, options || {});
      this.queue = [];             // waiting jobs, highest priority first, FIFO within a priority
      this.workers = [];           // {w, jobs: handed over, oldest first, retiring}
      this.seq = 0;
      this.counts = { queued: 0, running: 0, done: 0, failed: 0, cancelled: 0 };
    }

    // Queue one image. spec: {key, load: () => Promise<ArrayBuffer>} or {key, bytes},
    // optional viewer (bool), priority (number, higher first). Returns {promise, cancel}.
    decode(spec) {
      const job = { id: ++this.seq, spec, priority: +spec.priority || 0, state: "queued" };
      job.promise = new Promise((resolve) => { job.resolve = resolve; });
      let i = this.queue.findIndex((j) => j.priority < job.priority);
      if (i < 0) i = this.queue.length;
      this.queue.splice(i, 0, job);
      this.counts.queued++;
      this._pump();
      return { promise: job.promise, cancel: () => this._cancel(job) };
    }

    // Starts the workers before the first job: loading and compiling the decoder
    // takes a worker several hundred ms, which would otherwise come after the
    // page's first image requests. Idle workers cost no CPU.
    warm() {
      while (this.workers.length < this.opt.maxWorkers) this._spawn();
    }

    // Cancels every queued and running job (e.g. when another dataset is opened).
    cancelAll() {
      for (const job of this.queue.slice()) this._cancel(job);
      for (const slot of this.workers.slice()) {
        if (slot.jobs.length) {
          for (const job of slot.jobs.slice()) this._cancel(job);
          this._retire(slot);     // stop the decode now and free its memory
        }
      }
    }

    // Numbers for progress bars and tests.
    stats() {
      return Object.assign({ workers: this.workers.length, waiting: this.queue.length }, this.counts);
    }

    _finish(job, result) {
      if (job.state === "finished") return;
      const wasRunning = job.state === "running";
      job.state = "finished";
      if (wasRunning) this.counts.running--;
      else this.counts.queued--;
      if (result.status === "cancelled") this.counts.cancelled++;
      else if (result.status === "ready") this.counts.done++;
      else this.counts.failed++;
      job.resolve(Object.assign({ key: job.spec.key }, result));
    }

    _cancel(job) {
      if (job.state === "finished") return;
      const i = this.queue.indexOf(job);
      if (i >= 0) this.queue.splice(i, 1);
      this._finish(job, { status: "cancelled", error: "cancelled" });
      this._pump();
    }

    _spawn() {
      const slot = { w: new Worker(this.opt.baseUrl + "decode_worker.js"), jobs: [], retiring: false };
      slot.w.onmessage = (ev) => this._onResult(slot, ev.data);
      slot.w.onerror = (ev) => {
        ev.preventDefault();
        // The worker is gone: every job it held fails (the first with the reason).
        const why = "decoder worker error: " + (ev.message || "unknown");
        slot.retiring = true;
        for (const job of slot.jobs.slice()) this._onResult(slot, { id: job.id, fatal: why });
        if (!slot.jobs.length && this.workers.includes(slot)) this._retire(slot);
      };
      this.workers.push(slot);
      return slot;
    }

    _retire(slot) {
      slot.w.terminate();
      slot.jobs = [];
      const i = this.workers.indexOf(slot);
      if (i >= 0) this.workers.splice(i, 1);
    }

    // The worker for the next job: an idle one, else a new one while there may be
    // more, else the least loaded one with room (jobs wait in it, in order).
    _slotForNext() {
      const open = this.workers.filter((s) => !s.retiring);
      const idle = open.find((s) => !s.jobs.length);
      if (idle) return idle;
      if (this.workers.length < this.opt.maxWorkers) return this._spawn();
      let best = null;
      for (const s of open) if (s.jobs.length < Math.max(1, this.opt.depth) && (!best || s.jobs.length < best.jobs.length)) best = s;
      return best;
    }

    _pump() {
      while (this.queue.length) {
        const slot = this._slotForNext();
        if (!slot) return;
        const job = this.queue.shift();
        this.counts.queued--;
        this.counts.running++;
        job.state = "running";
        slot.jobs.push(job);
        this._start(slot, job);
      }
    }

    _drop(slot, job) {
      const i = slot.jobs.indexOf(job);
      if (i >= 0) slot.jobs.splice(i, 1);
    }

    async _start(slot, job) {
      let bytes;
      try {
        bytes = job.spec.bytes || (await job.spec.load());
      } catch (e) {
        // A file that cannot be read (404, CORS, permission) is "missing", not corrupt.
        this._drop(slot, job);
        this._finish(job, { status: "missing", error: String(e && e.message ? e.message : e) });
        this._pump();
        return;
      }
      if (job.state !== "running" || !slot.jobs.includes(job)) {  // cancelled while loading: never handed over
        this._drop(slot, job);
        if (slot.retiring && !slot.jobs.length && this.workers.includes(slot)) this._retire(slot);
        this._pump();
        return;
      }
      if (!(bytes instanceof ArrayBuffer)) bytes = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      const o = this.opt;
      slot.w.postMessage({
        id: job.id, bytes, thumbSide: o.thumbSide, analysisSide: o.analysisSide,
        viewerSide: job.spec.viewer ? o.viewerSide : 0, maxMegapixels: o.maxMegapixels,
      }, [bytes]);
    }

    _onResult(slot, msg) {
      const job = slot.jobs.find((j) => j.id === msg.id);
      if (job) this._drop(slot, job);
      // A worker that failed or grew too big takes no more jobs; it goes once
      // the ones it holds are answered (they were handed over already).
      if (msg.fatal || (msg.heapBytes || 0) > this.opt.recycleHeapBytes) slot.retiring = true;
      if (slot.retiring && !slot.jobs.length && this.workers.includes(slot)) this._retire(slot);
      if (job && job.state === "running") {
        if (msg.fatal) {
          this._finish(job, { status: "corrupt", error: msg.fatal });
        } else {
          const r = msg.result, px = msg.pixels || {};
          const img = (size, buf) => (size && buf ? { width: size.width, height: size.height, rgba: new Uint8Array(buf) } : null);
          this._finish(job, {
            status: r.status, error: r.error, format: r.format, width: r.width, height: r.height, tags: r.tags,
            thumb: img(r.thumb, px.thumb), analysis: img(r.analysis, px.analysis), viewer: img(r.viewer, px.viewer),
            ms: msg.ms,
          });
        }
      }
      this._pump();
    }
  }

  global.DucklingImageQueue = DucklingImageQueue;
})(typeof window !== "undefined" ? window : globalThis);
