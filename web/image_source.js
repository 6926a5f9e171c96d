// image_source.js - where lesion images come from in the browser:
//  - an opened folder (directory picker, <input webkitdirectory>, or drag and
//    drop of a folder or files): only file NAMES are indexed up front, so a
//    33,126-image folder opens at once; a file is read when its image is needed;
//    listing reports its count to the app and can be cancelled (cancelOpen);
//  - URLs (?data=): the first candidate URL is fetched, then the others at once; the
//    first in order that answers wins; 404 / CORS / network failures make the image
//    "missing" with the reason;
//  - decoding runs in Web Workers (web/image_queue.js), never on the frame loop;
//  - thumbnails + analysis pixels are cached in IndexedDB, keyed by file identity
//    (name + size + lastModified for files, the absolute URL for fetched ones).
// The wasm side (src/platform/web_image_io.cpp) calls window.DucklingImages and
// gets results back through the bridge it attaches (C exports, wasm heap).
"use strict";
(function () {
  const CACHE_DB = "duckling-images", CACHE_STORE = "thumbs", CACHE_VERSION = 1;
  let bridge = null;             // set by web_image_io.cpp: {imageDone, folderOpened, folderProgress}
  let folder = null;             // in use: {id, label, files: Map relpath -> File|handle|entry, images: Map lower name -> relpath}
  const staged = new Map();      // id -> a folder opened but not in use yet (its CSVs are being read)
  let nextFolderId = 1;
  let opening = null;            // the listing in progress: {label, files, cancelled, ...}
  const pendingFolders = [];     // opened before the wasm side attached
  const jobs = new Map();        // request id -> queue job
  const cancelled = new Set();   // ids cancelled before their job reached the queue
  let queue = null;

  function getQueue() {
    if (!queue) queue = new window.DucklingImageQueue({ baseUrl: "web/" });
    return queue;
  }

  // --- file names -> images (mirrors core/file_match + core/folder_scan) -------
  function imageName(path) {
    const base = path.slice(path.lastIndexOf("/") + 1);
    if (!base || base[0] === ".") return "";
    const m = /^(.+)\.(jpe?g|dcm)$/i.exec(base);
    return m ? m[1].toLowerCase() : "";
  }
  const depth = (p) => p.split("/").length;
  const rank = (p) => (/\.dcm$/i.test(p) ? 1000 : 0) + depth(p);  // JPEG before DICOM, then shallowest

  // entries: [{path, file}] with '/'-separated paths relative to the opened root.
  // The folder is staged under a new id; the app reads its CSVs (folder:<id>/...)
  // and makes it the one in use (useFolder) only when its dataset replaces the
  // current one, so a cancelled opening leaves the current folder answering.
  function stageFolder(label, entries) {
    const files = new Map(), images = new Map(), csvs = [], imagePaths = [];
    for (const { path, file } of entries) {
      files.set(path, file);
      // Lesion index files travel with the CSVs; the app tells them apart (core/index/index_file_name.h).
      if (/\.csv$/i.test(path) || /(^|\/)duckling-index\.bin$/i.test(path)) csvs.push(path);
      const n = imageName(path);
      if (n) imagePaths.push(path);  // the app reports strays and duplicates (core/validate)
      if (n && (!images.has(n) || rank(path) < rank(images.get(n)))) images.set(n, path);
    }
    const id = nextFolderId++;
    staged.set(id, { id, label, files, images });
    const msg = { id, label, csvs, files: files.size, images: images.size, imagePaths };
    console.log(`[duckling] opened folder "${label}": ${files.size} files, ${images.size} images, ${csvs.length} CSV file(s)`);
    if (bridge) bridge.folderOpened(msg); else pendingFolders.push(msg);
    if (window.Module && Module._duck_wake) Module._duck_wake();
  }

  function useFolder(id) {
    const f = staged.get(id);
    if (!f) return;
    folder = f;
    for (const k of Array.from(staged.keys())) if (k <= id) staged.delete(k);
    if (queue) queue.cancelAll();
  }

  // Stops the listing in progress and forgets folders not in use (Cancel / Esc).
  function cancelOpen() {
    if (opening) opening.cancelled = true;
    staged.clear();
    pendingFolders.length = 0;
  }

  // A File, a FileSystemFileHandle (picker, dropped handle) or a FileSystemFileEntry
  // (webkitGetAsEntry): resolved only when the file is read.
  function fileOf(v) {
    if (v instanceof File) return Promise.resolve(v);
    if (typeof v.getFile === "function") return v.getFile();
    return new Promise((resolve, reject) => v.file(resolve, reject));
  }

  async function readFolderFile(rel) {
    // rel is "<id>/<path>" (the app's fetch("folder:<id>/<path>")).
    const slash = rel.indexOf("/"), id = Number(rel.slice(0, slash)), path = rel.slice(slash + 1);
    const f = staged.get(id) || (folder && folder.id === id ? folder : null);
    const v = f && f.files.get(path);
    if (!v) throw new Error("no file " + path + " in the opened folder" + (f ? "" : " (its opening was cancelled)"));
    return (await fileOf(v)).arrayBuffer();
  }

  // --- opening: listing with progress, cancellable ---------------------------------
  class OpenCancelled extends Error {}
  const yieldToPage = () => new Promise((resolve) => setTimeout(resolve, 0));

  // Counts one more file of the listing in progress. Reports the count to the app
  // every 250 ms (each report costs the app a frame) and yields to the page after
  // each slice of work, so the frame loop, the Cancel button and Esc keep working
  // however fast the entries arrive. A slice is 25 ms, or as long as the page took
  // to come back the last time (a slow frame), so that listing keeps at least half
  // of the time. Throws OpenCancelled once the opening was cancelled or superseded.
  async function seen(op) {
    if (op.cancelled) throw new OpenCancelled();
    op.files++;
    const now = performance.now();
    if (now - op.reported > 250) {
      op.reported = now;
      if (bridge) bridge.folderProgress(op.label, op.files, null);
    }
    if (now - op.yielded > op.slice) {
      await yieldToPage();
      const back = performance.now();
      op.slice = Math.min(1000, Math.max(25, back - now));
      op.yielded = back;
      if (op.cancelled) throw new OpenCancelled();
    }
  }

  // Runs collect(op, out) (pushes {path, file}), then stages the folder. A newer
  // opening cancels this one.
  async function runOpening(label, collect) {
    if (opening) opening.cancelled = true;
    const op = { label, files: 0, cancelled: false, reported: performance.now(), yielded: performance.now(), slice: 25 };
    opening = op;
    if (bridge) bridge.folderProgress(label, 0, null);
    try {
      const out = [];
      await collect(op, out);
      if (op.cancelled) throw new OpenCancelled();
      stageFolder(label, out);
    } catch (e) {
      if (e instanceof OpenCancelled) {
        console.log(`[duckling] stopped listing "${label}" after ${op.files} files`);
      } else {
        const why = String(e && e.message ? e.message : e);
        console.warn(`duckling: cannot list the folder "${label}": ${why}`);
        if (bridge && !op.cancelled) bridge.folderProgress(label, op.files, "cannot list it (" + why + ")");
      }
    } finally {
      if (opening === op) opening = null;
    }
  }

  let input = null;
  function folderInput() {
    if (input) return input;
    input = document.createElement("input");
    input.type = "file";
    input.id = "folder-input";
    input.webkitdirectory = true;
    input.multiple = true;
    input.hidden = true;
    input.addEventListener("change", () => {
      const list = Array.from(input.files || []);
      input.value = "";
      if (!list.length) return;
      const rel = (f) => f.webkitRelativePath || f.name;
      const first = rel(list[0]);
      const label = first.includes("/") ? first.slice(0, first.indexOf("/")) : "selected files";
      runOpening(label, async (op, out) => {
        for (const f of list) {
          out.push({ path: rel(f), file: f });
          await seen(op);
        }
      });
    });
    document.body.appendChild(input);
    return input;
  }

  // A FileSystemDirectoryHandle tree (picker, or a dropped folder's handle).
  async function walkHandle(op, dir, prefix, out) {
    for await (const [name, h] of dir.entries()) {
      const path = prefix + "/" + name;
      if (h.kind === "file") {
        out.push({ path, file: h });
        await seen(op);
      } else if (h.kind === "directory") {
        await walkHandle(op, h, path, out);
      }
    }
  }

  // Must run within a user gesture (the click or key press the app just handled).
  // Ctrl+O is handled here too, inside the key event itself; the app's own Ctrl+O
  // then arrives within the debounce and does not open a second dialog.
  let lastOpen = 0;
  function openFolderPicker() {
    if (Date.now() - lastOpen < 1500) return true;
    lastOpen = Date.now();
    if (typeof window.showDirectoryPicker === "function") {
      window.showDirectoryPicker({ mode: "read" })
        .then((dir) => runOpening(dir.name, (op, out) => walkHandle(op, dir, dir.name, out)))
        .catch((e) => { if (!e || e.name !== "AbortError") console.warn("duckling: folder picker: " + e); });
      return true;
    }
    folderInput().click();
    return true;
  }

  // A FileSystemEntry tree (webkitGetAsEntry of a drop). Directory readers hand
  // out entries in batches until an empty one.
  function readEntries(reader) {
    return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
  }
  async function walkEntry(op, entry, out) {
    const path = entry.fullPath.replace(/^\/+/, "");
    if (entry.isFile) {
      out.push({ path, file: entry });
      await seen(op);
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (let batch = await readEntries(reader); batch.length; batch = await readEntries(reader))
        for (const e of batch) await walkEntry(op, e, out);
    }
  }

  // Drops: a folder (or files) dragged onto the page. Both ways into the dropped
  // tree are taken inside the event (they are gone afterwards): the File System
  // Access handles where the browser has them (files are then read lazily, like
  // the picker's), else the older FileSystemEntry tree, else the plain files.
  function installDrop() {
    const hasFiles = (e) => e.dataTransfer && Array.from(e.dataTransfer.types || []).includes("Files");
    window.addEventListener("dragover", (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    });
    window.addEventListener("drop", (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      const items = Array.from(e.dataTransfer.items || []).filter((i) => i.kind === "file");
      const handles = items.map((i) => (typeof i.getAsFileSystemHandle === "function" ? i.getAsFileSystemHandle() : null));
      const entries = items.map((i) => (typeof i.webkitGetAsEntry === "function" ? i.webkitGetAsEntry() : null));
      const plain = Array.from(e.dataTransfer.files || []);
      (async () => {
        let hs = [];
        if (handles.length && handles.every((p) => p)) {
          try { hs = await Promise.all(handles); } catch (err) { hs = []; }
        }
        if (hs.length && hs.every((x) => x)) {
          const dirs = hs.filter((x) => x.kind === "directory");
          const label = dirs.length === 1 && hs.length === 1 ? dirs[0].name : "dropped files";
          return runOpening(label, async (op, out) => {
            for (const x of hs) {
              if (x.kind === "directory") await walkHandle(op, x, x.name, out);
              else { out.push({ path: x.name, file: x }); await seen(op); }
            }
          });
        }
        const ens = entries.filter((x) => x);
        if (ens.length) {
          const dirs = ens.filter((en) => en.isDirectory);
          const label = dirs.length === 1 && ens.length === 1 ? dirs[0].name : "dropped files";
          return runOpening(label, async (op, out) => { for (const en of ens) await walkEntry(op, en, out); });
        }
        return runOpening("dropped files", async (op, out) => {
          for (const f of plain) { out.push({ path: f.name, file: f }); await seen(op); }
        });
      })().catch((err) => console.warn("duckling: cannot read the dropped files: " + err));
    });
  }

  // --- IndexedDB cache of thumbnails + analysis pixels ----------------------------
  let dbPromise = null;
  function db() {
    if (!dbPromise) {
      dbPromise = new Promise((resolve) => {
        try {
          const rq = indexedDB.open(CACHE_DB, CACHE_VERSION);
          rq.onupgradeneeded = () => rq.result.createObjectStore(CACHE_STORE);
          rq.onsuccess = () => resolve(rq.result);
          rq.onerror = () => resolve(null);
          rq.onblocked = () => resolve(null);
        } catch (e) {
          resolve(null);  // no IndexedDB (private mode, old browser): no cache
        }
      });
    }
    return dbPromise;
  }
  async function cacheOp(mode, fn) {
    const d = await db();
    if (!d) return null;
    return new Promise((resolve) => {
      try {
        const tx = d.transaction(CACHE_STORE, mode), rq = fn(tx.objectStore(CACHE_STORE));
        tx.oncomplete = () => resolve(rq ? rq.result : null);
        tx.onerror = tx.onabort = () => resolve(null);
      } catch (e) {
        resolve(null);
      }
    });
  }
  // Every key of an image in one transaction (one round trip to the database,
  // not one per candidate URL); the first key, in order, that holds a thumbnail wins.
  async function cacheGet(keys) {
    const d = await db();
    if (!d) return null;
    return new Promise((resolve) => {
      try {
        const tx = d.transaction(CACHE_STORE, "readonly"), store = tx.objectStore(CACHE_STORE);
        const rqs = keys.map((k) => store.get(k));
        tx.oncomplete = () => {
          for (const rq of rqs) if (rq.result && rq.result.thumb) return resolve(rq.result);
          resolve(null);
        };
        tx.onerror = tx.onabort = () => resolve(null);
      } catch (e) {
        resolve(null);
      }
    });
  }
  // Writes wait until no decode is asked for (the patient is filled) and the page
  // is idle, then go in one transaction: storing copies the pixels (structured
  // clone, 2-3 ms per image on the main thread: 150 ms for a patient of 55), which
  // must not hold up the results and frames of a patient being opened.
  const putsWaiting = new Map();  // key -> value
  let putsScheduled = false;
  function cachePut(key, value) {
    putsWaiting.set(key, value);
    if (putsScheduled) return;
    putsScheduled = true;
    const later = window.requestIdleCallback ? (f) => requestIdleCallback(f, { timeout: 250 }) : (f) => setTimeout(f, 50);
    const write = () => {
      if (active > 0) { later(write); return; }
      putsScheduled = false;
      const batch = Array.from(putsWaiting);
      putsWaiting.clear();
      if (batch.length) cacheOp("readwrite", (s) => { for (const [k, v] of batch) s.put(v, k); return null; });
    };
    later(write);
  }
  function clearCache() {
    putsWaiting.clear();
    cacheOp("readwrite", (s) => s.clear()).then(() => console.log("[duckling] image cache cleared"));
  }

  // --- decoding --------------------------------------------------------------------
  function deliver(id, r) {
    if (!bridge) return;
    const size = (im) => (im ? { width: im.width, height: im.height } : null);
    const meta = {
      status: r.status, error: r.error || "", format: r.format || "", source: r.source || "",
      width: r.width || 0, height: r.height || 0, tags: r.tags || {}, cached: !!r.cached,
      thumb: size(r.thumb), analysis: size(r.analysis), viewer: size(r.viewer),
    };
    bridge.imageDone(id, meta, r.thumb && r.thumb.rgba, r.analysis && r.analysis.rgba, r.viewer && r.viewer.rgba);
  }

  // Why fetch(url) rejected. The browser throws the same TypeError ("Failed to
  // fetch") for a CORS refusal and for a network failure; a no-cors request to
  // the same URL tells them apart: it succeeds (with an opaque answer) when the
  // server did answer. A URL outside the page's connect-src (web/csp.js narrows
  // it to the ?data= origin) is named as such without being contacted.
  async function whyFetchFailed(url, err) {
    const abs = new URL(url, location.href), allowed = window.ducklingDataOrigin || location.origin;
    if (abs.origin !== location.origin && abs.origin !== allowed)
      return `blocked by the page's Content-Security-Policy (only ${allowed} may be contacted): ${abs.href}`;
    if (abs.origin !== location.origin) {
      try {
        await fetch(abs.href, { mode: "no-cors", credentials: "omit", cache: "no-store" });
        return `blocked by CORS (the server answered without an Access-Control-Allow-Origin header for ${location.origin}): ${abs.href}`;
      } catch (e) { /* no answer at all: a network failure */ }
    }
    const what = err && err.message ? err.message : String(err);
    return `network error (no answer: connection refused, reset or closed; ${what}): ${abs.href}`;
  }

  // Asks for the first candidate URL, then, if it does not answer, for all the
  // others at once, and takes the first in the candidates' order that answers: an
  // image the source lacks costs two round trips, not one per layout taken in turn
  // (each turn also waits for the page's main thread, busy drawing frames while a
  // patient loads), and a source in the usual layout sees no failed requests. The
  // app sends one candidate once the source's layout is known. Otherwise the
  // reasons, grouped ("HTTP 404: url1, url2; blocked by CORS (...): url3").
  function fetchFirst(urls, used) {
    return async () => {
      const reasons = new Map();  // reason -> URLs
      const note = (reason, u) => { if (!reasons.has(reason)) reasons.set(reason, []); reasons.get(reason).push(u); };
      const ask = (u) => fetch(u, { credentials: "same-origin" }).then((resp) => ({ resp }), (err) => ({ err }));
      const answers = [ask(urls[0])];
      let probed = null;  // one probe per image: every candidate shares the base's origin
      for (let i = 0; i < urls.length; i++) {
        if (i === 1) answers.push(...urls.slice(1).map(ask));  // the usual layout failed: all the others at once
        const u = urls[i], { resp, err } = await answers[i];
        if (err) {
          if (!probed || new URL(u, location.href).origin !== probed.origin) {
            const why = await whyFetchFailed(u, err);
            probed = { origin: new URL(u, location.href).origin, why: why.slice(0, why.lastIndexOf(": ")) };
          }
          note(probed.why, new URL(u, location.href).href);
          continue;
        }
        if (!resp.ok) { note("HTTP " + resp.status, u); continue; }
        try {
          const bytes = await resp.arrayBuffer();
          used.source = u;
          return bytes;
        } catch (e) {
          note(`connection dropped while reading the answer (${e && e.message ? e.message : e})`, u);
        }
      }
      throw new Error(Array.from(reasons, ([why, us]) => why + ": " + us.join(", ")).join("; "));
    };
  }

  // Decodes asked for and not answered yet: the background index (web/index_pool.js)
  // starts no job while there are any, so the current patient's images come first.
  let active = 0;
  async function decode(id, name, urls, viewer) {
    active++;
    try {
      await decodeOne(id, name, urls, viewer);
    } finally {
      active--;
    }
  }

  // The bytes of image `name` in the folder in use (the background index reads them).
  async function imageBytes(name) {
    const path = folder && folder.images.get(name.toLowerCase());
    if (!path) throw new Error(folder ? `no file ${name}.jpg/.jpeg/.dcm in the folder "${folder.label}"` : "no folder is open");
    return (await fileOf(folder.files.get(path))).arrayBuffer();
  }

  async function decodeOne(id, name, urls, viewer) {
    const used = { source: "" };
    let load, keys;
    if (!urls.length) {
      const path = folder && folder.images.get(name.toLowerCase());
      if (!path) {
        deliver(id, { status: "missing",
                      error: folder ? `no file ${name}.jpg/.jpeg/.dcm in the folder "${folder.label}"` : "no folder is open" });
        return;
      }
      let file;
      try {
        file = await fileOf(folder.files.get(path));
      } catch (e) {
        deliver(id, { status: "missing", error: "cannot read " + path + ": " + e });
        return;
      }
      used.source = path;
      load = () => file.arrayBuffer();
      keys = [`f:${file.name}:${file.size}:${file.lastModified}`];
    } else {
      load = fetchFirst(urls, used);
      keys = urls.map((u) => "u:" + new URL(u, location.href).href);
    }
    if (!viewer) {
      const hit = await cacheGet(keys);
      if (hit) {
        if (cancelled.delete(id)) return;
        deliver(id, Object.assign({}, hit.meta, { status: "ready", cached: true, thumb: hit.thumb, analysis: hit.analysis }));
        return;
      }
    }
    if (cancelled.delete(id)) return;
    let bytes = null;
    if (urls.length) {
      // Fetched here, not inside a decoder slot: probing the candidate layouts
      // (mostly 404s for rows without files) must not hold up decoding. The app
      // keeps at most a few requests in flight, which bounds the bytes held.
      try {
        bytes = await load();
      } catch (e) {
        if (!cancelled.delete(id)) deliver(id, { status: "missing", error: String(e && e.message ? e.message : e) });
        return;
      }
      if (cancelled.delete(id)) return;
    }
    const job = getQueue().decode(bytes ? { key: name, bytes, viewer } : { key: name, load, viewer });
    jobs.set(id, job);
    const r = await job.promise;
    jobs.delete(id);
    if (r.status === "cancelled") return;
    r.source = used.source;
    deliver(id, r);
    if (r.status === "ready" && r.thumb && r.analysis) {
      const key = urls.length ? "u:" + new URL(used.source, location.href).href : keys[0];
      // The decoder's arrays as they are: deliver() copied them into the app and
      // nothing writes to them, and storing clones them anyway (no copy per image here).
      const copy = (im) => ({ width: im.width, height: im.height, rgba: im.rgba });
      cachePut(key, { meta: { format: r.format, width: r.width, height: r.height, tags: r.tags, source: r.source },
                      thumb: copy(r.thumb), analysis: copy(r.analysis) });
    }
  }

  function cancel(id) {
    const job = jobs.get(id);
    if (job) { job.cancel(); jobs.delete(id); } else cancelled.add(id);
  }

  // Called once by web_image_io.cpp with its C entry points.
  function attach(b) {
    bridge = b;
    getQueue().warm();  // the decoder is ready by the time the first images are fetched
    while (pendingFolders.length) bridge.folderOpened(pendingFolders.shift());
  }

  window.DucklingImages = Object.freeze({
    attach, decode, cancel, openFolderPicker, readFolderFile, useFolder, cancelOpen, clearCache, whyFetchFailed,
    stats: () => (queue ? queue.stats() : null), busy: () => active, imageBytes,
  });
  folderInput();
  installDrop();
  window.addEventListener("keydown", (e) => {
    if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key === "o" || e.key === "O")) {
      e.preventDefault();  // not the browser's "open file"
      openFolderPicker();
    }
  }, { capture: true });
})();
