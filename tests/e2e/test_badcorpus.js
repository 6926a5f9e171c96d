// test_badcorpus.js - the bad-input corpus end to end: the folder that
// `duckling-cli badcorpus` generates (malformed CSV rows, a 1,000,000-row CSV,
// truncated / empty / PNG-named / huge-header JPEGs, random-byte and lying-length
// DICOMs, rows without files, duplicate and non-UTF-8 names) is opened in the
// browser by folder (<input webkitdirectory>) and by ?data= from the page's own
// server. Every planted problem (expected.json, written by the generator next to
// the files) must show up specifically in state().dataset.problems and in the
// UI, every valid lesion must reach "ready", each broken one its own status and
// reason, and the wasm heap must stay under its budget.
"use strict";
const h = require("./harness");
const hh = require("./hardening_util");

const MB = 1 << 20;
const HEAP_BUDGET = 512 * MB;  // the same whole-heap budget as e2e/memory
const corpus = hh.badCorpus(1000000);
const { expected } = corpus;

const lower = (s) => String(s).toLowerCase();
const tileMap = (s) => Object.fromEntries((s.view.tiles || []).map((t) => [t.image_name, t.status]));
const settled = (s) => (s.view.tiles || []).length > 0 &&
  s.view.tiles.every((t) => t.status !== "pending" && t.status !== "loading");

// Every planted CSV problem is in state().dataset.problems with its kind, its
// line (where ends in "train.csv:<line>", whatever the prefix: folder name or URL)
// and the offending value in its message.
function checkCsvProblems(s, planted, label) {
  const problems = s.dataset.problems;
  for (const e of planted.filter((p) => p.kind && !p.listing)) {
    const p = problems.find((x) => x.kind === e.kind && (x.where === e.where || x.where.endsWith("/" + e.where)));
    h.assert(p, `${label}: ${e.kind} at ${e.where} reported; got ${JSON.stringify(problems.slice(0, 30))}`);
    h.assert(lower(p.message).includes(lower(e.message_has)), `${label}: ${e.kind} message names "${e.message_has}": ${p.message}`);
    h.assert(p.message.length >= 10, `${label}: ${e.kind} message is specific: ${p.message}`);
  }
}

// Problems found from the folder's file names (a stray non-UTF-8 name, a second
// file of one image): reported when opened as a folder, impossible over a URL.
// `received` are the paths the browser handed the page: Chromium on Linux (as
// driven by playwright here) leaves
// out a file whose name is not valid UTF-8, and what the page never sees it
// cannot report; a file it does hand over must be reported.
function checkListingProblems(s, planted, label, received) {
  for (const e of planted.filter((p) => p.listing)) {
    const p = s.dataset.problems.find((x) => x.kind === e.kind && lower(x.message).includes(lower(e.message_has)));
    if (!received) {
      h.assert(!s.dataset.problems.some((x) => x.kind === e.kind), `${label}: no ${e.kind} without a listing`);
    } else if (received.some((r) => lower(r).includes(lower(e.message_has))) || e.kind !== "image_unlisted") {
      h.assert(p, `${label}: ${e.kind} naming "${e.message_has}" reported: ${JSON.stringify(s.dataset.problems)}`);
    } else {
      console.log(`${label}: the browser did not hand over the file "${e.message_has}..." (non-UTF-8 name): nothing to report`);
    }
  }
}

// Opens `patient` by its link and waits until every tile has its final status.
async function showPatient(page, patient) {
  await page.evaluate((p) => { location.hash = "patient=" + p; }, patient);
  return h.waitState(page, (s) => s.view.patient === patient && settled(s) && s.images.loading === 0,
                     "patient " + patient + "'s images", 60000);
}

// The mixed folder, however it was opened: CSV problems, the valid lesions of
// patients 1-4 ready, patient 4's broken ones each with its status and reason.
async function checkMixed(page, label, received) {
  const m = expected.mixed;
  let s = await h.state(page);
  checkCsvProblems(s, m.problems, label);
  checkListingProblems(s, m.problems, label, received);
  const ready = new Set();
  for (const patient of ["IP_9000001", "IP_9000002", "IP_9000003", "IP_9000004"]) {
    s = await showPatient(page, patient);
    for (const [name, status] of Object.entries(tileMap(s))) if (status === "ready") ready.add(name);
  }
  for (const name of m.valid_images) h.assert(ready.has(name), `${label}: valid lesion ${name} is ready`);
  // Patient 4 (still shown): next to its one good lesion, every file-level failure.
  const tiles = tileMap(s);
  const kinds = { missing: "image_missing", corrupt: "image_corrupt", too_large: "image_too_large" };
  for (const e of m.problems.filter((p) => p.status)) {
    h.assert(tiles[e.where] === e.status, `${label}: ${e.where} is ${e.status}: ${JSON.stringify(tiles)}`);
    const why = s.images.errors[e.where] || "";
    h.assert(why && lower(why).includes(lower(e.message_has)), `${label}: ${e.where}'s reason names "${e.message_has}": ${why}`);
    const p = s.dataset.problems.find((x) => x.where === e.where && x.kind === kinds[e.status]);
    h.assert(p && p.message === why, `${label}: ${e.where} is in dataset.problems as ${kinds[e.status]}`);
  }
  return s;
}

// The overview's loading report lists the problems: shown, rect recorded, screenshot.
async function showReport(page, shot) {
  await page.evaluate(() => { location.hash = "mode=overview"; });
  const s = await h.waitState(page, (st) => st.view.mode === "overview" && st.ui.rects["overview/problems"],
                              "the overview's problem report", 20000);
  const r = s.ui.rects["overview/problems"];
  h.assert(r[2] > 100 && r[3] > 40, "the problem report is on screen: " + JSON.stringify(r));
  await h.screenshot(page, shot);
  return s;
}

// The million-row CSV: opened, its planted problems reported, within the heap
// budget; returns the load time and the longest frame gap of the page meanwhile.
async function checkMillion(page, label, open) {
  await page.evaluate(() => { window.__gaps = []; });
  const t0 = Date.now();
  await open();
  let s = await h.waitState(page, (st) => st.dataset.label !== "" && !st.dataset.loading && st.dataset.lesions > 1000,
                            label + ": the million-row CSV", 90000);
  const ms = Date.now() - t0;
  const [maxGap, frames] = await page.evaluate(() => [Math.max(...window.__gaps), window.__gaps.length]);
  const mil = expected.million;
  h.assert(s.dataset.lesions >= mil.valid_rows && s.dataset.lesions <= mil.rows,
           `${label}: ${s.dataset.lesions} of ${mil.rows} rows loaded (${mil.valid_rows} well-formed)`);
  checkCsvProblems(s, mil.problems, label);
  // The first patient's rows have no files: missing, with a reason, not a hang.
  s = await h.waitState(page, (st) => settled(st), label + ": the first patient's tiles", 60000);
  h.assert(s.view.tiles.every((t) => t.status === "missing"), `${label}: rows without files are missing`);
  const mem = await hh.memory(page);
  console.log(`${label}: ${s.dataset.lesions} lesions, ${s.dataset.patients} patients in ${ms} ms; ` +
              `${frames} frames, longest gap ${maxGap.toFixed(0)} ms; heap ${(mem.heap / MB).toFixed(1)} MB`);
  h.assert(mem.heap <= HEAP_BUDGET, `${label}: heap ${(mem.heap / MB).toFixed(1)} MB within ${HEAP_BUDGET / MB} MB`);
  // Parsed a slice per frame, the page kept drawing: no single freeze takes a
  // large share of the load (parsed in one go, the parse alone was one frame).
  h.assert(frames >= 10 && maxGap <= 0.35 * ms,
           `${label}: the page kept drawing while loading: ${frames} frames, longest gap ${maxGap.toFixed(0)} ms of ${ms} ms`);
  return { ms, maxGap, heap: mem.heap };
}

// A fresh page (its own wasm heap) that records its frame gaps from the start
// (requestAnimationFrame: a long gap means the page froze), and its errors; the
// 404s of image candidates (rows without files) are expected console noise.
async function freshPage(browser) {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    // The files an <input> hands over (capture phase: before the app empties it).
    window.addEventListener("change", (e) => {
      if (e.target && e.target.files) window.__received = Array.from(e.target.files).map((f) => f.webkitRelativePath || f.name);
    }, true);
    window.__gaps = [];
    let last = performance.now();
    const tick = (t) => { window.__gaps.push(t - last); last = t; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  page.checkErrors = h.watchErrors(page, h.HTTP_404).check;
  return page;
}

// Boots the app without waiting for the demo's images (a folder opened next
// cancels them): the wasm side answers state() and has drawn a frame.
async function boot(page, url) {
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => {
    try { return window.duckling.state().ui.frames > 0; } catch (e) { return false; }
  }, null, { timeout: 90000, polling: 100 });
}

const kindsSeen = (s) => [...new Set(s.dataset.problems.map((p) => p.kind))].sort().join(", ");

h.run("badcorpus", async ({ server, browser }) => {
  const tStart = Date.now();
  const phase = (what) => console.log(`[${((Date.now() - tStart) / 1000).toFixed(1)} s] ${what} done`);
  const base = server.url + "badcorpus/";
  // 1. The mixed folder through the folder input.
  let page = await freshPage(browser);
  await boot(page, server.url);
  let t0 = Date.now();
  await page.setInputFiles("#folder-input", corpus.dir + "/mixed");
  let s = await h.waitState(page, (st) => st.dataset.source === "folder" && st.dataset.label === "mixed" &&
                            !st.dataset.loading && st.dataset.lesions > 0, "the mixed folder", 60000);
  console.log(`folder mixed: ${s.dataset.lesions} lesions, ${s.dataset.patients} patients in ${Date.now() - t0} ms`);
  s = await checkMixed(page, "folder mixed", await page.evaluate(() => window.__received));
  s = await showReport(page, "badcorpus_folder_mixed");
  console.log(`folder mixed: ${s.dataset.problems.length} problems, kinds: ${kindsSeen(s)}`);
  let mem = await hh.memory(page);
  console.log(`folder mixed: heap ${(mem.heap / MB).toFixed(1)} MB, ${mem.textures} textures`);
  h.assert(mem.heap <= HEAP_BUDGET, "folder mixed: heap within budget");
  page.checkErrors();
  await page.close();
  phase("folder mixed");

  // 2. The million-row CSV through the folder input (a fresh page: its own heap).
  page = await freshPage(browser);
  await boot(page, server.url);
  const folderMillion = await checkMillion(page, "folder million", () => page.setInputFiles("#folder-input", corpus.dir + "/million"));
  s = await showReport(page, "badcorpus_folder_million");
  console.log(`folder million: kinds: ${kindsSeen(s)}`);
  page.checkErrors();
  await page.close();
  phase("folder million");

  // 3. The mixed folder by ?data= from the page's own server.
  page = await freshPage(browser);
  t0 = Date.now();
  await hh.openApp(page, server.url, "?data=" + encodeURIComponent(base + "mixed/"));
  s = await h.waitState(page, (st) => st.dataset.source === "url" && !st.dataset.loading && st.dataset.lesions > 0,
                        "?data= mixed", 60000);
  console.log(`?data= mixed: ${s.dataset.lesions} lesions in ${Date.now() - t0} ms`);
  s = await checkMixed(page, "?data= mixed", null);
  s = await showReport(page, "badcorpus_url_mixed");
  console.log(`?data= mixed: ${s.dataset.problems.length} problems, kinds: ${kindsSeen(s)}`);
  mem = await hh.memory(page);
  h.assert(mem.heap <= HEAP_BUDGET, "?data= mixed: heap within budget");
  page.checkErrors();
  await page.close();
  phase("?data= mixed");

  // 4. The million-row CSV by ?data=.
  page = await freshPage(browser);
  const urlMillion = await checkMillion(page, "?data= million",
                                        () => hh.openApp(page, server.url, "?data=" + encodeURIComponent(base + "million/train.csv")));
  page.checkErrors();
  console.log(`million rows: folder ${folderMillion.ms} ms / ${(folderMillion.heap / MB).toFixed(0)} MB, ` +
              `?data= ${urlMillion.ms} ms / ${(urlMillion.heap / MB).toFixed(0)} MB`);
}, [], { "/badcorpus/": corpus.dir });
