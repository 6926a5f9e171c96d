// test_model_values.js - the model's values in the shipped wasm build equal the
// native CLI's on the same files. A small dataset is assembled in a temp folder
// (links, nothing copied): two patients of real ISIC 2020 JPEGs, one of real
// HAM10000/ISIC 2018 JPEGs (seven nevi and a melanoma, by their labels) and one
// patient of the bundled demo. `duckling-cli score --json` scores it natively;
// the page opens the same CSV by ?data=, every patient is visited until all its
// images are decoded and scored, and then each lesion's score, rank, level,
// flag and explanation lines in window.duckling.state() must equal the CLI's, to
// the precision the CLI prints (score 2 decimals, level 3). Every expectation
// comes from the CLI at test time, so the test holds whatever the model is.
"use strict";
const { execFileSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const h = require("./harness");

const CLI = process.env.DUCK_CLI || path.join(h.ROOT, "build", "native", "duckling-cli");
const HEADER = "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target";

function csvRows(file) {
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/).filter((l) => l.length);
  const cols = lines[0].split(",");
  return lines.slice(1).map((l) => Object.fromEntries(l.split(",").map((v, i) => [cols[i], v])));
}

// Builds DIR/train.csv and DIR/train/*.jpg (symbolic links); returns the patient ids.
function assemble(dir) {
  const train = path.join(dir, "train");
  fs.mkdirSync(train, { recursive: true });
  const rows = [];
  const add = (file, patient, site, diagnosis, malignant) => {
    const name = path.basename(file, ".jpg");
    fs.symlinkSync(file, path.join(train, name + ".jpg"));
    rows.push([name, patient, "female", "50.0", site, diagnosis, malignant ? "malignant" : "benign", malignant ? 1 : 0].join(","));
  };
  const isic = path.join(h.SHARED, "isic2020", "images");
  const real = fs.readdirSync(isic).filter((n) => n.endsWith(".jpg")).sort();
  h.assert(real.length >= 16, "real ISIC 2020 JPEGs in " + isic);
  real.slice(0, 8).forEach((n) => add(path.join(isic, n), "IP_E2E_ISIC_A", "torso", "unknown", false));
  real.slice(8, 16).forEach((n) => add(path.join(isic, n), "IP_E2E_ISIC_B", "lower extremity", "unknown", false));
  const derm = path.join(h.SHARED, "derm2018");
  const labels = csvRows(path.join(derm, "labels.csv"));
  const nevi = labels.filter((r) => r.dx === "nv").slice(0, 7), mel = labels.filter((r) => r.dx === "mel").slice(0, 1);
  h.assert(nevi.length === 7 && mel.length === 1, "derm2018 labels give 7 nevi and a melanoma");
  for (const r of [...nevi, ...mel])
    add(path.join(derm, "images", r.image_id + ".jpg"), "IP_E2E_DERM", "torso", r.dx === "mel" ? "melanoma" : "nevus", r.dx === "mel");
  // The demo patient with the most lesions among the first ones (kept small).
  const demoDir = path.join(h.SITE, "demo");
  const demo = csvRows(path.join(demoDir, "train.csv"));
  const byPatient = {};
  for (const r of demo) (byPatient[r.patient_id] = byPatient[r.patient_id] || []).push(r);
  const pick = Object.values(byPatient).find((ls) => ls.length >= 5 && ls.length <= 12);
  h.assert(pick, "a demo patient with 5-12 lesions");
  for (const r of pick) add(path.join(demoDir, "train", r.image_name + ".jpg"), "IP_E2E_DEMO", "torso", "unknown", false);
  fs.writeFileSync(path.join(dir, "train.csv"), HEADER + "\n" + rows.join("\n") + "\n");
  return ["IP_E2E_ISIC_A", "IP_E2E_ISIC_B", "IP_E2E_DERM", "IP_E2E_DEMO"];
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "duckling-model-values-"));
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));
const patients = assemble(tmp);

h.run("model_values", async ({ server, browser }) => {
  h.assert(fs.existsSync(CLI), CLI + " missing (scripts/test builds it)");
  const cli = JSON.parse(execFileSync(CLI, ["score", "--csv", path.join(tmp, "train.csv"), "--images", path.join(tmp, "train"), "--json"],
                                      { maxBuffer: 64 << 20 }).toString());
  const want = Object.fromEntries(cli.lesions.map((l) => [l.image_name, l]));
  const scored = cli.lesions.filter((l) => l.status === "ok");
  h.assert(scored.length === cli.lesions.length, "the CLI scores every lesion: " +
           JSON.stringify(cli.lesions.filter((l) => l.status !== "ok").map((l) => [l.image_name, l.status])));
  h.assert(cli.lesions.some((l) => l.explanation.length > 0), "some lesion has explanation lines");

  const page = await browser.newPage();
  const errors = h.watchErrors(page);
  await h.openApp(page, server.url, `?data=model_values/train.csv#patient=${patients[0]}`, 120000);
  const settled = (id) => (st) => st.view.patient === id && st.view.tiles.length > 0 && st.images.loading === 0 &&
    st.view.tiles.every((t) => t.status === "ready" && t.model_status !== "pending");
  const visit = async (id) => {
    await page.evaluate((hash) => { window.location.hash = hash; }, `#patient=${id}`);
    return h.waitState(page, settled(id), `${id}'s images decoded and scored`, 120000);
  };
  // First pass: every image decoded and its features extracted (the model pools
  // over the loaded lesions, so values are final only once all are in).
  for (const id of patients) await visit(id);
  let compared = 0;
  for (const id of patients) {
    let s = await visit(id);
    // Values stop changing once the last features are in: two equal reads.
    let prev = "";
    for (let i = 0; i < 100; ++i) {
      const cur = JSON.stringify(s.view.tiles.map((t) => [t.score, t.rank, t.level, t.explanation]));
      if (cur === prev && s.view.tiles.every((t) => t.model_status === "ok")) break;
      prev = cur;
      await new Promise((r) => setTimeout(r, 200));
      s = await h.state(page);
    }
    for (const t of s.view.tiles) {
      const w = want[t.image_name];
      const where = `${id} ${t.image_name}: browser ${JSON.stringify([t.model_status, t.score, t.rank, t.level, t.flagged])}, ` +
                    `CLI ${JSON.stringify(w && [w.status, w.score, w.rank, w.level, w.flagged])}`;
      h.assert(w && w.patient_id === id, where + " (lesion not in the CLI's output for this patient)");
      h.assert(t.model_status === "ok", where);
      // Ranks and flags are exact, except where the CLI's own scores (levels)
      // are closer than the printed precision: there the wasm SIMD kernels'
      // stated tolerances may order (flag) them either way.
      const swapped = cli.lesions.find((l) => l.patient_id === id && l.rank === t.rank);
      h.assert(t.rank === w.rank || (swapped && Math.abs(swapped.score - w.score) < 0.005), "rank: " + where);
      h.assert(t.score.toFixed(2) === w.score.toFixed(2) || Math.abs(t.score - w.score) < 0.005, "score: " + where);
      h.assert(t.level.toFixed(3) === w.level.toFixed(3) || Math.abs(t.level - w.level) < 0.0005, "level: " + where);
      const nearFlagLevel = cli.lesions.some((l) => l.flagged !== w.flagged && Math.abs(l.level - w.level) < 0.001);
      h.assert(t.flagged === w.flagged || nearFlagLevel, "flag: " + where);
      h.assert(JSON.stringify(t.explanation) === JSON.stringify(w.explanation),
               `explanation of ${t.image_name}: browser ${JSON.stringify(t.explanation)}, CLI ${JSON.stringify(w.explanation)}`);
      compared++;
    }
    h.assert(s.view.tiles.length === cli.lesions.filter((l) => l.patient_id === id).length, `${id}: every lesion is a tile`);
  }
  h.assert(compared === cli.lesions.length, `compared ${compared} of ${cli.lesions.length} lesions`);
  errors.check();
}, [], { "/model_values/": tmp });
