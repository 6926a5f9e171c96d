// shell.h - owns the window, the GL context, Dear ImGui and the frame. Both
// entry points (native_main.cpp, web_main.cpp) drive it; only they know how the
// loop is scheduled (blocking wait natively, requestAnimationFrame on the web).
#pragma once
#include <memory>

#include "app/app.h"
#include "app/app_controller.h"

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
    // `controller` does the app's work each iteration; both outlive the shell's use.
    bool init(App& app, AppController& controller, const ShellOptions& opts);
    // One loop iteration: waits up to `wait_ms` for an event when idle (0 = never
    // wait), handles events, runs the controller's tick, renders if something
    // changed. Returns true when a frame was rendered.
    bool iterate(int wait_ms);
    // One loading turn of the controller into this shell's textures (the web page
    // runs these between frames). True while work is left.
    bool pump_loading();
    void shutdown();
    int frames_rendered() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace duck::platform
