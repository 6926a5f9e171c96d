// test_loading_frames.js - while a patient's images arrive the page draws at
// most about 4 frames a second (with software WebGL each frame costs ~120 ms of
// CPU the decoders need), yet shows them as they come, answers input at once,
// and draws the filled patient. The decoder's answers are slowed here (150 ms
// each) so the images of a 55-lesion patient arrive over several seconds: a page
// redrawing for every result would draw far more frames than the pacing allows.
// (The page draws the filled patient at once: its frame is no longer paced.)
"use strict";
const h = require("./harness");

const kPatient = "IP_7489840";  // the demo's patient of 55 lesions
const kFrameSeconds = 0.25;     // shell.cpp's kLoadingFrameSeconds

h.run("loading_frames", async ({ server, browser }) => {
  const page = await browser.newPage();
  const watch = h.watchErrors(page);
  await page.addInitScript(() => {
    let Q;
    Object.defineProperty(window, "DucklingImageQueue", {
      configurable: true,
      get: () => Q,
      set: (v) => {
        const orig = v.prototype._onResult;
        v.prototype._onResult = function (slot, msg) { setTimeout(() => orig.call(this, slot, msg), 150); };
        Q = v;
      },
    });
  });
  await h.openApp(page, server.url);
  await h.waitState(page, (st) => st.images.total > 0 && st.images.done === st.images.total && !(st.images.pending_uploads > 0),
                    "the first patient filled", 60000);
  const f0 = (await h.state(page)).ui.frames, t0 = Date.now();
  await page.evaluate((p) => { location.hash = "#patient=" + p; }, kPatient);
  await h.waitState(page, (st) => st.view.patient === kPatient && st.images.total === 55 && st.images.done > 5,
                    "the first images of the big patient", 30000);
  // Input while images arrive is answered by a frame of its own.
  const fi = (await h.state(page)).ui.frames;
  await page.mouse.move(400, 300);
  await h.waitState(page, (st) => st.ui.frames > fi, "a frame answering the mouse while loading", 2000);
  const mid = await h.state(page);
  h.assert(mid.images.done < mid.images.total, `still loading when the mouse moved (${mid.images.done}/${mid.images.total})`);
  await h.waitState(page, (st) => st.view.patient === kPatient && st.images.done === st.images.total &&
                    !(st.images.pending_uploads > 0), "the big patient filled", 60000);
  const f1 = (await h.state(page)).ui.frames, seconds = (Date.now() - t0) / 1000;
  const drawn = f1 - f0, allowed = Math.ceil(seconds / kFrameSeconds) + 6;  // + the input's frames and grace
  console.log(`loading_frames: 55 images in ${seconds.toFixed(2)} s, ${drawn} frames (at most ${allowed})`);
  h.assert(seconds > 3, `the slowed images took ${seconds.toFixed(2)} s (expected several seconds)`);
  h.assert(drawn <= allowed, `${drawn} frames drawn while the images arrived over ${seconds.toFixed(2)} s (at most ${allowed})`);
  h.assert(drawn >= Math.floor(seconds / 1.0), `only ${drawn} frames while loading: the images are not shown as they come`);
  const st = await h.state(page);
  h.assert(st.view.tiles.length === 55 && st.view.tiles.every((t) => t.status !== "pending" && t.status !== "loading"),
           "every tile of the patient has its image");
  watch.check();
});
