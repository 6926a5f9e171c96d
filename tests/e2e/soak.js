// soak.js - bounded soak run (scripts/soak [MINUTES]): scripted browsing of a
// 210-patient demo by keyboard for MINUTES (default 30), printing a heap/texture
// sample every 30 s, then a verdict. Stops by itself; exit 1 when the wasm heap
// or the live textures grew after the first quarter of the run (a leak), or the
// page reported errors. The walk goes back and forth over a window of patients.
// Live textures may grow while the thumbnail cache (an LRU under a 256 MB
// budget) fills, which on a busy machine takes many passes; but every texture
// is a thumbnail of a lesion whose tile was shown (plus at most two viewer
// images), so more textures than distinct tiles seen is a leak.
"use strict";
const h = require("./harness");
const hh = require("./hardening_util");

const MB = 1 << 20;
const minutes = Number(process.argv[2] || 30);
if (!(minutes > 0 && minutes <= 240)) {
  console.error("usage: scripts/soak [MINUTES]   (1-240)");
  process.exit(2);
}

(async () => {
  const dir = hh.bigDemo(210, 128);
  const data = await hh.startCorsServer(dir);
  const site = await h.startServer();
  const browser = await h.launchBrowser();
  let code = 0;
  try {
    const page = await browser.newPage();
    const watch = h.watchErrors(page);
    await hh.openApp(page, site.url, "?data=" + data.url);
    const s0 = await h.waitState(page, (s) => !s.dataset.loading && s.dataset.patients > 0, "the demo to load", 60000);
    await page.evaluate(() => document.getElementById("canvas").focus());
    const t0 = Date.now(), end = t0 + minutes * 60000;
    const samples = [];
    const WINDOW = 24;  // patients walked back and forth
    const tilesSeen = new Set(((s0.view && s0.view.tiles) || []).map((t) => t.image_name));
    let steps = 0, dir1 = "j", nextSample = t0;
    // Actions of a user going through patients: next patient, open a lesion,
    // step lesions in the viewer, back to the grid, now and then the overview.
    const script = ["Enter", "]", "]", "+", "-", "Escape", "o", "g"];
    while (Date.now() < end) {
      const s = await hh.nextPatient(page, dir1);
      for (const t of (s.view && s.view.tiles) || []) tilesSeen.add(t.image_name);
      if (s.view.patient === null || steps % WINDOW === WINDOW - 1) dir1 = dir1 === "j" ? "k" : "j";  // turn
      if (steps % 5 === 0) for (const k of script) { await page.keyboard.press(k); await page.waitForTimeout(40); }
      steps++;
      if (Date.now() >= nextSample) {
        const m = await hh.memory(page);
        samples.push({ t: (Date.now() - t0) / 1000, seen: tilesSeen.size, ...m });
        console.log(`soak t=${((Date.now() - t0) / 1000).toFixed(0)} s: ${steps} patients, heap ${(m.heap / MB).toFixed(1)} MB, ` +
                    `${m.textures} textures (${tilesSeen.size} tiles seen), ${(m.textureBytes / MB).toFixed(1)} MB textures`);
        nextSample += 30000;
      }
    }
    const m = await hh.memory(page);
    samples.push({ t: (Date.now() - t0) / 1000, seen: tilesSeen.size, ...m });
    const q = samples.find((x) => x.t >= (minutes * 60) / 4) || samples[0];
    const last = samples[samples.length - 1];
    const heapGrowth = last.heap - q.heap;
    const maxTex = Math.max(...samples.map((x) => x.textures));
    console.log(`soak done: ${minutes} min, ${steps} patients; heap ${(q.heap / MB).toFixed(1)} -> ${(last.heap / MB).toFixed(1)} MB ` +
                `after the first quarter (+${(heapGrowth / MB).toFixed(1)} MB); textures ${q.textures} -> ${last.textures} (max ${maxTex})`);
    const maxTexBytes = Math.max(...samples.map((x) => x.textureBytes));
    console.log(`soak: start heap ${(samples[0].heap / MB).toFixed(1)} MB, ${samples[0].textures} textures; ` +
                `end heap ${(last.heap / MB).toFixed(1)} MB, ${last.textures} textures; max texture memory ${(maxTexBytes / MB).toFixed(1)} MB`);
    const leaked = samples.filter((x) => x.textures > x.seen + 2);
    if (leaked.length) console.log(`soak: more textures than tiles seen (+2 viewer): ${JSON.stringify(leaked[0])}`);
    if (heapGrowth > 16 * MB || leaked.length || maxTexBytes > 256 * MB) {
      console.log("soak FAIL: memory grew during the run");
      code = 1;
    }
    watch.check();
  } catch (e) {
    console.log("soak FAIL: " + (e && e.stack ? e.stack : e));
    code = 1;
  } finally {
    await browser.close().catch(() => {});
    await site.close();
    await data.close();
  }
  process.exit(code);
})();
