// csp.js - narrows the page's Content-Security-Policy to the one data origin this
// session may talk to. Loaded first in <head>, before any other script.
//
// Why: a <meta> CSP cannot depend on the query string, so index.html's static
// policy has to allow `connect-src 'self' https: http:` for `?data=` links to
// other servers. A page may carry several policies and the browser enforces all
// of them (each can only take permissions away), so this script adds a second
// policy with `connect-src 'self' <origin of ?data=>`: after it runs, fetch/XHR/
// WebSocket to any other origin is blocked. A `?data=` value that is not an
// http(s) URL (javascript:, data:, credentials, garbage) adds nothing: connect-src
// is then 'self' only, and the app reports the bad link. If this script does not
// run at all, the static policy still confines the page to http(s) and its own
// scripts.
"use strict";
(function () {
  let origin = null;
  try {
    // The first "data=" parameter, percent-decoded with '+' kept as '+', exactly as
    // the app's own parser (core/base/url_codec.cpp query_param) reads it.
    let raw = null;
    for (const part of window.location.search.replace(/^\?/, "").split("&")) {
      const eq = part.indexOf("=");
      if ((eq < 0 ? part : part.slice(0, eq)) === "data") {
        raw = decodeURIComponent(eq < 0 ? "" : part.slice(eq + 1));
        break;
      }
    }
    if (raw !== null && raw.length <= 2048 && !/[\u0000-\u0020\u007f\\<>"'`]/.test(raw) && !raw.startsWith("//")) {
      const url = new URL(raw, window.location.href);
      if ((url.protocol === "https:" || url.protocol === "http:") && !url.username && !url.password && url.host) {
        origin = url.origin;
      }
    }
  } catch (e) {
    origin = null;  // unparsable: same-origin only
  }
  // A serialized origin is scheme://host[:port]; refuse anything else rather than
  // write it into a policy (a ';' or space would change the directive list).
  if (origin !== null && (origin === window.location.origin || !/^https?:\/\/[A-Za-z0-9.\-[\]:]+$/.test(origin))) {
    origin = null;
  }
  const meta = document.createElement("meta");
  meta.httpEquiv = "Content-Security-Policy";
  meta.content = "connect-src 'self'" + (origin ? " " + origin : "");
  document.head.appendChild(meta);
  // For the app and tests: the origin the page may fetch data from besides its own.
  window.ducklingDataOrigin = origin || window.location.origin;
})();
