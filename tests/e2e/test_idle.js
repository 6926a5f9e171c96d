// test_idle.js - idle CPU near zero: once ready and left alone, the app stops
// rendering (state().ui.frames stays put) and the page's main thread is almost
// idle; input makes it render again.
"use strict";
const h = require("./harness");

h.run("idle", async ({ server, browser }) => {
  const page = await browser.newPage();
  const watch = h.watchErrors(page);
  await h.openApp(page, server.url);
  await new Promise((r) => setTimeout(r, 2000));  // let the loop settle and pause
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const metric = async () => {
    const m = (await cdp.send("Performance.getMetrics")).metrics;
    return Object.fromEntries(m.map((x) => [x.name, x.value]));
  };
  const f0 = (await h.state(page)).ui.frames, m0 = await metric();
  const seconds = 4;
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const f1 = (await h.state(page)).ui.frames, m1 = await metric();
  const busy = (m1.TaskDuration - m0.TaskDuration) / seconds;
  console.log(`idle: ${f1 - f0} frames rendered in ${seconds} s, main thread busy ${(busy * 100).toFixed(2)} %`);
  h.assert(f1 - f0 <= 1, `no rendering while idle (${f1 - f0} frames)`);
  h.assert(busy < 0.05, `main thread busy ${(busy * 100).toFixed(2)} % while idle (limit 5 %)`);

  await page.mouse.move(300, 300);
  await page.mouse.move(320, 310);
  await h.waitState(page, (st) => st.ui.frames > f1, "a frame after mouse input", 5000);
  watch.check();
});
