// shell.h - owns the window, the GL context, Dear ImGui and the frame. Both
// entry points (native_main.cpp, web_main.cpp) drive it; only they know how the
// loop is scheduled (blocking wait natively, requestAnimationFrame on the web).
#pragma once
#include <memory>

#include "app/app.h"

namespace duck::platform {

struct ShellOptions {
    int width = 1280, height = 800;  // initial window size (native; the web canvas follows the page)
    bool always_render = false;      // render every iteration (smoke tests: --frames N)
};

class Shell {
public:
    Shell();
    ~Shell();
    // Creates window, context and ImGui; false (with a logged message) on failure.
    bool init(App& app, const ShellOptions& opts);
    // One loop iteration: waits up to `wait_ms` for an event when idle (0 = never
    // wait), handles events and finished fetches, renders if something changed.
    // Returns true when a frame was rendered.
    bool iterate(int wait_ms);
    // One turn of loading (results taken up, requests started, model work), each
    // part within its time budget; no rendering. iterate() runs one too; the web
    // page also runs turns between frames. True while work is left.
    bool pump_loading();
    void shutdown();
    int frames_rendered() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace duck::platform
