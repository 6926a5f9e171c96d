// test_index_folder.js - the background index of an opened folder: the page
// reads each image file itself (web/index_pool.js hands the bytes to a worker)
// instead of the worker fetching a URL. A small demo written by
// `duckling-cli demo` is opened through the directory picker (tests/e2e/fake_fs.js
// stands in for the native dialog; its files are real File objects read from
// the test server); every lesion must end up indexed, each image file read once
// for the index, patients never opened scored exactly as when the same files
// are indexed from a URL (test_index_background.js compares that path with
// `duckling-cli score`), and the same folder opened again takes every result
// from the browser's cache.
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const h = require("./harness");
const { installFakeFs, diskTree } = require("./fake_fs");

const CLI = process.env.DUCK_CLI || path.join(h.ROOT, "build", "native", "duckling-cli");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "duckling-index-folder-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));
const LABEL = "ixfolder";

h.run("index_folder", async ({ server, browser }) => {
  h.assert(fs.existsSync(CLI), CLI + " missing (scripts/test builds it)");
  const root = path.join(tmp, LABEL);
  execFileSync(CLI, ["demo", "--out", root, "--patients", "8", "--seed", "9", "--size", "192"]);
  const cli = JSON.parse(execFileSync(CLI, ["score", "--csv", path.join(root, "train.csv"), "--images", path.join(root, "train"),
                                            "--json"], { maxBuffer: 64 << 20 }).toString());
  const lesions = cli.lesions.length;
  h.assert(lesions >= 20, `the demo has lesions to index (${lesions})`);

  const page = await browser.newPage();
  const errors = h.watchErrors(page);
  await page.addInitScript(installFakeFs);  // before the app's scripts: showDirectoryPicker is the fake
  await h.openApp(page, server.url);
  const tree = diskTree(root, server.url + "ixfolder/");
  const pick = async (how) => {
    await page.evaluate((t) => { window.__fakeFs.pick = t; window.__fakeFs.stats.read = 0; window.__fakeFs.stats.names = []; }, tree);
    if (how === "button") await h.clickRect(page, "status/open_folder");
    else await page.keyboard.press("Control+O");
    return h.waitState(page, (st) => st.dataset.source === "folder" && st.dataset.label === LABEL &&
                       st.dataset.lesions === lesions && !st.dataset.loading, "the demo folder through the picker", 60000);
  };

  let s = await pick("button");  // the status bar's button, shown over the demo
  s = await h.waitState(page, (st) => st.indexing.state === "done", "indexing of the folder to finish", 120000);
  const total = s.indexing.total;
  h.assert(total > 0 && s.indexing.done === total && s.indexing.failed === 0, "every lesion indexed: " + JSON.stringify(s.indexing));
  h.assert(s.indexing.computed === total && s.indexing.cached === 0, "first run computes everything: " + JSON.stringify(s.indexing));
  h.assert(s.indexing.featured === lesions, `every lesion has features: ${s.indexing.featured} of ${lesions}`);
  // Each image file is read once for the index; the first patient's view reads its own.
  const reads = await page.evaluate(() => window.__fakeFs.stats.names.filter((n) => /\.jpg$/i.test(n)));
  const twice = reads.filter((n, i) => reads.indexOf(n) !== i);
  h.assert(reads.length >= total && reads.length <= total + s.view.tiles.length,
           `image reads: ${reads.length} for ${total} indexed and ${s.view.tiles.length} shown`);
  h.assert(twice.length <= s.view.tiles.length, "only the shown patient's files are read twice: " + JSON.stringify(twice));

  // Patients never opened are scored, and exactly as when the same files are indexed
  // from a URL (?data=, the worker fetches them) in a second browser profile.
  const byPatient = {};
  for (const l of cli.lesions) (byPatient[l.patient_id] = byPatient[l.patient_id] || []).push(l);
  const first = s.view.patient;
  const ids = Object.keys(byPatient).filter((id) => id !== first && byPatient[id].length >= 4).slice(-2);
  h.assert(ids.length === 2, "two other demo patients with 4+ lesions");
  const tilesOf = async (p, id) => {
    await p.evaluate((hash) => { window.location.hash = hash; }, `#patient=${id}`);
    const st = await h.waitState(p, (x) => x.view.patient === id && x.view.tiles.length === byPatient[id].length &&
                                 x.view.tiles.every((t) => t.model_status !== "pending"), id + " opened and scored", 20000);
    return Object.fromEntries(st.view.tiles.map((t) => [t.image_name, [t.model_status, t.score, t.rank]]));
  };
  const fromFolder = {};
  for (const id of ids) fromFolder[id] = await tilesOf(page, id);
  const second = await h.launchBrowser();  // its own profile: nothing cached from the folder run
  const other = await second.newPage();
  await h.openApp(other, server.url, "?data=ixfolder/train.csv", 120000);
  const u = await h.waitState(other, (st) => st.indexing.state === "done", "indexing from the URL", 120000);
  h.assert(u.indexing.failed === 0 && u.indexing.featured === lesions, "URL run: every lesion featured: " + JSON.stringify(u.indexing));
  for (const id of ids) {
    const fromUrl = await tilesOf(other, id);
    for (const [name, f] of Object.entries(fromFolder[id])) {
      const w = fromUrl[name];
      const where = `${id} ${name}: folder ${JSON.stringify(f)}, URL ${JSON.stringify(w)}`;
      h.assert(f[0] === "ok" && w && w[0] === f[0] && Math.abs(w[1] - f[1]) < 1e-9 && w[2] === f[2], where);
    }
  }
  await second.close();

  // The same folder opened again: the results come from IndexedDB, none is computed.
  await new Promise((r) => setTimeout(r, 1500));  // the last batch reaches IndexedDB
  const picks = await page.evaluate(() => window.__fakeFs.picks);
  await pick("Ctrl+O");
  // The folder is already the open dataset: wait for the new opening (its CSV read)
  // and for a run that took results from the cache, not for the first run's state.
  await page.waitForFunction((n) => window.__fakeFs.picks > n && window.__fakeFs.stats.names.some((x) => /\.csv$/.test(x)),
                             picks, { timeout: 30000 });
  try {
    s = await h.waitState(page, (st) => st.indexing.state === "done" && st.indexing.cached > 0, "a run from the cache", 60000);
  } catch (e) {
    throw new Error("reopened: no result came from the cache: " + JSON.stringify((await h.state(page)).indexing));
  }
  const notIndexed = lesions - total;
  h.assert(s.indexing.cached > 0 && s.indexing.computed <= notIndexed + s.view.tiles.length && s.indexing.failed === 0 &&
           s.indexing.cached + s.indexing.computed === s.indexing.total,
           `reopened: from the cache (${notIndexed} lesions were not indexed before): ` + JSON.stringify(s.indexing));
  h.assert(s.indexing.featured === lesions, "reopened: every lesion featured: " + JSON.stringify(s.indexing));
  errors.check();
}, [], { "/ixfolder/": path.join(tmp, LABEL) });
