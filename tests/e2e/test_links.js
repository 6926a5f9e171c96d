// test_links.js - deep links in the browser: a valid link opens the
// patient/lesion/mode it names; unknown patients and malformed hashes show a
// plain-text message and the patient list (no crash, nothing injected as HTML);
// a refused ?data= loads nothing and is reported; j/k push history entries that back/forward
// replay; "s" copies the link.
"use strict";
const h = require("./harness");

h.run("links", async ({ server, browser }) => {
  const page = await browser.newPage();
  const watch = h.watchErrors(page);
  let s = await h.openApp(page, server.url);
  h.assert(s.dataset.patients > 2, "demo data loaded");
  const first = s.view.patient;
  h.assert(typeof first === "string", "a patient is selected");
  h.assert(s.share && s.share.url_live === true, "the URL is live: " + JSON.stringify(s.share));

  // The page URL follows the selection.
  await h.waitState(page, () => true, "");
  let hash = await page.evaluate(() => location.hash);
  h.assert(hash.includes("patient=" + first), "URL names the selected patient: " + hash);

  // j twice: two history entries; back/forward replay them.
  await page.mouse.click(640, 400);
  await page.keyboard.press("j");
  const p2 = (await h.waitState(page, (st) => st.view.patient !== first, "next patient")).view.patient;
  // The frame that handles the key changes the view; the URL follows in the next
  // frame, which may come later while images load between frames.
  await page.waitForFunction((p) => location.hash.includes("patient=" + p), p2, { timeout: 5000 })
    .catch(() => {});
  hash = await page.evaluate(() => location.hash);
  h.assert(hash.includes("patient=" + p2), "URL follows j: " + hash);
  await page.keyboard.press("j");
  const p3 = (await h.waitState(page, (st) => st.view.patient !== p2, "third patient")).view.patient;
  await page.waitForFunction((p) => location.hash.includes("patient=" + p), p3);
  await page.goBack();
  await h.waitState(page, (st) => st.view.patient === p2, "back to " + p2);
  await page.goBack();
  await h.waitState(page, (st) => st.view.patient === first, "back to " + first);
  await page.goForward();
  await h.waitState(page, (st) => st.view.patient === p2, "forward to " + p2);

  // Copy link: the link of the current view, confirmed on screen.
  await page.keyboard.press("s");
  s = await h.waitState(page, (st) => st.share.last_copied !== "", "a copied link");
  h.assert(s.share.last_copied.startsWith(server.url) && s.share.last_copied.includes("#patient=" + p2),
           "copied link: " + s.share.last_copied);

  // A valid link in a fresh page: patient, lesion and mode.
  const tiles = s.view.tiles || [];
  h.assert(tiles.length >= 2, "the patient has tiles in state().view.tiles");
  const lesion = tiles[1].image_name;
  const page2 = await browser.newPage();
  const watch2 = h.watchErrors(page2);
  await h.openApp(page2, server.url, `#patient=${p2}&lesion=${lesion}&mode=viewer`);
  s = await h.waitState(page2, (st) => st.view.lesion === lesion, "the linked lesion");
  h.assert(s.view.patient === p2 && s.view.mode === "viewer", "link opened the viewer: " + JSON.stringify(s.view).slice(0, 200));
  h.assert(s.share.messages.length === 0, "no messages for a valid link: " + s.share.messages);
  // #lesion= alone selects its patient.
  await page2.goto(server.url + `#lesion=${lesion}`);
  await page2.waitForFunction(() => window.duckling && window.duckling.state().ready === true);
  s = await h.waitState(page2, (st) => st.view.lesion === lesion, "lesion-only link");
  h.assert(s.view.patient === p2, "lesion-only link selects the patient");

  // Unknown patient: message + patient list.
  await page2.goto(server.url + "#patient=IP_0000000&lesion=ISIC_0000000");
  await page2.waitForFunction(() => window.duckling && window.duckling.state().ready === true);
  s = await h.waitState(page2, (st) => st.share.messages.length > 0, "a message for the unknown patient");
  h.assert(s.share.messages.some((m) => m.includes("IP_0000000")), "message names the patient: " + s.share.messages);
  h.assert(s.view.patient === null && s.view.mode === "grid", "fell back to the patient list");

  // Malformed hash (HTML in it): message, nothing injected, no crash.
  const evil = "#patient=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E&zoom=abc";
  await page2.goto(server.url + evil);
  await page2.waitForFunction(() => window.duckling && window.duckling.state().ready === true);
  // A hash-only navigation keeps the page: the previous link's messages stay until
  // the next frame applies this one, so wait for this link's message.
  s = await h.waitState(page2, (st) => st.share.messages.some((m) => m.includes("could not be opened")),
                        "the malformed link explained");
  const injected = await page2.evaluate(() => ({ imgs: document.querySelectorAll("img").length, pwned: window.__pwned === 1 }));
  h.assert(injected.imgs === 0 && !injected.pwned, "nothing from the link became HTML: " + JSON.stringify(injected));

  // ?data= with another scheme is refused and reported; nothing is loaded (the
  // demo stays one menu click away), so a hostile link fetches nothing at all.
  await page2.goto(server.url + "?data=javascript:alert(1)#patient=" + first);
  await page2.waitForFunction(() => window.duckling && window.duckling.state().ready === true);
  s = await h.waitState(page2, (st) => st.share.messages.some((m) => m.includes("refused")), "refused data source");
  h.assert(s.dataset.source === "none" && s.dataset.patients === 0, "nothing loaded: " + s.dataset.source);
  h.assert(s.dataset.problems.some((p) => p.kind === "bad_data_url" && /http/.test(p.message)),
           "bad_data_url problem: " + JSON.stringify(s.dataset.problems));

  await h.screenshot(page2, "e2e-links-message");
  watch.check();
  watch2.check();
});
