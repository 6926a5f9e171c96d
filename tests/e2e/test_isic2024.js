// test_isic2024.js - in the browser, ISIC 2024 (SLICE-3D) metadata by ?data=: the
// 3 real rows of the public test metadata and their 3 real tiles (the harness
// serves ../shared/data under /shared/). The folder's test-metadata.csv is found,
// the tiles come from images/, each lesion is a point on the body map with the
// note that the 3D frame is the imaging system's own, and the viewer lists the
// measurements. Prints the time from navigation to the first patient's tile shown.
// Then SYNTHETIC rows (duckling-cli demo-slice3d, no images): a patient is scored
// from its measurements while every one of its image requests is still unanswered,
// and keeps those scores when the requests then fail; after its first 16 images
// under no layout the others are asked for only on Resume.
"use strict";
const fs = require("fs");
const path = require("path");
const { execFileSync } = require("child_process");
const h = require("./harness");

const synthetic = path.join(h.ROOT, "build", "e2e-slice3d");
fs.mkdirSync(synthetic, { recursive: true });
execFileSync(path.join(h.ROOT, "build", "native", "duckling-cli"),
             ["demo-slice3d", "--out", path.join(synthetic, "train-metadata.csv"), "--patients", "2", "--lesions", "40"],
             { stdio: ["ignore", "ignore", "inherit"] });

h.run("isic2024", async ({ server, browser }) => {
  const page = await browser.newPage();
  // 404s for the metadata names and image layouts tried first are expected.
  const watch = h.watchErrors(page, h.HTTP_404);

  const t0 = Date.now();
  let s = await h.openApp(page, server.url, "?data=shared/isic2024/#patient=IP_1664139", 120000);
  s = await h.waitState(page, (st) => st.view.patient === "IP_1664139" && st.images.total > 0 && st.images.loading === 0,
                        "IP_1664139's tile", 60000);
  const openMs = Date.now() - t0;
  h.assert(s.dataset.lesions === 3 && s.dataset.patients === 3, "3 real rows: " + JSON.stringify(s.dataset));
  h.assert((s.dataset.problems || []).length === 0, "no problems: " + JSON.stringify(s.dataset.problems));
  const tile = s.view.tiles.find((t) => t.image_name === "ISIC_0015729");
  h.assert(tile && tile.status === "ready", "the real tile is fetched and decoded: " + JSON.stringify(s.view.tiles));
  h.assert(tile.area === "lower extremity", "Left Leg - Upper is on the legs: " + JSON.stringify(tile));
  const rects = s.ui.rects;
  const point = rects["view/body_map/point/ISIC_0015729"], front = rects["view/body_map/front"];
  h.assert(point && front, "a point on the body map: " + Object.keys(rects).filter((k) => k.startsWith("view/body_map")).join(", "));
  h.assert(point[0] > front[0] + front[2] / 2 && point[0] < front[0] + front[2], "the patient's left, seen from the front");
  h.assert(rects["view/body_map/frame_note"], "the note on the imaging system's own frame is shown");

  // The viewer: the imaging system's measurements are listed.
  await h.clickRect(page, "tiles/ISIC_0015729");
  await page.keyboard.press("Enter");
  s = await h.waitState(page, (st) => st.ui.rects["viewer/measurements"] !== undefined, "the measurements in the viewer", 10000);
  console.log(JSON.stringify({ name: "open_isic2024_browser", unit: "ms", value: openMs, lesions: 3 }));
  watch.check();
  await page.close();

  // Image requests of the synthetic rows are held unanswered until released.
  const page2 = await browser.newPage();
  const watch2 = h.watchErrors(page2, h.HTTP_404);
  const held = [], asked = new Set();
  let release = false;
  await page2.route(/\/slice3d\/.*\.(jpg|dcm)$/, (route) => {
    const name = route.request().url().replace(/^.*\//, "").replace(/\.\w+$/, "");
    if (name.startsWith("SYN_0002_")) asked.add(name);  // the patient's own
    return release ? route.fulfill({ status: 404, body: "" }) : held.push(route);
  });
  // (not openApp: state().ready waits for every request of the start-up, these included)
  await page2.goto(server.url + "?data=slice3d/train-metadata.csv#patient=SYNP_0002", { waitUntil: "load" });
  await page2.waitForFunction(() => window.duckling && window.duckling.state, null, { timeout: 120000, polling: 50 });
  const measured = (t) => t.model_status === "ok" && t.explanation.length > 0 && /imaging system's own measurements/.test(t.explanation[0]);
  s = await h.waitState(page2, (st) => st.view && st.view.patient === "SYNP_0002" && st.view.tiles.length === 40 && st.view.tiles.every(measured),
                        "SYNP_0002's 40 lesions scored from their measurements", 60000);
  h.assert(s.images.loading === 40 && s.images.done === 0,
           `scored before any image request was answered: ${held.length} held, images ${JSON.stringify(s.images)}`);
  // The requests do go out (and wait).
  await h.waitState(page2, () => held.length > 0, "image requests held", 30000);
  const top = s.view.tiles.find((t) => t.rank === 1);
  h.assert(top && top.image_name === "SYN_0002_0001", "the planted lesion ranks first: " + JSON.stringify(top));
  // The requests now fail: after the first 16 images under no layout the others
  // are not asked for; the status bar says why, the scores stay.
  release = true;
  for (const r of held.splice(0)) await r.fulfill({ status: 404, body: "" });
  s = await h.waitState(page2, (st) => st.images.loading === 0 && st.images.cancelled && st.ui.rects["status/resume_images"],
                        "loading stopped, Resume offered", 60000);
  h.assert(/none of the first 16 images/.test(s.images.stopped_why), "the reason: " + JSON.stringify(s.images));
  h.assert(s.images.failed >= 16 && asked.size <= s.images.failed + 8 && asked.size < 40,
           `only the probed images were asked for: ${asked.size} asked, images ${JSON.stringify(s.images)}`);
  h.assert(s.view.tiles.every(measured), "still scored from the measurements: " + JSON.stringify(s.view.tiles.map((t) => t.model_status)));
  // Resume asks for the others.
  await h.clickRect(page2, "status/resume_images");
  s = await h.waitState(page2, (st) => st.images.loading === 0 && st.images.failed === 40, "all 40 asked for and missing", 60000);
  h.assert(asked.size === 40 && !s.images.cancelled && s.view.tiles.every((t) => t.status === "missing"),
           `every image asked for: ${asked.size}, images ${JSON.stringify(s.images)}`);
  h.assert(s.view.tiles.every(measured), "scored from the measurements after all");
  watch2.check();
}, [], { "/slice3d/": synthetic });
