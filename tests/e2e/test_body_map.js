// test_body_map.js - the body-site map is an anatomical figure, not a blank box:
// in the light and the dark theme, each of its front, back and side views has
// many pixels unlike the panel's background and several colours; clicking the
// back's torso filters the grid to torso lesions, clicking again shows all.
// Screenshots: build/test-artifacts/body_map_{light,dark}.png.
"use strict";
const h = require("./harness");

// Share of a view's box whose pixels differ from the background, and its colour count.
function coverage(img, rect, bg) {
  const [x0, y0, w, hgt] = rect.map(Math.round);
  let differ = 0, n = 0;
  const colours = new Set();
  for (let y = Math.max(0, y0); y < Math.min(img.height, y0 + hgt); y++)
    for (let x = Math.max(0, x0); x < Math.min(img.width, x0 + w); x++) {
      const i = (y * img.width + x) * 4, r = img.rgba[i], g = img.rgba[i + 1], b = img.rgba[i + 2];
      ++n;
      if (Math.abs(r - bg[0]) + Math.abs(g - bg[1]) + Math.abs(b - bg[2]) > 30) ++differ;
      colours.add((r >> 4) << 8 | (g >> 4) << 4 | (b >> 4));
    }
  return { share: n ? differ / n : 0, colours: colours.size, pixels: n };
}

async function checkViews(page, s, name) {
  const { png } = await h.screenshot(page, "body_map_" + name);
  const img = h.decodePng(png);
  const map = s.ui.rects["view/body_map"];
  h.assert(map, "the body map is on screen");
  // The map's top-left corner lies above the figures' labels: the panel background.
  const at = (Math.round(map[1]) + 1) * img.width + Math.round(map[0]) + 1;
  const bg = [img.rgba[at * 4], img.rgba[at * 4 + 1], img.rgba[at * 4 + 2]];
  for (const view of ["front", "back", "side"]) {
    const r = s.ui.rects["view/body_map/" + view];
    h.assert(r && r[2] > 20 && r[3] > 60, `${name}: the ${view} view has a box: ${JSON.stringify(r)}`);
    const c = coverage(img, r, bg);
    // A human outline fills a fair part of its box (about a third for the front);
    // a blank or collapsed figure fills none of it.
    h.assert(c.share > 0.2 && c.share < 0.9, `${name}: ${view} view covers ${(c.share * 100).toFixed(1)}% of its box`);
    h.assert(c.colours >= 4, `${name}: ${view} view has ${c.colours} colours`);
  }
}

h.run("body_map", async ({ server, browser }) => {
  const page = await browser.newPage();
  const watch = h.watchErrors(page);
  let s = await h.openApp(page, server.url);
  h.assert(s.view.mode === "grid", "starts in the patient view");
  s = await h.waitState(page, (st) => st.ui.rects["view/body_map/side"], "the figure's views are laid out");
  await checkViews(page, s, s.view.theme);

  // The other theme draws the figure just as fully.
  const theme = s.view.theme;
  await page.mouse.click(900, 700);  // (as e2e/explorer: focus the canvas on an empty spot)
  await page.keyboard.press("t");
  s = await h.waitState(page, (st) => st.view.theme !== theme, "t toggles the theme");
  await page.waitForTimeout(300);
  s = await h.waitState(page, (st) => st.ui.frames > 0, "a frame in the new theme");
  await checkViews(page, s, s.view.theme);

  // A click on the back's torso filters the grid to the torso; a second one clears it.
  // (Find a patient with a torso lesion first: the demo's patients have several sites.)
  for (let i = 0; i < 40 && !s.view.tiles.some((t) => t.site === "torso"); i++) {
    const p = s.view.patient;
    await page.keyboard.press("j");
    s = await h.waitState(page, (st) => st.view.patient !== p, "j moves to the next patient");
  }
  const all = s.view.tiles.length;
  const torso = s.view.tiles.filter((t) => t.site === "torso").length;
  h.assert(torso > 0 && torso < all, `a patient with torso and other lesions (${torso} of ${all})`);
  await h.clickRect(page, "view/body_map/area/posterior_torso");
  s = await h.waitState(page, (st) => st.view.grid.sites.length === 1, "the click filters the grid");
  h.assert(s.view.grid.sites[0] === "torso", "filtered by torso: " + JSON.stringify(s.view.grid.sites));
  h.assert(s.view.tiles.length === torso && s.view.tiles.every((t) => t.site === "torso"),
           `only the ${torso} torso lesions are tiles: ${s.view.tiles.length}`);
  await h.clickRect(page, "view/body_map/area/posterior_torso");
  s = await h.waitState(page, (st) => st.view.grid.sites.length === 0, "a second click clears the filter");
  h.assert(s.view.tiles.length === all, "all lesions again");
  watch.check();
});
