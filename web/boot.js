// boot.js - boots the wasm app: feature checks (WebAssembly SIMD, WebGL 2),
// download with a progress bar, compile, start; shows a visible error box for
// anything that stops it (missing feature, failed download, abort, lost WebGL
// context). Defines the read-only test hook window.duckling.state().
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const canvas = $("canvas"), overlay = $("overlay"), progress = $("progress"), statusText = $("status");
  let failed = false;
  // Exported functions exist on Module before the wasm instance is ready; calling
  // one earlier throws inside the glue, so every call below waits for this flag.
  let runtimeReady = false;

  function showError(message) {
    if (failed) return;
    failed = true;
    $("error-text").textContent = String(message);
    $("error").hidden = false;
    overlay.hidden = true;
    console.warn("duckling: " + message);
  }

  function setStatus(text, fraction) {
    statusText.textContent = text;
    if (fraction === undefined) progress.removeAttribute("value");
    else progress.value = Math.max(0, Math.min(1, fraction));
  }

  // --- feature checks (before downloading megabytes) -------------------------
  // Smallest module using v128 (i8x16.splat + i8x16.popcnt): validates only with SIMD.
  const simdProbe = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0,
                                    10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);
  function missingFeature() {
    if (typeof WebAssembly !== "object") return "This browser has no WebAssembly.";
    try {
      if (!WebAssembly.validate(simdProbe)) return "This browser's WebAssembly has no SIMD (128-bit) support.";
    } catch (e) {
      return "WebAssembly SIMD check failed: " + e;
    }
    const probe = document.createElement("canvas").getContext("webgl2");
    if (!probe) return "WebGL 2 is not available (disabled, blocklisted GPU, or an old browser).";
    const lose = probe.getExtension("WEBGL_lose_context");
    if (lose) lose.loseContext();  // free the probe context right away
    return null;
  }

  // --- download with progress, then compile ----------------------------------
  async function fetchWithProgress(url) {
    const r = await fetch(url);
    if (!r.ok) throw new Error("cannot download " + url + ": HTTP " + r.status);
    const total = Number(r.headers.get("Content-Length")) || 0;
    if (!r.body || !total) return new Uint8Array(await r.arrayBuffer());
    const reader = r.body.getReader(), bytes = new Uint8Array(total);
    let got = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (got + value.length > total) throw new Error("download of " + url + " is larger than announced");
      bytes.set(value, got);
      got += value.length;
      setStatus("Downloading the app... " + (got / 1048576).toFixed(1) + " / " + (total / 1048576).toFixed(1) + " MB", 0.9 * got / total);
    }
    return got === total ? bytes : bytes.subarray(0, got);
  }

  const Module = {
    canvas: canvas,
    print: (t) => console.log(t),
    // stderr of the C++ side is diagnostics (bad input etc.), not a page error.
    printErr: (t) => console.warn(t),
    setStatus: (t) => { if (t) setStatus(t); },
    instantiateWasm(imports, done) {
      fetchWithProgress("duckling.wasm")
        .then((bytes) => {
          setStatus("Compiling...", 0.95);
          return WebAssembly.instantiate(bytes, imports);
        })
        .then((r) => done(r.instance, r.module))
        .catch((e) => showError("Could not load the app: " + (e && e.message ? e.message : e)));
      return {};
    },
    onRuntimeInitialized() { runtimeReady = true; },
    onAbort: (what) => showError("The app stopped: " + what),
    duckFail: (message) => showError(message),
    duckStarted() {
      setStatus("Ready", 1);
      overlay.hidden = true;
      canvas.focus();
    },
  };
  window.Module = Module;

  // --- read-only test/automation hook -----------------------------------------
  window.duckling = Object.freeze({
    state() {
      if (failed || !runtimeReady || typeof Module._duck_state_json !== "function") return { ready: false, failed: failed };
      return JSON.parse(Module.UTF8ToString(Module._duck_state_json()));
    },
  });

  // --- wake the render-on-demand loop on any input the app may care about -----
  const wake = () => { if (runtimeReady && typeof Module._duck_wake === "function") Module._duck_wake(); };
  for (const ev of ["pointerdown", "pointermove", "pointerup", "mousedown", "mousemove", "mouseup", "wheel",
                    "keydown", "keyup", "touchstart", "touchmove", "touchend", "resize", "focus", "blur"]) {
    window.addEventListener(ev, wake, { capture: true, passive: true });
  }
  document.addEventListener("visibilitychange", wake);
  canvas.addEventListener("contextmenu", (e) => e.preventDefault());
  canvas.addEventListener("webglcontextlost", (e) => {
    e.preventDefault();
    showError("The graphics context (WebGL) was lost, e.g. after a GPU reset or too many open tabs. Reload the page to continue.");
  });
  window.addEventListener("error", (e) => showError("Script error: " + (e.message || e)));
  window.addEventListener("unhandledrejection", (e) => showError("Unexpected error: " + (e.reason && e.reason.message ? e.reason.message : e.reason)));

  const missing = missingFeature();
  if (missing) {
    showError(missing);
    return;
  }
  setStatus("Downloading the app...", 0);
  const script = document.createElement("script");
  script.src = "duckling.js";
  script.onerror = () => showError("Could not load duckling.js (is the site complete?)");
  document.body.appendChild(script);
})();
