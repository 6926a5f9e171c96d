// app_controller.cpp - the per-frame work in the order it must run (see
// app_controller.h): results first, so the loaders below see them.
#include "app/app_controller.h"

#include "app/app_load.h"
#include "app/app_model.h"
#include "app/app_share.h"
#include "platform/image_io.h"
#include "platform/platform.h"

namespace duck {

AppController::AppController(App& app, LoadingBudgets budgets, ImageLoaderOptions images)
    : app_(app), budgets_(budgets), images_(app, io_, images) {}

bool AppController::tick(double now, TextureSink& textures) {
    if (platform::poll(budgets_.deliver_ms) > 0) app_.request_redraw();  // before the loaders below look
    if (platform::url_change_pending()) app_.request_redraw();           // back/forward: share_tick applies it
    poll_opened_folder(app_, io_);  // a folder opened in the page (picker / drop)
    pump_metadata(app_);       // big CSVs are parsed a slice per frame (keeps redrawing)
    const bool busy = pump_loading(textures);
    share_tick(app_, now);  // deep links: apply waiting links, keep the URL in step
    return busy;
}

bool AppController::pump_loading(TextureSink& textures) {
    if (platform::poll(budgets_.deliver_ms) > 0) app_.request_redraw();
    images_.pump(textures);
    const bool index_busy = index_.tick(app_, images_, platform::now_seconds());  // before the model: its batch is scored now
    const auto analysis_of = [this](uint32_t li) -> const ImageRGBA* {
        const auto it = app_.images.analysis.find(li);
        return it == app_.images.analysis.end() ? nullptr : &it->second;
    };
    const uint64_t scores_version = app_.model.version();
    const double t0 = platform::now_seconds();
    const bool model_busy = model_tick(app_, analysis_of, budgets_.model_ms);
    if (app_.model.version() != scores_version) index_.scored(platform::now_seconds() - t0, app_.indexing);
    size_t waiting = textures.pending();
    if (waiting > 0) {
        waiting = textures.flush(budgets_.upload_ms);
        app_.request_redraw(1);  // the new textures are drawn in the next frame
    }
    app_.texture_uploads_pending = waiting;
    return model_busy || index_busy || platform::results_waiting() > 0 || waiting > 0;
}

void AppController::start(bool web) { start_initial_load(app_, io_, web); }

}  // namespace duck
