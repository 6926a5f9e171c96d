// test_explorer.js - the explorer end to end on the bundled demo data:
// move to another patient with the keyboard, walk the grid with the arrow keys,
// open a lesion in the viewer, zoom in and back to fit, compare, overview, help,
// search, theme, and read every step back from window.duckling.state(). A
// screenshot of each main view is kept in build/test-artifacts/explorer_*.png
// and checked not to be blank.
"use strict";
const h = require("./harness");

async function shot(page, name) {
  const { png } = await h.screenshot(page, "explorer_" + name);
  const st = h.imageStats(png);
  h.assert(st.variance > 50 && st.colours > 20, `screenshot ${name} is not blank: ${JSON.stringify(st)}`);
}

h.run("explorer", async ({ server, browser }) => {
  const page = await browser.newPage();
  const watch = h.watchErrors(page);
  let s = await h.openApp(page, server.url);
  h.assert(s.dataset.source === "demo" && s.dataset.patients >= 30, "demo data: " + JSON.stringify(s.dataset).slice(0, 200));
  h.assert(s.view.mode === "grid", "starts in the patient view");
  const first = s.view.patient;
  await shot(page, "grid");

  // Keyboard: next patient (j), then PageDown, then back with k.
  await page.mouse.move(640, 400);
  await page.keyboard.press("j");
  s = await h.waitState(page, (st) => st.view.patient !== first, "j moves to the next patient");
  const second = s.view.patient;
  h.assert(s.view.patient_index === 1 || s.view.patient_index > 0, "second patient in the filtered list: " + s.view.patient_index);
  await page.keyboard.press("PageDown");
  s = await h.waitState(page, (st) => st.view.patient !== second, "PageDown moves on");
  await page.keyboard.press("k");
  s = await h.waitState(page, (st) => st.view.patient === second, "k moves back");
  h.assert(s.view.tiles.length >= 3, "the patient's lesions are tiles: " + s.view.tiles.length);

  // Grid: the arrow keys walk the tiles in their displayed order.
  const order = s.view.tiles.map((t) => t.image_name);
  const at = order.indexOf(s.view.lesion);
  h.assert(at >= 0, "the selected lesion is one of the tiles");
  await page.keyboard.press("ArrowRight");
  s = await h.waitState(page, (st) => st.view.lesion !== order[at], "ArrowRight selects another lesion");
  h.assert(s.view.lesion === order[at + 1], `ArrowRight selects the next tile (${order[at + 1]}), got ${s.view.lesion}`);
  const lesion = s.view.lesion;

  // Enter opens the viewer on that lesion, fitted.
  await page.keyboard.press("Enter");
  s = await h.waitState(page, (st) => st.view.mode === "viewer", "Enter opens the viewer");
  h.assert(s.view.lesion === lesion && s.view.patient === second, "viewer shows the selected lesion");
  s = await h.waitState(page, (st) => st.view.zoom.image_size[0] > 0, "the viewer's image is decoded", 30000);
  h.assert(Math.abs(s.view.zoom.relative - 1) < 1e-3, "the viewer opens fitted: " + JSON.stringify(s.view.zoom));
  await shot(page, "viewer");

  // Zoom in with '+' twice: no longer fitted, larger scale; '0' fits again.
  await page.keyboard.press("+");
  await page.keyboard.press("+");
  s = await h.waitState(page, (st) => st.view.zoom.fit === false && st.view.zoom.relative > 1.5,
                        "two + presses leave fit mode and zoom in twice");
  // (The thumbnail shows until the full-size image arrives, so compare zoom
  // relative to fit, which does not depend on which of the two is on screen.)
  h.assert(s.view.zoom.relative > 1.5 && s.view.zoom.relative < 1.6, "two steps of 1.25x: " + JSON.stringify(s.view.zoom));
  await shot(page, "viewer_zoomed");
  await page.keyboard.press("0");
  s = await h.waitState(page, (st) => st.view.zoom.fit === true, "0 fits the image again");

  // ']' steps to the next lesion inside the viewer.
  await page.keyboard.press("]");
  s = await h.waitState(page, (st) => st.view.lesion !== lesion, "] moves to the next lesion");
  h.assert(s.view.mode === "viewer" && s.view.patient === second, "still in the viewer of the same patient");

  // Compare, overview, help.
  await page.keyboard.press("c");
  s = await h.waitState(page, (st) => st.view.mode === "compare", "c opens compare");
  await shot(page, "compare");
  await page.keyboard.press("o");
  s = await h.waitState(page, (st) => st.view.mode === "overview", "o opens the overview");
  await shot(page, "overview");
  await page.keyboard.press("g");
  s = await h.waitState(page, (st) => st.view.mode === "grid", "g back to the grid");
  await page.keyboard.press("Shift+Slash");
  s = await h.waitState(page, (st) => st.view.help_open === true, "? opens the help");
  await shot(page, "help");
  await page.keyboard.press("Escape");
  s = await h.waitState(page, (st) => st.view.help_open === false, "Esc closes the help");

  // Search: '/' focuses the search box; typing a patient id filters the list to it.
  const target = first;
  await page.keyboard.press("/");
  await page.waitForTimeout(200);
  await page.keyboard.type(target, { delay: 20 });
  s = await h.waitState(page, (st) => st.view.filters.search === target, "search text reaches the filter");
  s = await h.waitState(page, (st) => st.view.patients_shown === 1, "search narrows the list to one patient");
  await shot(page, "search");
  await page.keyboard.press("Escape");

  // A link with zoom and pan reopens the viewer at that zoom once the image is in;
  // zooming further rewrites the link (replaceState, no new history entry).
  const zoomLink = `#patient=${second}&lesion=${lesion}&mode=viewer&zoom=3&pan=0.1,-0.1`;
  const page3 = await browser.newPage();
  const watch3 = h.watchErrors(page3);
  await h.openApp(page3, server.url, zoomLink);
  s = await h.waitState(page3, (st) => st.view.lesion === lesion && st.view.zoom.relative !== null &&
                        Math.abs(st.view.zoom.relative - 3) < 0.05, "the link's zoom (3x fit)", 30000);
  h.assert(s.view.mode === "viewer" && s.view.zoom.fit === false, "viewer at the linked zoom: " + JSON.stringify(s.view.zoom));
  await page3.waitForFunction(() => /zoom=3(&|$)/.test(location.hash), null, { timeout: 5000 });
  const historyLength = await page3.evaluate(() => history.length);
  await page3.mouse.move(700, 400);
  await page3.keyboard.press("+");
  await page3.waitForFunction(() => /zoom=3\.7/.test(location.hash), null, { timeout: 5000 });
  h.assert(await page3.evaluate(() => history.length) === historyLength, "zooming replaces the history entry");
  watch3.check();
  await page3.close();

  // Theme toggles and is remembered across a reload.
  const theme = s.view.theme;
  await page.mouse.click(900, 700);
  await page.keyboard.press("t");
  s = await h.waitState(page, (st) => st.view.theme !== theme, "t toggles the theme");
  const newTheme = s.view.theme;
  await page.waitForTimeout(700);  // settings are saved after a short debounce
  await page.reload({ waitUntil: "load" });
  await page.waitForFunction(() => window.duckling && window.duckling.state().ready === true, null, { timeout: 60000 });
  s = await h.state(page);
  h.assert(s.view.theme === newTheme, `theme remembered across reload: ${newTheme} vs ${s.view.theme}`);
  await shot(page, "grid_" + newTheme);
  watch.check();
});
