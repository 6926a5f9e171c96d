// test_security.js - page security: the Content-Security-Policy of
// index.html and its narrowing to the ?data= origin by web/csp.js, http(s)-only
// ?data=, nothing from a URL or a file ever inserted as HTML, and every network
// request of a session staying on the page's and the data's origin.
"use strict";
const fs = require("fs");
const path = require("path");
const h = require("./harness");
const hh = require("./hardening_util");

// Directive name -> list of sources, from a policy string.
function parsePolicy(text) {
  const out = {};
  for (const part of text.split(";")) {
    const words = part.trim().split(/\s+/).filter(Boolean);
    if (words.length) out[words[0].toLowerCase()] = words.slice(1);
  }
  return out;
}

function staticAudit() {
  const html = fs.readFileSync(path.join(h.ROOT, "index.html"), "utf8");
  const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
  h.assert(m, "index.html has a CSP <meta>");
  const p = parsePolicy(m[1]);
  const all = Object.values(p).flat();
  h.assert(!all.includes("'unsafe-inline'") && !all.includes("'unsafe-eval'") && !all.includes("*"),
           "no 'unsafe-inline', 'unsafe-eval' or '*' anywhere: " + m[1]);
  h.assert(p["default-src"] && p["default-src"].every((s) => s === "'self'" || s === "'none'"), "default-src is 'self'/'none'");
  h.assert(JSON.stringify(p["script-src"]) === JSON.stringify(["'self'", "'wasm-unsafe-eval'"]),
           "script-src is exactly 'self' 'wasm-unsafe-eval': " + p["script-src"]);
  h.assert(JSON.stringify(p["object-src"]) === "[\"'none'\"]" && JSON.stringify(p["base-uri"]) === "[\"'none'\"]",
           "object-src and base-uri are 'none'");
  // Only scheme sources (for ?data= on another server; narrowed by web/csp.js) and own origin.
  for (const [dir, srcs] of Object.entries(p))
    for (const s of srcs)
      h.assert(/^'[a-z-]+'$/.test(s) || /^(https?|data|blob):$/.test(s), `no third-party origin in ${dir}: ${s}`);
  // No inline script, inline style or event-handler attributes; csp.js runs first.
  h.assert(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(html), "no inline <script>");
  h.assert(!/<style[\s>]/i.test(html) && !/\sstyle\s*=/i.test(html), "no inline styles");
  h.assert(!/\son[a-z]+\s*=/i.test(html), "no on*= handler attributes");
  const scripts = [...html.matchAll(/<script[^>]*\bsrc="([^"]+)"/gi)].map((x) => x[1]);
  h.assert(scripts[0] === "web/csp.js" && html.indexOf('src="web/csp.js"') < html.indexOf("</head>"),
           "web/csp.js is the first script, in <head>: " + scripts.join(", "));
  // Page scripts never build HTML from strings.
  for (const f of fs.readdirSync(path.join(h.ROOT, "web")).filter((n) => n.endsWith(".js"))) {
    const src = fs.readFileSync(path.join(h.ROOT, "web", f), "utf8");
    const bad = /\.(innerHTML|outerHTML)\s*[+]?=|insertAdjacentHTML|document\.write|\beval\s*\(|new\s+Function\s*\(|createContextualFragment|setTimeout\s*\(\s*["'`]/.exec(src);
    h.assert(!bad, `web/${f} must not write HTML or eval strings (found "${bad && bad[0]}")`);
  }
}

h.run("security", async ({ server, browser }) => {
  staticAudit();
  const demo = path.join(h.SITE, "demo");
  h.assert(fs.existsSync(path.join(demo, "train.csv")), "the site has demo data (build/site/demo)");
  const data = await hh.startCorsServer(demo);       // the dataset's own server
  const third = await hh.startCorsServer(demo);      // must never be contacted
  const siteOrigin = new URL(server.url).origin;
  try {
    const page = await browser.newPage();
    const watch = h.watchErrors(page);
    const dialogs = hh.recordDialogs(page);
    const requests = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
    });

    // A session on data from another origin: load, browse a few patients and lesions.
    const s0 = await hh.openApp(page, server.url, "?data=" + data.url);
    const loaded = await h.waitState(page, (s) => !s.dataset.loading && s.dataset.lesions > 0, "the ?data= dataset to load", 60000);
    h.assert(loaded.dataset.source !== "demo", "dataset came from ?data=: " + loaded.dataset.source);
    await page.evaluate(() => document.getElementById("canvas").focus());
    for (const key of ["j", "j", "Enter", "ArrowRight", "Escape", "j", "k", "o", "g"]) {
      await page.keyboard.press(key);
      await page.waitForTimeout(150);
    }
    await page.waitForTimeout(1500);
    h.assert(data.hits.some((u) => u.endsWith(".csv")), "the metadata came from the data origin: " + data.hits.slice(0, 5));
    console.log(`data origin served ${data.hits.length} requests (${data.hits.filter((u) => /\.(jpg|dcm)$/i.test(u)).length} images)`);
    const outside = requests.filter((u) => !/^(data|blob):/.test(u) && ![siteOrigin, data.origin].includes(new URL(u).origin));
    h.assert(outside.length === 0, "requests outside the page's and the data's origin: " + outside.join(", "));
    h.assert((await page.evaluate(() => window.ducklingDataOrigin)) === data.origin, "csp.js allowed exactly the data origin");
    h.assert((await page.evaluate(() => window.__violations)).length === 0,
             "no CSP violations in a normal session: " + (await page.evaluate(() => window.__violations)));

    // The narrowed policy blocks any other origin, even from the page's own script.
    const probe = await page.evaluate((u) => fetch(u).then(() => "fetched", (e) => "blocked: " + e), third.url + "train.csv");
    h.assert(probe.startsWith("blocked") && third.hits.length === 0, "fetch to a third origin is blocked: " + probe);
    h.assert((await page.evaluate(() => window.__violations)).some((v) => v.startsWith("connect-src")),
             "the block is a connect-src violation");
    watch.errors.length = 0;  // the probe's console error is expected

    // ?data= accepts only http(s): hostile values load nothing and contact nobody.
    for (const bad of ["javascript:alert(1)", "data:text/csv,image_name%0AISIC_1", "file:///etc/passwd",
                       "//" + new URL(third.url).host + "/", "http://user:pw@" + new URL(third.url).host + "/",
                       "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"]) {
      const requests = [];  // this page's own (the first page may still be loading images)
      const p2 = await browser.newPage();
      const d2 = hh.recordDialogs(p2);
      p2.on("request", (r) => requests.push(r.url()));
      await p2.goto(server.url + "?data=" + bad + "#patient=%3Cimg%20src%3Dx%20onerror%3Dalert(2)%3E", { waitUntil: "load" });
      await p2.bringToFront();
      const st = await hh.settle(p2);
      const told = JSON.stringify(st.dataset || {}) + JSON.stringify(st.ui || {});
      h.assert(st.dataset && (st.dataset.error || st.dataset.problems.length > 0), "?data=" + bad + " is reported: " + told.slice(0, 300));
      const elsewhere = requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== siteOrigin);
      h.assert(elsewhere.length === 0, "?data=" + bad + " contacted " + elsewhere.join(", "));
      const injected = await p2.evaluate(() => document.querySelectorAll("img, iframe, object, embed").length);
      h.assert(injected === 0 && d2.length === 0, "nothing from the URL became HTML (elements " + injected + ", dialogs " + d2 + ")");
      await p2.close();
    }
    h.assert(third.hits.length === 0, "the third-party server was never contacted: " + third.hits);
    h.assert(dialogs.length === 0, "no dialogs: " + dialogs);
    watch.check();
  } finally {
    await data.close();
    await third.close();
  }
});
