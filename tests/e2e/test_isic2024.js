// test_isic2024.js - in the browser, ISIC 2024 (SLICE-3D) metadata by ?data=: the
// 3 real rows of the public test metadata and their 3 real tiles (the harness
// serves ../shared/data under /shared/). The folder's test-metadata.csv is found,
// the tiles come from images/, each lesion is a point on the body map with the
// note that the 3D frame is the imaging system's own, and the viewer lists the
// measurements. Prints the time from navigation to the first patient's tile shown.
"use strict";
const h = require("./harness");

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
});
