// fake_fs.js - in-page stand-ins for what headless Chromium cannot produce: a
// folder chosen in showDirectoryPicker's native dialog, and a folder dragged
// from the desktop. installFakeFs() runs in the page before its own scripts
// (page.addInitScript): window.showDirectoryPicker then resolves to the tree in
// window.__fakeFs.pick, and __fakeFs.drop() dispatches a real DragEvent whose
// items hand out the tree as FileSystemDirectoryEntry (webkitGetAsEntry) or
// FileSystemDirectoryHandle (getAsFileSystemHandle) objects. They have exactly
// the members web/image_source.js uses (kind, name, entries()/values(),
// getFile(); isFile/isDirectory, fullPath, createReader().readEntries(), file()),
// so the app's own walking, lazy reading and opening code runs on them. Files
// are real File objects: fetched from the test's static server when read
// ({url}), or made from text ({text}).
"use strict";
const fs = require("fs");
const path = require("path");

// Runs in the page. Tree nodes: {name, dir: [nodes]} | {name, url} | {name, text}
// | {name, generate: {dirs, files}} (a huge folder of empty .jpg files, made on
// the fly). Entries come in batches of 100 with a short pause between batches,
// like the browser's own directory reads (they cross to the browser process).
function installFakeFs() {
  const stats = { listed: 0, read: 0, names: [] };
  const pause = () => new Promise((r) => setTimeout(r, window.__fakeFs.pauseMs));
  async function fileOf(n) {
    stats.read++;
    stats.names.push(n.url || n.name);
    if (n.url) {
      const r = await fetch(n.url);
      if (!r.ok) throw new Error("fake fs: HTTP " + r.status + " for " + n.url);
      return new File([await r.blob()], n.name, { lastModified: n.lastModified || 1600000000000 });
    }
    return new File([n.text || ""], n.name, { lastModified: n.lastModified || 1600000000000 });
  }
  function children(n) {
    if (n.dir) return n.dir;
    if (!n.generate) return [];
    if (!n.made) {
      const { dirs, files } = n.generate, per = Math.ceil(files / dirs);
      n.made = Array.from({ length: dirs }, (_, d) => ({
        name: "part_" + d,
        dir: Array.from({ length: Math.min(per, files - d * per) }, (_, i) =>
          ({ name: "ISIC_" + String(9000000 + d * per + i) + ".jpg", text: "" })),
      }));
      if (n.generate.csv) n.made.push({ name: "train.csv", text: n.generate.csv });
    }
    return n.made;
  }
  const isDir = (n) => !!(n.dir || n.generate);

  // FileSystemHandle shapes (showDirectoryPicker, DataTransferItem.getAsFileSystemHandle).
  function handle(n) {
    if (!isDir(n)) return { kind: "file", name: n.name, getFile: () => fileOf(n) };
    const h = {
      kind: "directory",
      name: n.name,
      async *entries() {
        const list = children(n);
        for (let i = 0; i < list.length; i++) {
          if (i % 100 === 0) await pause();
          stats.listed++;
          yield [list[i].name, handle(list[i])];
        }
      },
      async *values() { for await (const [, v] of h.entries()) yield v; },
      async *keys() { for await (const [k] of h.entries()) yield k; },
      [Symbol.asyncIterator]() { return h.entries(); },
    };
    return h;
  }

  // FileSystemEntry shapes (DataTransferItem.webkitGetAsEntry).
  function entry(n, parent) {
    const fullPath = parent + "/" + n.name;
    if (!isDir(n)) {
      return { isFile: true, isDirectory: false, name: n.name, fullPath,
               file(ok, fail) { fileOf(n).then(ok, fail); } };
    }
    return {
      isFile: false, isDirectory: true, name: n.name, fullPath,
      createReader() {
        let next = 0;
        return {
          readEntries(ok) {
            pause().then(() => {
              const list = children(n), batch = list.slice(next, next + 100).map((c) => entry(c, fullPath));
              next += batch.length;
              stats.listed += batch.length;
              ok(batch);
            });
          },
        };
      },
    };
  }

  // A drop of one folder: a real DragEvent + DataTransfer (types has "Files");
  // its items are the OS drag's, here the fake tree ("entry" or "handle").
  function drop(tree, how) {
    const dt = new DataTransfer();
    dt.items.add(new File([""], tree.name));
    const item = { kind: "file", type: "" };
    if (how === "entry") item.webkitGetAsEntry = () => entry(tree, "");
    else item.getAsFileSystemHandle = async () => handle(tree);
    Object.defineProperty(dt, "items", { value: [item] });
    const target = document.getElementById("canvas");
    target.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }

  window.__fakeFs = { stats, pick: null, pauseMs: 0, handle, entry, drop, picks: 0 };
  window.showDirectoryPicker = async (options) => {
    window.__fakeFs.picks++;
    if (!options || options.mode !== "read") throw new TypeError("fake picker: expected {mode: 'read'}");
    if (!window.__fakeFs.pick) throw new DOMException("The user aborted a request.", "AbortError");
    return handle(window.__fakeFs.pick);
  };
}

// A tree node for a real folder on disk, each file fetched from `baseUrl` + its
// relative path when read (the harness serves ../shared/data under /shared/).
function diskTree(dir, baseUrl, name = path.basename(dir)) {
  const walk = (d, rel) => fs.readdirSync(d, { withFileTypes: true }).map((e) => {
    const r = rel ? rel + "/" + e.name : e.name;
    if (e.isDirectory()) return { name: e.name, dir: walk(path.join(d, e.name), r) };
    return { name: e.name, url: baseUrl + r.split("/").map(encodeURIComponent).join("/"),
             lastModified: Math.floor(fs.statSync(path.join(d, e.name)).mtimeMs) };
  });
  return { name, dir: walk(dir, "") };
}

// Number of files in a tree node.
const countFiles = (n) => (n.dir ? n.dir.reduce((s, c) => s + countFiles(c), 0) : 1);

module.exports = { installFakeFs, diskTree, countFiles };
