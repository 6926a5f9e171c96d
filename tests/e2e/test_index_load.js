// test_index_load.js - in the browser, a lesion index beside the data by ?data=:
// a small synthetic demo is written by `duckling-cli demo`, one image removed,
// and `duckling-cli index` writes duckling-index.bin next to train.csv at test
// time. The page opens the folder by ?data=, the patient list is sorted by its Score
// column (top score): the index is loaded (no image decoded for it), every lesion with an
// image is indexed, patients never opened have scores, the list is in top-score
// order, and the lesion without an image is marked with the index's reason. The
// same data with a damaged index opens too, the index refused with its reason.
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const h = require("./harness");

const CLI = process.env.DUCK_CLI || path.join(h.ROOT, "build", "native", "duckling-cli");
const MIN_CONTEXT = 4;  // kMinContextLesions: a patient's lesions are scored from 4 up

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "duckling-index-load-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));
const good = path.join(tmp, "good"), bad = path.join(tmp, "bad");

function rows(file) {
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/).filter((l) => l.length);
  const cols = lines[0].split(",");
  return lines.slice(1).map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i], v])));
}

// 404s: the removed image (and the layouts tried before train/).
function watch(page) {
  const errors = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource: the server responded with a status of 404/.test(m.text()))
      errors.push("console.error: " + m.text());
  });
  page.on("pageerror", (e) => errors.push("page error: " + e.message));
  return () => { if (errors.length) throw new Error("browser reported errors:\n  " + errors.join("\n  ")); };
}

h.run("index_load", async ({ server, browser }) => {
  h.assert(fs.existsSync(CLI), CLI + " missing (scripts/test builds it)");
  execFileSync(CLI, ["demo", "--out", good, "--patients", "10", "--seed", "7"]);
  const data = rows(path.join(good, "train.csv"));
  const gone = data[3].image_name;  // a lesion whose image is missing
  fs.rmSync(path.join(good, "train", gone + ".jpg"));
  const withImage = new Set(data.map((r) => r.image_name).filter((n) => fs.existsSync(path.join(good, "train", n + ".jpg"))));
  const summary = JSON.parse(execFileSync(CLI, ["index", "--csv", path.join(good, "train.csv"), "--images", path.join(good, "train"),
                                                "--out", path.join(good, "duckling-index.bin"), "--json"]).toString());
  h.assert(summary.indexed === withImage.size, "the CLI indexes every image: " + JSON.stringify(summary));
  // The same data with a damaged copy of the index (one byte flipped: the checksum fails).
  fs.mkdirSync(bad);
  fs.symlinkSync(path.join(good, "train.csv"), path.join(bad, "train.csv"));
  fs.symlinkSync(path.join(good, "train"), path.join(bad, "train"));
  const damaged = fs.readFileSync(path.join(good, "duckling-index.bin"));
  damaged[damaged.length >> 1] ^= 0x5a;
  fs.writeFileSync(path.join(bad, "duckling-index.bin"), damaged);

  const lesionsOf = {};
  for (const r of data) (lesionsOf[r.patient_id] = lesionsOf[r.patient_id] || []).push(r.image_name);
  const first = Object.keys(lesionsOf).sort()[0];

  const page = await browser.newPage();
  const check = watch(page);
  const t0 = Date.now();
  await h.openApp(page, server.url, `?data=idx/good/#patient=${first}`);
  let s = await h.waitState(page, (st) => st.index.status === "loaded" && st.index.scored > 0, "the index loaded and scored", 30000);
  const ms = Date.now() - t0;
  h.assert(s.dataset.lesions === data.length, "the demo's rows: " + s.dataset.lesions);
  h.assert(s.index.rows === data.length && s.index.entries === data.length, "a whole index: " + JSON.stringify(s.index));
  h.assert(s.index.applied === withImage.size && s.index.indexed >= withImage.size, "indexed = lesions with images: " + JSON.stringify(s.index));
  h.assert(s.index.failed === 1, "one lesion without image: " + JSON.stringify(s.index));
  h.assert(s.index.flagged <= s.index.scored, "flagged among the scored: " + JSON.stringify(s.index));
  h.assert(!s.dataset.problems.some((p) => p.kind === "index_refused"), "not refused: " + JSON.stringify(s.dataset.problems));

  // The patient list sorted by its Score column (a click on the header: highest first).
  const hr = (await h.state(page)).ui.rects["patients/header/Score"];
  h.assert(hr, "the Score header is drawn");
  await page.mouse.move(hr[0] + hr[2] / 2, hr[1] + hr[3] / 2);
  await page.waitForTimeout(300);  // hovered in a frame before the press, as a user's pointer is
  await h.clickRect(page, "patients/header/Score");
  const sorted = (tops) => tops.every((t, i) => i === 0 || t === null || (tops[i - 1] !== null && tops[i - 1] >= t));
  s = await h.waitState(page, (st) => st.view.sort.column === "score" && sorted(st.view.patient_list.map((p) => p.top_score)),
                        "the list sorted by score", 15000);
  // Every patient with enough lesions with images has a top score, opened or not.
  h.assert(s.view.sort.column === "score" && s.view.sort.descending, "sorted by top score: " + JSON.stringify(s.view.sort));
  const list = s.view.patient_list;
  h.assert(list.length === Object.keys(lesionsOf).length, "every patient listed: " + list.length);
  for (const p of list) {
    const n = lesionsOf[p.id].filter((n) => withImage.has(n)).length;
    if (n >= MIN_CONTEXT) h.assert(p.top_score !== null, p.id + " (never opened) has a top score: " + JSON.stringify(p));
  }
  const scoredTops = list.map((p) => p.top_score);
  const firstNull = scoredTops.indexOf(null);
  for (let i = 1; i < scoredTops.length; i++) {
    if (scoredTops[i] === null) continue;
    h.assert(firstNull < 0 || i < firstNull, "patients without a score come last: " + JSON.stringify(scoredTops));
    h.assert(scoredTops[i - 1] >= scoredTops[i], "descending top scores: " + JSON.stringify(scoredTops));
  }
  h.assert(scoredTops.filter((t) => t !== null).length >= 2, "at least two scored patients: " + JSON.stringify(scoredTops));

  // The lesion without an image: its patient's tile says why (the index's reason).
  const owner = data[3].patient_id;
  await page.evaluate((p) => { location.hash = "#patient=" + p; }, owner);
  s = await h.waitState(page, (st) => st.view.patient === owner, "the missing image's patient", 10000);
  const tile = s.view.tiles.find((t) => t.image_name === gone);
  h.assert(tile && tile.model_status === "image_missing" && /no image/.test(tile.index_reason),
           "the index's reason for the missing image: " + JSON.stringify(tile));
  check();
  console.log(JSON.stringify({ name: "index_load_browser", unit: "ms", value: ms, lesions: data.length }));

  // The damaged index: refused with the checksum's message, the data still opens.
  const page2 = await browser.newPage();
  const check2 = watch(page2);
  await h.openApp(page2, server.url, `?data=idx/bad/#patient=${first}`);
  s = await h.waitState(page2, (st) => st.index.status === "refused", "the damaged index refused", 30000);
  h.assert(/checksum mismatch/.test(s.index.message), "the reason: " + s.index.message);
  h.assert(s.dataset.problems.some((p) => p.kind === "index_refused" && /checksum mismatch/.test(p.message)),
           "reported as a problem: " + JSON.stringify(s.dataset.problems));
  h.assert(/Lesion index not used/.test(s.ui.status), "the status bar says so: " + s.ui.status);
  h.assert(s.dataset.lesions === data.length, "the data still opens: " + s.dataset.lesions);
  check2();
}, [], { "/idx/": tmp });
