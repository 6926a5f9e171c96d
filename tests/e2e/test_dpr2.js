// test_dpr2.js - at devicePixelRatio 2 the canvas backing store is twice the CSS
// size (crisp text: the font atlas is rasterised at device resolution), and a
// resize of the window resizes the canvas.
"use strict";
const h = require("./harness");

h.run("dpr2", async ({ server, browser }) => {
  const page = await browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setDeviceMetricsOverride", { width: 1000, height: 700, deviceScaleFactor: 2, mobile: false });
  const watch = h.watchErrors(page);
  const s = await h.openApp(page, server.url);
  h.assert(s.ready, "ready");
  const size = () => page.evaluate(() => {
    const c = document.getElementById("canvas");
    return { cw: c.clientWidth, ch: c.clientHeight, w: c.width, h: c.height, dpr: devicePixelRatio };
  });
  let d = await size();
  h.assert(d.dpr === 2, "emulated DPR 2: " + JSON.stringify(d));
  h.assert(d.w === 2 * d.cw && d.h === 2 * d.ch, "backing store = 2 x CSS size: " + JSON.stringify(d));
  h.assert(s.ui.dpr === 2, "the app renders at DPR 2: " + s.ui.dpr);

  await cdp.send("Emulation.setDeviceMetricsOverride", { width: 800, height: 600, deviceScaleFactor: 2, mobile: false });
  const t0 = Date.now();
  for (;;) {
    d = await size();
    if (d.cw === 800 && d.w === 1600 && d.h === 1200) break;
    if (Date.now() - t0 > 5000) throw new Error("canvas did not follow the resize: " + JSON.stringify(d));
    await new Promise((r) => setTimeout(r, 50));
  }
  const { png } = await h.screenshot(page, "e2e-dpr2");
  const st = h.imageStats(png);
  // (Playwright captures at its own viewport size; the canvas checks above cover DPR.)
  h.assert(st.variance > 20 && st.colours > 8, `DPR-2 screenshot not blank (variance ${st.variance.toFixed(1)})`);
  watch.check();
});
