// test_images_cors.js - why a fetched image (or the metadata) could
// not be read, beyond HTTP errors. `?data=` points at a second local origin
// (another port on 127.0.0.1; web/csp.js narrows connect-src to exactly it, so
// the browser does send the requests and CORS is what refuses them). That
// server sends CORS headers for the CSV and some images but not for others,
// resets the connection for one image and drops another one mid-answer. Each
// image gets its own specific reason naming its URL; the rest still loads.
// Then metadata on a server without any CORS header, and on one that resets.
"use strict";
const fs = require("fs");
const http = require("http");
const path = require("path");
const h = require("./harness");

const HEADER = "image_name,patient_id,sex,age_approx,anatom_site_general_challenge,diagnosis,benign_malignant,target\n";
const row = (name) => `${name},IP_NET,female,45.0,torso,unknown,benign,0\n`;
const OK = "ISIC_0015719", NO_CORS = "ISIC_0052212", RESET = "ISIC_0068279", DROPPED = "ISIC_0074311", ABSENT = "ISIC_0000404";

// /d/train.csv (with CORS) and /d/images/<name>.jpg (real files), each image
// name with its own misbehaviour; /nocors/train.csv without any CORS header;
// /reset/train.csv resets the connection. Every request path is recorded.
function startDataServer() {
  const hits = [];
  const images = path.join(h.SHARED, "isic2020", "images");
  const csv = HEADER + [OK, NO_CORS, RESET, DROPPED, ABSENT].map(row).join("");
  const server = http.createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url, "http://x").pathname);
    hits.push(url);
    const cors = { "Access-Control-Allow-Origin": "*", "Cache-Control": "no-cache" };
    if (url.includes(RESET) || url.startsWith("/reset/")) { req.socket.destroy(); return; }
    if (url === "/d/train.csv") { res.writeHead(200, { ...cors, "Content-Type": "text/csv" }); res.end(csv); return; }
    if (url === "/nocors/train.csv") { res.writeHead(200, { "Content-Type": "text/csv" }); res.end(csv); return; }
    const m = /^\/d\/images\/(ISIC_\d+)\.jpg$/.exec(url);
    const file = m && path.join(images, m[1] + ".jpg");
    const headers = url.includes(NO_CORS) ? { "Cache-Control": "no-cache" } : cors;
    if (!file || !fs.existsSync(file)) { res.writeHead(404, { ...headers, "Content-Type": "text/plain" }); res.end("not found"); return; }
    const data = fs.readFileSync(file);
    res.writeHead(200, { ...headers, "Content-Type": "image/jpeg", "Content-Length": data.length });
    if (url.includes(DROPPED)) { res.write(data.subarray(0, data.length >> 1), () => req.socket.destroy()); return; }
    res.end(data);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    const port = server.address().port;
    resolve({ url: `http://127.0.0.1:${port}/`, origin: `http://127.0.0.1:${port}`, hits,
              close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) });
  }));
}

h.run("images_cors", async ({ server, browser }) => {
  const data = await startDataServer();
  try {
    const page = await browser.newPage();
    // The browser logs each refused or failed request as a console error; those
    // are expected here. Anything else (a page error, another console error) fails.
    const expected = /blocked by CORS policy|Failed to load resource|net::ERR_(FAILED|CONNECTION_RESET|EMPTY_RESPONSE|CONTENT_LENGTH_MISMATCH|INCOMPLETE_CHUNKED_ENCODING)/;
    const watch = h.watchErrors(page, expected);
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI));
    });

    let s = await h.openApp(page, server.url, "?data=" + data.url + "d/train.csv#patient=IP_NET");
    s = await h.waitState(page, (st) => st.view.patient === "IP_NET" && st.images.total === 5 && st.images.loading === 0,
                          "IP_NET's images", 60000);
    const csp = await page.evaluate(() => ({ origin: window.ducklingDataOrigin, violations: window.__cspViolations }));
    h.assert(csp.origin === data.origin, "csp.js allows the data origin: " + csp.origin);
    h.assert(csp.violations.length === 0, "no CSP violation (CORS, not CSP, refuses): " + JSON.stringify(csp.violations));
    const tiles = Object.fromEntries(s.view.tiles.map((t) => [t.image_name, t.status]));
    const why = s.images.errors;
    const imageUrl = (n) => data.url + "d/images/" + n + ".jpg";
    h.assert(tiles[OK] === "ready", "the image served with CORS headers loads: " + JSON.stringify(s.images));
    for (const n of [NO_CORS, RESET, DROPPED, ABSENT]) h.assert(tiles[n] === "missing", n + " is missing: " + tiles[n]);
    h.assert(/blocked by CORS \(the server answered without an Access-Control-Allow-Origin header/.test(why[NO_CORS]) &&
             why[NO_CORS].includes(imageUrl(NO_CORS)), "CORS reason naming the URL: " + why[NO_CORS]);
    h.assert(data.hits.includes("/d/images/" + NO_CORS + ".jpg"), "the refused request did reach the server (CORS, not CSP)");
    h.assert(/^network error \(no answer/.test(why[RESET]) && why[RESET].includes(imageUrl(RESET)) && !/CORS/.test(why[RESET]),
             "network-error reason naming the URL: " + why[RESET]);
    h.assert(/connection dropped while reading the answer/.test(why[DROPPED]) && why[DROPPED].includes(imageUrl(DROPPED)),
             "dropped-connection reason naming the URL: " + why[DROPPED]);
    h.assert(/HTTP 404/.test(why[ABSENT]) && !/CORS|network/.test(why[ABSENT]), "404 stays a 404: " + why[ABSENT]);
    console.log("reasons:\n  " + [NO_CORS, RESET, DROPPED, ABSENT].map((n) => n + ": " + why[n].slice(0, 220)).join("\n  "));
    await h.screenshot(page, "images_cors");

    // Metadata from a server without CORS headers, then from one that resets.
    s = await h.openApp(page, server.url, "?data=" + data.url + "nocors/train.csv");
    h.assert(s.dataset.lesions === 0 && /^blocked by CORS/.test(s.dataset.error) && s.dataset.error.includes(data.url + "nocors/train.csv"),
             "the CSV's CORS refusal is named: " + s.dataset.error);
    s = await h.openApp(page, server.url, "?data=" + data.url + "reset/train.csv");
    h.assert(/^network error/.test(s.dataset.error) && s.dataset.error.includes(data.url + "reset/train.csv"),
             "the CSV's network error is named: " + s.dataset.error);
    watch.check();
  } finally {
    await data.close();
  }
});
