// test_index_background.js - once a dataset is open, every lesion is indexed in
// the background (Web Workers decode at analysis size and compute the model's
// features) and every patient gets scores without being opened; pause stops
// the progress, resume continues, and a reload takes every result from the
// browser's cache (IndexedDB) without computing any again.
// A small demo is written by `duckling-cli demo` into a temp folder and opened
// by ?data=; `duckling-cli score --json` on the same files gives the expected
// scores. Image answers are held back once the page is ready, so the pause
// lands before the workers could finish.
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const h = require("./harness");

const CLI = process.env.DUCK_CLI || path.join(h.ROOT, "build", "native", "duckling-cli");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "duckling-index-bg-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));

h.run("index_background", async ({ server, browser }) => {
  h.assert(fs.existsSync(CLI), CLI + " missing (scripts/test builds it)");
  execFileSync(CLI, ["demo", "--out", tmp, "--patients", "8", "--seed", "5", "--size", "192"]);
  const cli = JSON.parse(execFileSync(CLI, ["score", "--csv", path.join(tmp, "train.csv"), "--images", path.join(tmp, "train"),
                                            "--json"], { maxBuffer: 64 << 20 }).toString());
  const lesions = cli.lesions.length;
  h.assert(lesions >= 20, `the demo has lesions to index (${lesions})`);

  const page = await browser.newPage();
  const errors = h.watchErrors(page);
  // Once the page is ready (the first patient's images are in), image answers
  // wait until the gate opens again (the page's fetches go through here).
  let open = true;
  const held = [];
  await page.route("**/ixdemo/train/*.jpg", (route) => (open ? route.continue() : held.push(route)));
  const openGate = () => { open = true; held.splice(0).forEach((r) => r.continue()); };

  await h.openApp(page, server.url, "?data=ixdemo/train.csv", 120000);
  open = false;
  let s = await h.waitState(page, (st) => st.indexing.state === "running", "indexing to start", 30000);
  // Queued: every lesion but those the first patient's view featured already.
  h.assert(s.indexing.total >= lesions - s.view.tiles.length && s.indexing.total + s.indexing.featured >= lesions,
           `every lesion without features is queued: ${JSON.stringify(s.indexing)} of ${lesions}`);
  const total = s.indexing.total;

  // Pause (keyboard i) while nothing could be computed yet, then let the images through.
  await page.keyboard.press("i");
  s = await h.waitState(page, (st) => st.indexing.state === "paused", "indexing to pause", 10000);
  openGate();
  await new Promise((r) => setTimeout(r, 1500));  // the jobs started before the pause finish
  const paused = await h.state(page);
  await new Promise((r) => setTimeout(r, 1500));
  s = await h.state(page);
  h.assert(s.indexing.state === "paused" && s.indexing.done === paused.indexing.done,
           `no progress while paused: ${paused.indexing.done} then ${s.indexing.done}`);
  h.assert(s.indexing.done < total, `paused before the end: ${s.indexing.done} of ${total}`);

  // Resume (i again): every lesion ends up with features, computed in the workers.
  await page.keyboard.press("i");
  s = await h.waitState(page, (st) => st.indexing.state === "done", "indexing to finish", 120000);
  h.assert(s.indexing.done === total && s.indexing.failed === 0, "every lesion indexed: " + JSON.stringify(s.indexing));
  h.assert(s.indexing.computed === total && s.indexing.cached === 0,
           "first run computes everything: " + JSON.stringify(s.indexing));
  h.assert(s.indexing.workers >= 1 && s.indexing.worker_ms > 0 && s.indexing.rate > 0, "pool figures: " + JSON.stringify(s.indexing));
  h.assert(s.indexing.featured === lesions, `every lesion has features: ${s.indexing.featured} of ${lesions}`);

  // Patients never opened are scored, as the CLI scores them over the same files.
  const byPatient = {};
  for (const l of cli.lesions) (byPatient[l.patient_id] = byPatient[l.patient_id] || []).push(l);
  const ids = Object.keys(byPatient).filter((id) => byPatient[id].length >= 4).slice(-2);
  h.assert(ids.length === 2, "two demo patients with 4+ lesions");
  for (const id of ids) {
    await page.evaluate((hash) => { window.location.hash = hash; }, `#patient=${id}`);
    s = await h.waitState(page, (st) => st.view.patient === id && st.view.tiles.length > 0, id + " opened", 20000);
    for (const t of s.view.tiles) {
      const w = byPatient[id].find((l) => l.image_name === t.image_name);
      const where = `${id} ${t.image_name}: browser ${JSON.stringify([t.model_status, t.score, t.rank])}, CLI ${JSON.stringify(w && [w.status, w.score, w.rank])}`;
      h.assert(w && t.model_status === w.status, where);
      if (w.status !== "ok") continue;
      h.assert(Math.abs(t.score - w.score) < 0.005, "score: " + where);
      const tie = byPatient[id].some((l) => l.rank === t.rank && Math.abs(l.score - w.score) < 0.005);
      h.assert(t.rank === w.rank || tie, "rank: " + where);
    }
  }

  // A reload takes every result from the cache and computes none.
  await new Promise((r) => setTimeout(r, 1000));  // the last batch reaches IndexedDB
  await page.goto(server.url + "?data=ixdemo/train.csv", { waitUntil: "load" });  // the same first patient
  await page.waitForFunction(() => window.duckling && window.duckling.state().ready === true, null, { timeout: 60000 });
  s = await h.waitState(page, (st) => st.indexing.state === "done", "indexing from the cache", 60000);
  // Computed now: at most the lesions the first run left to the first patient's
  // view (never indexed, so never cached); everything else comes from the cache.
  const notIndexed = lesions - total;
  h.assert(s.indexing.cached > 0 && s.indexing.computed <= notIndexed && s.indexing.failed === 0 &&
           s.indexing.cached + s.indexing.computed === s.indexing.total,
           `reload: from the cache (${notIndexed} lesions were not indexed before): ` + JSON.stringify(s.indexing));
  h.assert(s.indexing.featured === lesions, "reload: every lesion featured: " + JSON.stringify(s.indexing));
  errors.check();
}, [], { "/ixdemo/": tmp });
