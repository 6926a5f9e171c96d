// test_images_cache.js - thumbnails and analysis pixels are cached in
// IndexedDB across reloads (keyed by the image's absolute URL here), and
// Data > Clear image cache empties it. Uses the 22-row images.csv of the real
// samples (served by the harness under /shared/), whose files are in images/.
"use strict";
const h = require("./harness");

const settled = (st) => st.ready && st.view.patient === "IP_2842074" && st.images && st.images.total > 0 && st.images.loading === 0;

h.run("images_cache", async ({ server, browser }) => {
  const page = await browser.newPage();
  // The layouts tried before images/ answer 404 (logged by the browser as errors).
  const watch = h.watchErrors(page, h.HTTP_404);

  await h.openApp(page, server.url, "?data=shared/isic2020/images.csv#patient=IP_2842074", 120000);
  let s = await h.waitState(page, settled, "first visit", 60000);
  h.assert(s.view.tiles.find((t) => t.image_name === "ISIC_0052212").status === "ready", "decoded: " + JSON.stringify(s.images));
  h.assert(s.images.decoded === 1 && s.images.cached === 0, "first visit decodes: " + JSON.stringify(s.images));
  await new Promise((r) => setTimeout(r, 500));  // the cache write is asynchronous

  // Reload: the thumbnail comes from IndexedDB, no decode.
  await page.reload({ waitUntil: "load" });
  s = await h.waitState(page, settled, "after a reload", 120000);
  h.assert(s.images.cached === 1 && s.images.decoded === 0, "served from the cache: " + JSON.stringify(s.images));

  // Data > Clear image cache: the next visit decodes again.
  await h.clickRect(page, "menu/data");
  await h.waitState(page, (st) => st.ui.rects["menu/data/clear_cache"], "the Data menu");
  await h.clickRect(page, "menu/data/clear_cache");
  await h.waitState(page, (st) => /cache cleared/i.test(st.ui.status), "the cache-cleared message");
  await new Promise((r) => setTimeout(r, 500));  // let the IndexedDB transaction commit
  await page.reload({ waitUntil: "load" });
  s = await h.waitState(page, settled, "after clearing the cache", 120000);
  h.assert(s.images.cached === 0 && s.images.decoded === 1, "decoded again: " + JSON.stringify(s.images));
  watch.check();
});
