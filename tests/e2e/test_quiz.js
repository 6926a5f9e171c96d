// test_quiz.js - the quiz on the demo data: a random set of three cases
// from a #mode=quiz&seed=..&n=3 link, one pick per case, reveal, next, and a
// summary that agrees with the per-case results; the same set again from a curated
// #quiz= link; and the exports (quiz CSV, scores CSV, patient sheet PNG) caught
// as downloads and checked.
"use strict";
const fs = require("fs");
const h = require("./harness");

async function download(page, action) {
  const [dl] = await Promise.all([page.waitForEvent("download", { timeout: 15000 }), action()]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(file) };
}

function csvRows(text) {
  return text.trim().split(/\r\n/).map((line) => line.split(","));
}

h.run("quiz", async ({ server, browser }) => {
  const page = await browser.newPage();
  const watch = h.watchErrors(page);
  let s = await h.openApp(page, server.url, "#mode=quiz&seed=7&n=3");
  h.assert(s.dataset.labelled, "demo data has labels");
  s = await h.waitState(page, (st) => st.view.mode === "quiz" && st.ui.rects["quiz/start_random"], "quiz setup");
  h.assert(s.quiz.options.seed === 7 && s.quiz.options.count === 3, "link set the options: " + JSON.stringify(s.quiz.options));
  await h.clickRect(page, "quiz/start_random");
  s = await h.waitState(page, (st) => st.quiz.active && st.quiz.cases.length === 3, "a quiz of three cases");
  const cases = s.quiz.cases;
  h.assert(s.view.patient === cases[0], "the first case is shown");

  for (let i = 0; i < 3; ++i) {
    s = await h.waitState(page, (st) => st.quiz.case_index === i && st.ui.rects["quiz/tile/0"], `case ${i + 1}`);
    h.assert(s.view.grid ? s.view.grid.labels_hidden !== false : true, "labels hidden during the quiz");
    await h.clickRect(page, i === 1 ? "quiz/tile/1" : "quiz/tile/0");
    await h.waitState(page, (st) => st.quiz.picks.length === 1, "one pick");
    await h.clickRect(page, "quiz/reveal");
    s = await h.waitState(page, (st) => st.quiz.revealed && st.ui.rects["quiz/next"], "revealed");
    const r = s.quiz.results[i];
    h.assert(r.patient === cases[i] && r.picks.length === 1, "result recorded: " + JSON.stringify(r));
    const hit = r.melanomas.includes(r.picks[0]);
    h.assert(r.correct === (r.kind === "melanoma" ? hit : false), "correctness follows the truth: " + JSON.stringify(r));
    if (i === 0) await h.screenshot(page, "e2e-quiz-reveal");
    await h.clickRect(page, "quiz/next");
  }
  s = await h.waitState(page, (st) => st.quiz.finished, "the summary");
  const sum = s.quiz.summary, res = s.quiz.results;
  h.assert(sum.cases === 3 && sum.picks === 3, "summary counts three cases: " + JSON.stringify(sum));
  h.assert(sum.correct === res.filter((r) => r.correct).length, "summary.correct matches the results");
  h.assert(sum.hits === res.filter((r) => r.kind === "melanoma" && r.correct).length, "summary.hits matches");
  h.assert(sum.melanoma_cases + sum.none_cases === 3, "case kinds add up");
  await h.screenshot(page, "e2e-quiz-summary");

  // The quiz results CSV.
  await h.waitState(page, (st) => st.ui.rects["quiz/export"], "export button");
  const quizCsv = await download(page, () => h.clickRect(page, "quiz/export"));
  h.assert(quizCsv.name === "duckling-quiz-results.csv", "quiz CSV name: " + quizCsv.name);
  const qrows = csvRows(quizCsv.bytes.toString("utf8"));
  h.assert(qrows[0].join(",") === "case,patient_id,kind,lesions,picks,melanomas,correct,hits,rank_in_picks,model_rank,model_top,model_correct",
           "quiz CSV header: " + qrows[0]);
  h.assert(qrows.length === 4, "three result rows");
  for (let i = 0; i < 3; ++i) {
    h.assert(qrows[i + 1][1] === cases[i], `row ${i + 1} is case ${cases[i]}`);
    h.assert(qrows[i + 1][6] === (res[i].correct ? "1" : "0"), `row ${i + 1} correct flag`);
  }

  // The scores CSV: one row per lesion.
  await h.clickRect(page, "menu/share");
  await h.waitState(page, (st) => st.ui.rects["menu/share/export_scores"], "share menu");
  const scores = await download(page, () => h.clickRect(page, "menu/share/export_scores"));
  const srows = csvRows(scores.bytes.toString("utf8"));
  h.assert(srows[0].join(",") === "image_name,patient_id,score,rank,level,top_reasons,status", "scores header: " + srows[0]);
  h.assert(srows.length - 1 === s.dataset.lesions, `one row per lesion (${srows.length - 1} vs ${s.dataset.lesions})`);

  // The same set from a curated link, in a fresh page: starts at once, same order.
  const page2 = await browser.newPage();
  const watch2 = h.watchErrors(page2);
  await h.openApp(page2, server.url, "#quiz=" + cases.join(",") + ",IP_NOT_THERE");
  s = await h.waitState(page2, (st) => st.quiz.active, "the linked quiz");
  h.assert(JSON.stringify(s.quiz.cases) === JSON.stringify(cases), "same cases: " + s.quiz.cases);
  h.assert(s.quiz.notes.some((n) => n.includes("IP_NOT_THERE")), "unknown case explained: " + s.quiz.notes);
  await page2.waitForFunction(() => location.hash.includes("quiz="));

  // The patient sheet PNG (grid + body map as shown).
  await h.clickRect(page2, "menu/share");
  await h.waitState(page2, (st) => st.ui.rects["menu/share/export_sheet"], "share menu");
  const png = await download(page2, () => h.clickRect(page2, "menu/share/export_sheet"));
  h.assert(/^duckling-.+\.png$/.test(png.name), "PNG name: " + png.name);
  const img = h.decodePng(png.bytes);
  h.assert(img.width > 200 && img.height > 200, `sheet size ${img.width}x${img.height}`);
  const st = h.imageStats(png.bytes);
  h.assert(st.variance > 20 && st.colours > 8, "the sheet is not blank");
  watch.check();
  watch2.check();
});
