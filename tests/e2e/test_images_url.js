// test_images_url.js - in the browser, remote files: ?data= names a
// folder on a static server (the harness serves ../shared/data under /shared/)
// or a CSV file in it; images are fetched relative to the base, trying the
// usual layouts (train/, ./, jpeg/train/, images/, ...). Rows whose file is
// served get thumbnails, the others are "missing" with the HTTP reason, and a
// base that does not exist at all leaves every image missing without errors.
"use strict";
const h = require("./harness");

const tileMap = (s) => Object.fromEntries((s.view.tiles || []).map((t) => [t.image_name, t.status]));

h.run("images_url", async ({ server, browser }) => {
  const page = await browser.newPage();
  // 404s for the layouts that do not exist are expected (the browser logs each
  // failed request as an error); anything else fails the test.
  const watch = h.watchErrors(page, h.HTTP_404);

  // A folder URL: train.csv is found, images come from images/.
  let s = await h.openApp(page, server.url, "?data=shared/isic2020/#patient=IP_2842074", 120000);
  h.assert(s.dataset.source === "url" && s.dataset.lesions === 33126, "train.csv loaded: " + JSON.stringify(s.dataset).slice(0, 300));
  s = await h.waitState(page, (st) => st.view.patient === "IP_2842074" && st.images.total > 0 && st.images.loading === 0,
                        "IP_2842074's images", 60000);
  let tiles = tileMap(s);
  h.assert(tiles.ISIC_0052212 === "ready", "fetched and decoded: " + JSON.stringify(s.images));
  const missing = Object.keys(tiles).filter((n) => tiles[n] === "missing");
  h.assert(missing.length === s.images.total - 1, "the others are missing: " + JSON.stringify(tiles));
  h.assert(/HTTP 404/.test(s.images.errors[missing[0]]), "reason names the HTTP status: " + s.images.errors[missing[0]]);

  // A CSV URL: its folder is the base.
  s = await h.openApp(page, server.url, "?data=shared/isic2020/ISIC_2020_Training_GroundTruth.csv#patient=IP_7622888", 120000);
  s = await h.waitState(page, (st) => st.view.patient === "IP_7622888" && st.images.total > 0 && st.images.loading === 0,
                        "IP_7622888's images", 60000);
  tiles = tileMap(s);
  h.assert(tiles.ISIC_0075914 === "ready", "the 6000x4000 original via its CSV's folder: " + JSON.stringify(s.images));
  h.assert(s.dataset.label.endsWith(".csv"), "label is the URL");

  // A base without images: every image missing, the app keeps working.
  s = await h.openApp(page, server.url, "?data=demo/train.csv", 60000);
  h.assert(s.view.tiles.every((t) => t.status === "ready"), "demo via a CSV URL still finds train/");
  watch.check();
});
