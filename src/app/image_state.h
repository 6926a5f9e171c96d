// image_state.h - what the image loader tells the rest of the app (App::images):
// progress of the current patient's images for the status bar, the reason of
// every failed image for its placeholder, and the analysis-size pixels the
// model scores. Written only by app/image_loader.cpp.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/image/image.h"

namespace duck {

struct ImageState {
    // Current patient: lesions, finished (ready or failed), failed, in flight.
    int total = 0, done = 0, failed = 0, loading = 0;
    bool cancelled = false;         // loading stopped (Esc / button, or stopped_why); resumes on the next patient
    // Why the loader stopped by itself (empty: it did not, or the user did): the
    // patient's first images were under none of the source's layouts (image_loader.h).
    std::string stopped_why;
    bool cancel_requested = false;  // set by the UI, taken by the loader
    bool retry_requested = false;   // set by the UI: load the current patient again
    int decoded = 0, cached = 0;    // images decoded since start / served from the persistent cache
    std::map<uint32_t, std::string> errors;  // lesion -> why it is missing / corrupt / too large
    // Analysis-size RGBA (core kAnalysisSide) of the current patient's lesions, for
    // the model; `analysis_version` grows whenever an entry is added or the map is cleared.
    std::map<uint32_t, ImageRGBA> analysis;
    uint64_t analysis_version = 0;
    // Lesions of other patients whose thumbnails are shown too (the viewer's
    // similar-lesion strip sets them): the loader requests the pending ones after
    // the current patient's. They are not part of the progress above.
    std::vector<uint32_t> extra_thumbs;
    double last_ms = 0;  // wall time of the last patient's images (first request -> last result)
};

struct App;
// The "images" section of state(): progress, texture use and the current
// patient's failure reasons by image name (app_images_json.cpp).
std::string images_state_json(const App& app);

}  // namespace duck
