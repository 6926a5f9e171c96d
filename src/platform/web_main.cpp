// web_main.cpp - the browser entry point: runs the shell from
// requestAnimationFrame, rendering only when something changed, and pauses the
// loop entirely after a second of idleness (idle CPU ~0); web/boot.js wakes it
// on input, fetch completions wake it too. Exports the state() hook.
#include <emscripten.h>

#include <string>

#include "app/app.h"
#include "app/app_load.h"
#include "platform/platform.h"
#include "platform/shell.h"

namespace {
// The browser forces these to file scope: emscripten_set_main_loop's frame and
// the C exports the page calls (duck_pump, duck_wake, the state() hook) take no
// context argument. They live as long as the page.
duck::App g_app;
duck::AppController g_controller(g_app);
duck::platform::Shell g_shell;
std::string g_state;
int g_idle_frames = 0;
bool g_paused = false;
// Loop iterations without a rendered frame before the loop pauses (~1 s at 60 Hz).
constexpr int kIdleFramesBeforePause = 60;

void frame() {
    if (g_shell.iterate(0) || duck::platform::pending_fetches() > 0 || !g_app.ready) {
        g_idle_frames = 0;
        return;
    }
    if (++g_idle_frames >= kIdleFramesBeforePause) {
        g_paused = true;
        emscripten_pause_main_loop();
    }
}
}  // namespace

// JSON snapshot for window.duckling.state(); valid until the next call.
extern "C" EMSCRIPTEN_KEEPALIVE const char* duck_state_json() {
    g_state = duck::app_state_json(g_app);
    return g_state.c_str();
}

// Resumes the paused loop: the page calls it on input, resize and visibility
// changes, web_services on fetch completion. Cheap when already running.
extern "C" EMSCRIPTEN_KEEPALIVE void duck_wake() {
    g_idle_frames = 0;
    if (g_paused) {
        g_paused = false;
        g_app.request_redraw(1);
        emscripten_resume_main_loop();
    }
}

// One turn of loading between frames (AppController::pump_loading): web_image_io.cpp's
// bridge runs it as soon as a decoder answers, and again while it returns 1, so
// results, new requests and the model do not wait for the next frame.
extern "C" EMSCRIPTEN_KEEPALIVE int duck_pump() {
    const bool more = g_shell.pump_loading();
    if (g_app.redraw_frames > 0) duck_wake();  // new pixels or scores to draw
    return more ? 1 : 0;
}

// Forces a redraw (e.g. after the page changed something the app cannot see).
extern "C" EMSCRIPTEN_KEEPALIVE void duck_request_redraw() {
    g_app.request_redraw();
    duck_wake();
}

int main() {
    if (!g_shell.init(g_app, g_controller, {})) {
        EM_ASM({ if (Module.duckFail) Module.duckFail("Could not start: WebGL2 context or SDL initialisation failed."); });
        return 1;
    }
    g_controller.start(/*web=*/true);
    EM_ASM({ if (Module.duckStarted) Module.duckStarted(); });
    emscripten_set_main_loop(frame, 0, true);
    return 0;
}
