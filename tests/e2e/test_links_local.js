// test_links_local.js - a link to a view of a LOCAL folder:
// the sender had opened their copy of ISIC 2020 from disk, so the link carries
// the folder's name (`local=`) instead of a URL. The recipient's page shows the
// demo, says which folder to open and waits; once the folder is opened (here the
// real ../shared/data/isic2020 through the folder input) it jumps to the linked
// patient, lesion and mode, and the lesion's real image decodes.
"use strict";
const path = require("path");
const h = require("./harness");

h.run("links_local", async ({ server, browser }) => {
  const page = await browser.newPage();
  const watch = h.watchErrors(page);
  const link = "#patient=IP_2010919&lesion=ISIC_0081956&mode=viewer&local=isic2020";
  let s = await h.openApp(page, server.url, link);
  s = await h.waitState(page, (st) => st.share.messages.some((m) => m.includes("isic2020")), "a message naming the folder");
  h.assert(s.share.local_folder === "isic2020", "the link waits for folder isic2020: " + JSON.stringify(s.share).slice(0, 300));
  h.assert(s.dataset.source === "demo", "meanwhile the demo is shown");
  h.assert(s.view.patient !== "IP_2010919", "the linked patient is not in the demo, nothing jumped yet");
  await h.screenshot(page, "links_local_waiting");

  // The recipient opens their copy (the status bar's button; headless Chromium
  // takes the <input webkitdirectory> fallback).
  await page.evaluate(() => { window.showDirectoryPicker = undefined; });
  const chooser = page.waitForEvent("filechooser", { timeout: 20000 });
  await h.clickRect(page, "status/open_folder");
  await (await chooser).setFiles(path.join(h.SHARED, "isic2020"));
  s = await h.waitState(page, (st) => st.dataset.source === "folder" && st.view.patient === "IP_2010919",
                        "the jump to the linked patient after the folder opened", 60000);
  h.assert(s.view.lesion === "ISIC_0081956" && s.view.mode === "viewer", "linked lesion in the viewer: " + JSON.stringify(s.view).slice(0, 200));
  h.assert(s.share.local_folder === "", "no longer waiting for a folder");
  h.assert(!s.share.messages.some((m) => m.includes("Open your copy")), "the request to open the folder is gone: " + s.share.messages);
  // The lesion is a real 6000x4000 original: its viewer image arrives (capped at 4096 px).
  s = await h.waitState(page, (st) => st.view.zoom.image_size[0] > 0, "the lesion's image", 90000);
  const hash = await page.evaluate(() => location.hash);
  h.assert(hash.includes("patient=IP_2010919") && hash.includes("local=isic2020"), "the page's link still names the folder: " + hash);
  await h.screenshot(page, "links_local_opened");
  watch.check();
});
