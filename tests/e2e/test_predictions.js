// test_predictions.js - classifier predictions files beside the metadata: two
// files given as ?pred= next to ?data= (with a #patient=&lesion= deep link) load,
// are named by their files, report their unknown and duplicate rows, rank each
// patient's lesions (state().predictions.tiles), and the "Disagreements only"
// checkbox keeps exactly the patients where a model's top lesion is not the
// ugly-duckling top lesion; a third file dropped on the page joins the open
// dataset without replacing it. The files are written here from the demo's own
// train.csv once the ugly-duckling top lesion of a patient is known: one file
// agrees with it on that patient, the other does not.
"use strict";
const fs = require("fs");
const os = require("os");
const path = require("path");
const h = require("./harness");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "duck_pred_e2e_"));

// The demo's lesions by patient, in file order.
function demoPatients() {
  const lines = fs.readFileSync(path.join(h.SITE, "demo", "train.csv"), "utf8").trim().split(/\r?\n/);
  const head = lines[0].split(",");
  const img = head.indexOf("image_name"), pat = head.indexOf("patient_id");
  const out = new Map();
  for (const l of lines.slice(1)) {
    const f = l.split(",");
    if (!out.has(f[pat])) out.set(f[pat], []);
    out.get(f[pat]).push(f[img]);
  }
  return out;
}

// Scores below 0.5 for every lesion (a fixed pattern), 0.99 for `top`.
function writePredictions(name, header, patients, top, extraRows = []) {
  const rows = [header];
  let i = 0;
  for (const names of patients.values())
    for (const n of names) rows.push(`${n},${n === top ? 0.99 : ((i++ * 37) % 97) / 200}`);
  fs.writeFileSync(path.join(dir, name), rows.concat(extraRows).join("\n") + "\n");
}

const udReady = (st, patient) => st.view.patient === patient && st.view.tiles.length > 0 &&
  st.view.tiles.every((t) => t.model_status === "ok");
const udTop = (st) => st.view.tiles.find((t) => t.rank === 1).image_name;

h.run("predictions", async ({ server, browser }) => {
  const patients = demoPatients();
  const [pid, lesions] = [...patients.entries()].find(([, ls]) => ls.length >= 5);
  h.assert(pid, "the demo has a patient with >= 5 lesions");

  // The ugly-duckling top lesion of that patient.
  const page1 = await browser.newPage();
  const watch1 = h.watchErrors(page1);
  await h.openApp(page1, server.url, `?data=demo/#patient=${pid}`);
  let s = await h.waitState(page1, (st) => udReady(st, pid), "ugly-duckling scores of " + pid, 90000);
  const t1 = udTop(s);
  const other = lesions.find((n) => n !== t1);
  watch1.check();
  await page1.close();

  // a.csv puts another lesion first (disagrees), with one unknown and one duplicate row;
  // b.csv (a submission: image_name,target) puts the ugly-duckling top lesion first.
  writePredictions("a.csv", "image_name,pred", patients, other, ["ISIC_9999999,0.5", `${other},0.01`]);
  writePredictions("b.csv", "image_name,target", patients, t1);

  const page = await browser.newPage();
  const watch = h.watchErrors(page);
  await h.openApp(page, server.url, `?data=demo/&pred=pred/a.csv&pred=pred/b.csv#patient=${pid}&lesion=${other}`);
  s = await h.waitState(page, (st) => st.predictions.models.length === 2 && udReady(st, pid), "both files and scores", 90000);
  h.assert(s.view.lesion === other, "the deep link's lesion is selected: " + s.view.lesion);
  const [a, b] = s.predictions.models;
  const total = [...patients.values()].reduce((n, ls) => n + ls.length, 0);
  h.assert(a.name === "a.csv" && a.column === "pred" && b.name === "b.csv" && b.column === "target",
           "files named by their names, score columns found: " + JSON.stringify([a.name, a.column, b.name, b.column]));
  h.assert(a.matched === total && a.unmatched === 1 && a.duplicates === 1,
           "a.csv matches every lesion, one unknown and one duplicate row: " + a.summary);
  h.assert(b.matched === total && b.unmatched === 0 && b.duplicates === 0, "b.csv: " + b.summary);

  // Ranks within the patient on the tiles.
  const tile = (n) => s.predictions.tiles.find((t) => t.image_name === n);
  h.assert(s.predictions.tiles.length === lesions.length, "one tile per lesion of " + pid);
  h.assert(tile(other).ranks[0] === 1 && tile(t1).ranks[1] === 1, "each file's top lesion ranks 1: " +
           JSON.stringify(s.predictions.tiles));
  const ranksA = s.predictions.tiles.map((t) => t.ranks[0]).sort((x, y) => x - y);
  h.assert(ranksA.join(",") === lesions.map((_, i) => i + 1).join(","), "ranks 1..n: " + ranksA);

  // Disagreements: the current ugly-duckling top lesion decides (scores of this page).
  const t2 = udTop(s);
  h.assert(a.disagreement_patients.includes(pid) === (t2 !== other), "a.csv disagreement on " + pid);
  h.assert(b.disagreement_patients.includes(pid) === (t2 !== t1), "b.csv disagreement on " + pid);
  h.assert(a.disagreements >= 1, "a.csv disagrees somewhere");

  await h.clickRect(page, "patients/disagreements");
  s = await h.waitState(page, (st) => st.predictions.disagreement_model === 0, "the disagreements filter on");
  s = await h.waitState(page, (st) => st.view.patients_shown === st.predictions.models[0].disagreements,
                        "the list shows exactly a.csv's disagreements");
  h.assert(s.view.patient_index >= 0, "the current patient is in the filtered list");
  await h.clickRect(page, "patients/disagreements");
  await h.waitState(page, (st) => st.predictions.disagreement_model === -1 && st.view.patients_shown === patients.size,
                    "the filter off again");

  // The address keeps the predictions (a reload or a copied link loads them again).
  await page.waitForFunction(() => location.search.includes("pred=pred/a.csv&pred=pred/b.csv"), null, { timeout: 10000 });

  // A predictions file dropped on its own joins the open dataset, which stays as it was.
  const before = s.dataset;
  const dropped = "image_name,score\n" + lesions.map((n, i) => `${n},${i / 10}`).join("\n") + "\n";
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "dropped.csv", { type: "text/csv" }));
    const target = document.getElementById("canvas");
    target.dispatchEvent(new DragEvent("dragover", { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, dropped);
  s = await h.waitState(page, (st) => st.predictions.models.length === 3, "the dropped predictions file", 30000);
  const c = s.predictions.models[2];
  h.assert(c.name === "dropped.csv" && c.column === "score" && c.matched === lesions.length && c.unmatched === 0,
           "dropped.csv matched " + pid + "'s lesions: " + c.summary);
  h.assert(s.dataset.source === before.source && s.dataset.lesions === before.lesions && !s.opening.active,
           "the dataset in use stays: " + JSON.stringify(s.dataset).slice(0, 200));
  h.assert(tile(lesions[lesions.length - 1]) && s.predictions.tiles.find((t) => t.image_name === lesions[lesions.length - 1]).ranks[2] === 1,
           "the dropped file's top lesion ranks 1");
  watch.check();
}, [], { "/pred/": dir });
