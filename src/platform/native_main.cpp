// native_main.cpp - the desktop app's entry point: parses the command line,
// then runs the shell in a loop that sleeps in SDL_WaitEventTimeout when idle.
//   duckling [--data DIR] [--frames N] [--state]
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "app/app.h"
#include "app/app_load.h"
#include "platform/platform.h"
#include "platform/shell.h"

namespace {
void usage() {
    std::fprintf(stderr,
                 "usage: duckling [--data DIR] [--frames N] [--state]\n"
                 "  --data DIR   open an ISIC 2020 folder (train.csv + images)\n"
                 "  --frames N   render N frames, then exit (smoke tests)\n"
                 "  --state      print the state() JSON on exit\n");
}
}  // namespace

int main(int argc, char** argv) {
    int max_frames = 0;
    bool print_state = false;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--data" && i + 1 < argc) {
            duck::platform::set_startup_param("data", argv[++i]);
        } else if (a == "--frames" && i + 1 < argc) {
            max_frames = std::atoi(argv[++i]);
        } else if (a == "--state") {
            print_state = true;
        } else if (a == "-h" || a == "--help") {
            usage();
            return 0;
        } else {
            std::fprintf(stderr, "duckling: unknown argument '%s'\n", a.c_str());
            usage();
            return 2;
        }
    }
    duck::App app;
    duck::platform::Shell shell;
    duck::platform::ShellOptions opts;
    opts.always_render = max_frames > 0;
    if (!shell.init(app, opts)) return 1;
    duck::start_initial_load(app, /*web=*/false);
    while (!app.quit) {
        shell.iterate(/*wait_ms=*/500);
        if (max_frames > 0 && shell.frames_rendered() >= max_frames) break;
    }
    if (print_state) std::printf("%s\n", duck::app_state_json(app).c_str());
    shell.shutdown();
    return 0;
}
