// app_images_json.cpp - the "images" section of window.duckling.state(): what
// the e2e tests and the status bar need to know about lesion images.
#include <nlohmann/json.hpp>

#include "app/app.h"

namespace duck {

std::string images_state_json(const App& app) {
    const ImageState& st = app.images;
    nlohmann::json errors = nlohmann::json::object();
    for (const auto& [lesion, why] : st.errors)
        if (lesion < app.dataset.lesions.size()) errors[app.dataset.lesions[lesion].image_name] = why;
    const nlohmann::json j = {{"total", st.total},           {"done", st.done},
                              {"failed", st.failed},         {"loading", st.loading},
                              {"cancelled", st.cancelled},   {"stopped_why", st.stopped_why},
                              {"decoded", st.decoded},
                              {"cached", st.cached},         {"analysis", st.analysis.size()},
                              {"last_ms", st.last_ms},       {"textures", app.texture_count},
                              {"texture_bytes", app.texture_bytes}, {"errors", errors},
                              {"pending_uploads", app.texture_uploads_pending}};
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace duck
