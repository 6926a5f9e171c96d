// test_no_webgl2.js - without WebGL the page shows its error box (not only a
// console message) and never reports ready.
"use strict";
const h = require("./harness");

h.run("no-webgl2", async ({ server, browser }) => {
  const page = await browser.newPage();
  const watch = h.watchErrors(page);
  await page.goto(server.url, { waitUntil: "load" });
  await page.waitForSelector("#error:not([hidden])", { timeout: 20000 });
  const text = await page.textContent("#error-text");
  h.assert(/WebGL 2/.test(text), "error box names WebGL 2: " + text);
  const s = await h.state(page);
  h.assert(s.ready === false, "not ready");
  await h.screenshot(page, "e2e-no-webgl2");
  watch.check();
}, ["--disable-webgl", "--disable-webgl2"]);
