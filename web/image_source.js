// image_source.js - where lesion images come from in the browser (issue 5):
//  - an opened folder (directory picker, <input webkitdirectory>, or drag and
//    drop of a folder or files): only file NAMES are indexed up front, so a
//    33,126-image folder opens at once; a file is read when its image is needed;
//  - URLs (?data=): candidate URLs are fetched in order, the first that answers
//    wins; 404 / CORS / network failures make the image "missing" with the reason;
//  - decoding runs in Web Workers (web/image_queue.js), never on the frame loop;
//  - thumbnails + analysis pixels are cached in IndexedDB, keyed by file identity
//    (name + size + lastModified for files, the absolute URL for fetched ones).
// The wasm side (src/platform/web_image_io.cpp) calls window.DucklingImages and
// gets results back through the bridge it attaches (C exports, wasm heap).
"use strict";
(function () {
  const CACHE_DB = "duckling-images", CACHE_STORE = "thumbs", CACHE_VERSION = 1;
  let bridge = null;             // set by web_image_io.cpp: {malloc, heap(), imageDone, folderOpened}
  let folder = null;             // {label, files: Map relpath -> File|FileSystemFileHandle, images: Map lower name -> relpath}
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
  function setFolder(label, entries) {
    const files = new Map(), images = new Map(), csvs = [];
    for (const { path, file } of entries) {
      files.set(path, file);
      if (/\.csv$/i.test(path)) csvs.push(path);
      const n = imageName(path);
      if (n && (!images.has(n) || rank(path) < rank(images.get(n)))) images.set(n, path);
    }
    folder = { label, files, images };
    if (queue) queue.cancelAll();
    const msg = { label, csvs, files: files.size, images: images.size };
    console.log(`[duckling] opened folder "${label}": ${files.size} files, ${images.size} images, ${csvs.length} CSV file(s)`);
    if (bridge) bridge.folderOpened(msg); else pendingFolders.push(msg);
    if (window.Module && Module._duck_wake) Module._duck_wake();
  }

  const fileOf = (v) => (v instanceof File ? Promise.resolve(v) : v.getFile());

  async function readFolderFile(path) {
    const v = folder && folder.files.get(path);
    if (!v) throw new Error("no file " + path + " in the opened folder");
    return (await fileOf(v)).arrayBuffer();
  }

  // --- opening: picker, input, drop --------------------------------------------
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
      if (!list.length) return;
      const rel = (f) => f.webkitRelativePath || f.name;
      const first = rel(list[0]);
      const label = first.includes("/") ? first.slice(0, first.indexOf("/")) : "selected files";
      setFolder(label, list.map((f) => ({ path: rel(f), file: f })));
      input.value = "";
    });
    document.body.appendChild(input);
    return input;
  }

  async function walkHandle(dir, prefix, out) {
    for await (const [name, h] of dir.entries()) {
      const path = prefix + "/" + name;
      if (h.kind === "file") out.push({ path, file: h });
      else await walkHandle(h, path, out);
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
        .then(async (dir) => {
          const out = [];
          await walkHandle(dir, dir.name, out);
          setFolder(dir.name, out);
        })
        .catch((e) => { if (!e || e.name !== "AbortError") console.warn("duckling: folder picker: " + e); });
      return true;
    }
    folderInput().click();
    return true;
  }

  function readEntries(reader) {
    return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
  }
  async function walkEntry(entry, out) {
    const path = entry.fullPath.replace(/^\/+/, "");
    if (entry.isFile) {
      out.push({ path, file: await new Promise((res, rej) => entry.file(res, rej)) });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (let batch = await readEntries(reader); batch.length; batch = await readEntries(reader))
        for (const e of batch) await walkEntry(e, out);
    }
  }

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
      const items = Array.from(e.dataTransfer.items || []);
      const entries = items.map((i) => (i.webkitGetAsEntry ? i.webkitGetAsEntry() : null)).filter((x) => x);
      const plain = Array.from(e.dataTransfer.files || []);
      (async () => {
        const out = [];
        if (entries.length) for (const en of entries) await walkEntry(en, out);
        else for (const f of plain) out.push({ path: f.name, file: f });
        const dirs = entries.filter((en) => en.isDirectory);
        setFolder(dirs.length === 1 && entries.length === 1 ? dirs[0].name : "dropped files", out);
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
  async function cacheGet(keys) {
    for (const k of keys) {
      const v = await cacheOp("readonly", (s) => s.get(k));
      if (v && v.thumb) return v;
    }
    return null;
  }
  const cachePut = (key, value) => cacheOp("readwrite", (s) => s.put(value, key));
  function clearCache() {
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

  function fetchFirst(urls, used) {
    return async () => {
      const errors = [];
      for (const u of urls) {
        try {
          const resp = await fetch(u, { credentials: "same-origin" });
          if (resp.ok) {
            used.source = u;
            return await resp.arrayBuffer();
          }
          errors.push("HTTP " + resp.status + " for " + u);
        } catch (e) {
          // TypeError: network failure or blocked by CORS (the browser does not say which).
          errors.push((e && e.message ? e.message : String(e)) + " for " + u + " (network error or CORS)");
        }
      }
      throw new Error(errors.join("; "));
    };
  }

  async function decode(id, name, urls, viewer) {
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
      const copy = (im) => ({ width: im.width, height: im.height, rgba: im.rgba.slice() });
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
    while (pendingFolders.length) bridge.folderOpened(pendingFolders.shift());
  }

  window.DucklingImages = Object.freeze({
    attach, decode, cancel, openFolderPicker, readFolderFile, clearCache,
    stats: () => (queue ? queue.stats() : null),
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
