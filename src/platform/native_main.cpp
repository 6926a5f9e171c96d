// native_main.cpp - the desktop app's entry point: parses the command line,
// then runs the shell in a loop that sleeps in SDL_WaitEventTimeout when idle.
//   duckling [--data DIR] [--frames N] [--state] [--time-open]
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
                 "usage: duckling [--data DIR] [--frames N] [--state] [--time-open]\n"
                 "  --data DIR   open an ISIC 2020 folder (train.csv + images)\n"
                 "  --frames N   render N frames, then exit (smoke tests)\n"
                 "  --state      print the state() JSON on exit\n"
                 "  --time-open  exit once the first patient is filled and scored, printing\n"
                 "               {\"first_patient_ready_ms\",\"lesions\"} (benchmarks)\n");
}

// The current patient is on screen complete: every lesion's image (or its
// failure) decoded and its texture uploaded, every score known.
bool filled_and_scored(const duck::App& app) {
    const auto& ds = app.dataset;
    if (app.view.patient >= ds.patients.size() || app.texture_uploads_pending > 0 || app.frames == 0) return false;
    const auto& scores = app.model.scores();
    for (uint32_t li : ds.patients[app.view.patient].lesions) {
        const duck::ImageStatus st = li < app.image_status.size() ? app.image_status[li] : duck::ImageStatus::Pending;
        if (st == duck::ImageStatus::Pending || st == duck::ImageStatus::Loading) return false;
        if (li >= scores.size() || scores[li].status == "pending") return false;
    }
    return true;
}
}  // namespace

int main(int argc, char** argv) {
    const double start = duck::platform::now_seconds();  // --time-open counts from here
    int max_frames = 0;
    bool print_state = false, time_open = false;
    std::string data;  // --data DIR, recorded once the controller's services are alive
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--data" && i + 1 < argc) {
            data = argv[++i];
        } else if (a == "--frames" && i + 1 < argc) {
            max_frames = std::atoi(argv[++i]);
        } else if (a == "--state") {
            print_state = true;
        } else if (a == "--time-open") {
            time_open = true;
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
    duck::AppController controller(app);
    if (!data.empty()) duck::platform::set_startup_param("data", data);
    duck::platform::Shell shell;
    duck::platform::ShellOptions opts;
    opts.always_render = max_frames > 0;
    if (!shell.init(app, controller, opts)) return 1;
    controller.start(/*web=*/false);
    while (!app.quit) {
        shell.iterate(/*wait_ms=*/500);
        if (max_frames > 0 && shell.frames_rendered() >= max_frames) break;
        if (time_open && app.ready && filled_and_scored(app)) {
            const size_t n = app.dataset.patients[app.view.patient].lesions.size();
            std::printf("{\"first_patient_ready_ms\":%.1f,\"lesions\":%zu}\n",
                        (duck::platform::now_seconds() - start) * 1000.0, n);
            break;
        }
    }
    if (print_state) std::printf("%s\n", duck::app_state_json(app).c_str());
    shell.shutdown();
    return 0;
}
