// queue_test.js - browser test of the decode queue: real decodes in Web Workers,
// at most maxWorkers workers with at most `depth` jobs handed to each, the next
// job waiting in the worker (no round trip through the page between two), lazy loading, missing/corrupt/cancelled statuses,
// cancelAll. Reports "PASS <n>" or "FAIL <reason>" in document.title and #out.
"use strict";
(async function () {
  const out = document.getElementById("out");
  const log = (s) => { out.textContent += s + "\n"; };
  let checks = 0;
  const check = (cond, what) => {
    if (!cond) throw new Error(what);
    checks++;
  };
  const fetchBytes = async (url) => {
    const r = await fetch(url);
    if (!r.ok) throw new Error("HTTP " + r.status + " for " + url);
    return r.arrayBuffer();
  };
  try {
    const q = new DucklingImageQueue({ maxWorkers: 2 });
    let loading = 0, maxLoaded = 0;
    const lazy = (url) => async () => {
      loading++;
      maxLoaded = Math.max(maxLoaded, loading);
      try { return await fetchBytes(url); } finally { loading--; }
    };
    let maxRunning = 0, maxHanded = 0;
    const origStart = q._start.bind(q);
    q._start = (slot, job) => {
      maxRunning = Math.max(maxRunning, q.workers.filter((s) => s.jobs.length).length);
      maxHanded = Math.max(maxHanded, ...q.workers.map((s) => s.jobs.length));
      return origStart(slot, job);
    };
    const names = ["ISIC_0075914", "ISIC_0074311", "ISIC_0052212", "ISIC_2637011", "ISIC_0081956"];
    const t0 = performance.now();
    const jobs = names.map((n) => q.decode({ key: n, load: lazy("data/" + n + ".jpg") }));
    const dcm = q.decode({ key: "dcm", load: lazy("data/ISIC_0015719.dcm"), viewer: true, priority: 5 });
    const missing = q.decode({ key: "nope", load: lazy("data/does_not_exist.jpg") });
    const corrupt = q.decode({ key: "bad", bytes: new TextEncoder().encode("<html>404</html>").buffer });
    const cancelled = q.decode({ key: "late", load: lazy("data/ISIC_0081956.jpg"), priority: -1 });
    cancelled.cancel();
    const results = await Promise.all(jobs.map((j) => j.promise));
    const ms = performance.now() - t0;
    for (const r of results) {
      check(r.status === "ready", r.key + " ready: " + r.error);
      check(r.thumb && r.thumb.rgba.length === r.thumb.width * r.thumb.height * 4, r.key + " thumb pixels");
      check(Math.max(r.thumb.width, r.thumb.height) === Math.min(256, Math.max(r.width, r.height)), r.key + " thumb size");
      check(r.viewer === null, r.key + " no viewer unless asked");
    }
    check(results[0].width === 6000 && results[0].thumb.height === 171, "6000x4000 -> 256x171");
    const d = await dcm.promise;
    check(d.status === "ready" && d.format === "dicom", "dicom ready: " + d.error);
    check(d.tags.PatientID === "ISIC_0015719", "dicom tags");
    check(d.viewer && d.viewer.width === 4096 && d.viewer.height === 2731, "viewer capped at 4096");
    const m = await missing.promise;
    check(m.status === "missing" && /HTTP 404/.test(m.error), "missing: " + m.status + " " + m.error);
    const c = await corrupt.promise;
    check(c.status === "corrupt" && c.error === "not a JPEG (HTML signature)", "corrupt: " + c.error);
    check((await cancelled.promise).status === "cancelled", "cancelled before start");
    check(maxRunning <= 2, "at most 2 workers busy, saw " + maxRunning);
    check(maxHanded === 2, "2 jobs handed to a worker at most and at least once, saw " + maxHanded);
    check(maxLoaded <= 4, "at most 2 files per worker loaded at once, saw " + maxLoaded);
    // One worker, three jobs: two are handed over at once (the second waits in the
    // worker), the third waits in the page; all decode, in order.
    const one = new DucklingImageQueue({ maxWorkers: 1, depth: 2 });
    const bytesOf = await Promise.all(["ISIC_0074311", "ISIC_0052212", "ISIC_2637011"].map((n) => fetchBytes("data/" + n + ".jpg")));
    const three = bytesOf.map((b, i) => one.decode({ key: "p" + i, bytes: b }));
    check(one.workers.length === 1 && one.workers[0].jobs.length === 2 && one.queue.length === 1,
          "depth 2: 2 jobs in the worker, 1 waiting, saw " + one.workers.map((w) => w.jobs.length) + " / " + one.queue.length);
    const order = [];
    const piped = await Promise.all(three.map((j, i) => j.promise.then((r) => { order.push(i); return r; })));
    check(piped.every((r) => r.status === "ready"), "pipelined jobs ready");
    check(order.join() === "0,1,2", "pipelined jobs answered in order, saw " + order.join());
    check(one.workers[0].jobs.length === 0 && one.stats().running === 0, "worker holds no job once all are answered");
    // cancelAll while big decodes run (three 6000x4000: none ends within 50 ms, the
    // third waits in a worker): they resolve as cancelled, busy workers are terminated.
    const busy = [q.decode({ key: "a", load: lazy("data/ISIC_0075914.jpg") }), q.decode({ key: "b", load: lazy("data/ISIC_0081956.jpg") }),
                  q.decode({ key: "c", load: lazy("data/ISIC_0075914.jpg") })];
    await new Promise((r) => setTimeout(r, 50));
    q.cancelAll();
    for (const b of busy) check((await b.promise).status === "cancelled", "cancelAll");
    const after = await q.decode({ key: "again", load: lazy("data/ISIC_2637011.jpg") }).promise;
    check(after.status === "ready", "queue works after cancelAll");
    const s = q.stats();
    log(JSON.stringify(s));
    log("5 JPEGs (2x 6000x4000) + 1 DICOM 6000x4000 with viewer in " + Math.round(ms) + " ms; worker times " +
        results.map((r) => r.key + "=" + Math.round(r.ms)).join(" ") + " dicom=" + Math.round(d.ms));
    document.title = "PASS " + checks;
  } catch (e) {
    document.title = "FAIL " + (e && e.message ? e.message : e);
  }
  log(document.title);
})();
