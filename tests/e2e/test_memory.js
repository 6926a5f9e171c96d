// test_memory.js - memory and load: browsing 200 patients in a row by
// keyboard ('j' = next patient) keeps the wasm heap and the live GPU textures
// bounded. The heap (wasm linear memory) can only grow, so "bounded" means it
// stops growing: the second hundred patients may add at most a little.
"use strict";
const fs = require("fs");
const path = require("path");
const h = require("./harness");
const hh = require("./hardening_util");

const MB = 1 << 20;
const HEAP_BUDGET = 512 * MB;        // whole wasm heap after 200 patients
const LATE_GROWTH = 16 * MB;         // heap growth allowed over patients 100-200
const TEXTURE_BYTES_BUDGET = 256 * MB;

h.run("memory", async ({ server, browser }) => {
  const dir = hh.bigDemo(210, 128);
  const data = await hh.startCorsServer(dir);
  try {
    const page = await browser.newPage();
    const watch = h.watchErrors(page);
    // Start at the first patient of the list (sorted by id) so 200 steps of 'j'
    // never reach its end (the app opens on the dataset's first patient).
    const ids = fs.readFileSync(path.join(dir, "train.csv"), "utf8").split("\n").slice(1).map((r) => r.split(",")[1]).filter(Boolean);
    const first = ids.sort()[0];
    await hh.openApp(page, server.url, "?data=" + data.url + "#patient=" + first);
    const s0 = await h.waitState(page, (s) => !s.dataset.loading && s.dataset.patients >= 201 && s.view.patient === first,
                              "210 demo patients, the first one open", 60000);
    await page.evaluate(() => document.getElementById("canvas").focus());
    const samples = [];
    const seen = new Set([s0.view.patient]);
    let maxTextures = 0;
    for (let i = 1; i <= 200; i++) {
      const s = await hh.nextPatient(page, "j", 600);  // a user stepping on: images need not finish
      seen.add(s.view.patient);
      const m = await hh.memory(page);
      maxTextures = Math.max(maxTextures, m.textures);
      if (i % 20 === 0) {
        samples.push({ i, ...m });
        console.log(`patient ${i}: heap ${(m.heap / MB).toFixed(1)} MB, ${m.textures} textures, ${(m.textureBytes / MB).toFixed(1)} MB on GPU`);
      }
    }
    console.log(`key presses repeated after 3 s without effect: ${hh.nextPatient.repeats || 0}`);
    h.assert(seen.size >= 200, "200 different patients were shown: " + seen.size);
    const at100 = samples.find((x) => x.i === 100), end = samples[samples.length - 1];
    h.assert(end.heap <= HEAP_BUDGET, `wasm heap ${(end.heap / MB).toFixed(1)} MB within ${HEAP_BUDGET / MB} MB`);
    h.assert(end.heap - at100.heap <= LATE_GROWTH,
             `heap stops growing: +${((end.heap - at100.heap) / MB).toFixed(1)} MB over patients 100-200`);
    h.assert(end.textureBytes <= TEXTURE_BYTES_BUDGET, "GPU texture memory within budget");
    // Live textures are what is on screen plus the loader's LRU cache of thumbnails,
    // bounded by its byte budget, not by the patients visited. The budget holds about
    // 190 patients of these 128 px thumbnails (with mipmaps), so the count may grow up
    // to the budget within 200 patients (how far depends on how many thumbnails each
    // open finishes in its 600 ms); it never goes past what the budget holds, plus the
    // patient on screen.
    const thumbBytes = (128 * 128 * 4 * 4) / 3;
    const cap = Math.ceil(TEXTURE_BYTES_BUDGET / thumbBytes) + 64;
    h.assert(maxTextures <= cap,
             `live textures bounded by the texture budget: ${at100.textures} at 100, ${end.textures} at 200, max ${maxTextures} (cap ${cap})`);
    watch.check();
  } finally {
    await data.close();
  }
});
