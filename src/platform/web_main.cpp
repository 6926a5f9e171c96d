// web_main.cpp - the browser entry point: runs the shell from
// requestAnimationFrame (it only renders when something changed) and exports
// the read-only state() hook used by window.duckling (web/duckling.js).
#include <emscripten.h>

#include <string>

#include "app/app.h"
#include "app/app_load.h"
#include "platform/platform.h"
#include "platform/shell.h"

namespace {
duck::App g_app;
duck::platform::Shell g_shell;
std::string g_state;

void frame() { g_shell.iterate(0); }
}  // namespace

// JSON snapshot for window.duckling.state(); valid until the next call.
extern "C" EMSCRIPTEN_KEEPALIVE const char* duck_state_json() {
    g_state = duck::app_state_json(g_app);
    return g_state.c_str();
}

// Asks for a redraw (the page calls it on events SDL does not see, e.g. visibility).
extern "C" EMSCRIPTEN_KEEPALIVE void duck_request_redraw() { g_app.request_redraw(); }

int main() {
    if (!g_shell.init(g_app, {})) {
        EM_ASM({ if (Module.duckFail) Module.duckFail("Could not start: WebGL2 context or SDL initialisation failed."); });
        return 1;
    }
    duck::start_initial_load(g_app, /*web=*/true);
    EM_ASM({ if (Module.duckStarted) Module.duckStarted(); });
    emscripten_set_main_loop(frame, 0, true);
    return 0;
}
