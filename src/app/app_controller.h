// app_controller.h - the one owner of the application's per-frame work: the
// platform services' state (platform::Services: fetches in flight, start-up
// parameters, the clipboard hook), the image service's state (platform::ImageIo: decodes in flight, folders the page
// opened), the image loader, the page's folder opening and the metadata parse
// slices, the background index, the model's scoring turns and the deep-link / URL sync. The shell handles events,
// calls tick() once per loop iteration, then renders; the web page also runs
// pump_loading() between frames when a decoder answers.
#pragma once

#include "app/app.h"
#include "app/image_loader.h"
#include "app/index_builder.h"
#include "platform/platform.h"

namespace duck {

// Time budgets of one loading turn. Each part stops at its budget (after one
// item at least), so a turn never holds a frame up for long.
struct LoadingBudgets {
    double deliver_ms = 4.0;  // finished fetches and decoded images taken up
    double model_ms = 4.0;    // the model's feature work
    double upload_ms = 4.0;   // texture uploads (TextureSink::flush), apart from the two above
};

class AppController {
public:
    explicit AppController(App& app, LoadingBudgets budgets = {}, ImageLoaderOptions images = {});
    AppController(const AppController&) = delete;
    AppController& operator=(const AppController&) = delete;

    // One loop iteration's work, before rendering: finished fetches, a folder
    // opened in the page, a slice of a big CSV, one loading turn, then links and
    // the URL (applied links, back/forward, the address bar kept in step). Asks
    // App for redraws where something changed. True while loading work is left
    // (the loop keeps turning without forcing frames).
    bool tick(double now, TextureSink& textures);
    // One loading turn: results taken up, requests started, the model's work,
    // waiting textures uploaded, each within its budget; no rendering.
    bool pump_loading(TextureSink& textures);
    // Loads the start-up source (app_load.h start_initial_load) with this
    // controller's image service; once, after the shell is up.
    void start(bool web);

private:
    App& app_;
    LoadingBudgets budgets_;
    platform::Services services_;  // fetches in flight, start-up parameters, clipboard (first: it outlives all below)
    platform::ImageIo io_;  // decodes in flight, folders opened in the page (before the loader: it outlives it)
    ImageLoader images_;
    IndexBuilder index_;  // the background index of every lesion (after the loader: it reads its URL candidates)
};

}  // namespace duck
