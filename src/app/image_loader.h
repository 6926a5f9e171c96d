// image_loader.h - brings the current patient's lesion images onto the screen:
// asks the platform to read + decode each image off the frame loop
// (platform/image_io.h: Web Workers in the browser, one image per poll()
// natively), uploads the thumbnail ("thumb:<name>") and, for the viewer's lesion
// only, the capped full-size image ("full:<name>"), and keeps App::image_status
// and App::images (progress, reasons, analysis pixels for the model) in step.
//
// Where images are looked for: an opened folder resolves names itself (any
// .jpg/.jpeg/.dcm anywhere in the tree); URL and demo sources try candidates
// under the base (train/, ./, jpeg/train/, images/, the ISIC archive folder,
// train/*.dcm) until one image is found; from then on the source's layout is
// known and only it is asked for, so a missing image costs one request, not one
// per layout (rows without files are common: a sample folder, measurements-only
// ISIC 2024 rows).
// A source none of whose images was found yet: when the first kProbeImages of a
// patient are all under none of the layouts, the rest of that patient is not
// asked for (a 500-lesion measurements-only patient would cost 3,000 failed
// requests); loading stops as if cancelled, the status bar says why, and Resume
// asks for every one of them. The next patient is probed again.
// GPU memory: thumbnails live in an LRU under a byte budget (the current
// patient's are never evicted); full-size textures exist only for the lesion
// viewer's lesion (compare mode: its two lesions).
#pragma once
#include <cstddef>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/texture_keys.h"
#include "core/image/image.h"
#include "platform/image_io.h"

namespace duck {

// Where decoded pixels go. The shell adapts its GL TextureCache to this (queued,
// uploaded within a time budget per loading turn and per frame); tests use a
// fake that takes them at once. Keys are thumb_key() / full_key()
// (app/texture_keys.h); the sink takes the pixels over.
class TextureSink {
public:
    virtual ~TextureSink() = default;
    virtual void upload(ImageRGBA image, const std::string& key) = 0;
    virtual void release(const std::string& key) = 0;
    // Images queued for upload, and uploading them oldest first until `budget_ms`
    // is spent (one at least); flush returns how many still wait.
    virtual size_t pending() const { return 0; }
    virtual size_t flush(double /*budget_ms*/) { return 0; }
};

// Images of a patient asked for before a source that never had one is taken to
// hold none of that patient's (above).
inline constexpr int kProbeImages = 16;

struct ImageLoaderOptions {
    int max_in_flight = 8;                       // requests handed to the platform at once
    size_t texture_budget = size_t(256) << 20;   // bytes of thumbnail + viewer textures
};

class ImageLoader {
public:
    // Requests go to `io` (request ids are its own, so the loader stays with the
    // one it was made with); `io` outlives the loader.
    ImageLoader(App& app, platform::ImageIo& io, ImageLoaderOptions opts = {});
    ~ImageLoader();
    ImageLoader(const ImageLoader&) = delete;
    ImageLoader& operator=(const ImageLoader&) = delete;

    // Notices dataset/patient/lesion changes and cancel/retry requests, and starts
    // requests. Results arrive through platform::poll(). Returns busy().
    bool pump(TextureSink& sink);
    bool busy() const { return !active_.empty() || !queue_.empty(); }

    // Where `name` is asked for, in order: every layout under the source's base
    // until one image was found there, then that layout only; empty for an opened
    // folder (the platform resolves names in it).
    std::vector<std::string> candidates(const std::string& name) const;

    // The model's analysis-size image of a lesion of the current patient (also in
    // App::images.analysis); null when not decoded yet.
    const ImageRGBA* analysis(uint32_t lesion) const;
    size_t texture_bytes() const { return thumb_bytes_ + full_bytes(); }
    // The URLs an image is looked for at, `name` standing for the image name
    // (empty for an opened folder: the platform resolves names there).
    std::vector<std::string> url_candidates(const std::string& name) const { return candidates(name); }

private:
    struct Job {
        uint32_t lesion = 0;
        bool full = false;  // also make the viewer image
    };

    void reset(TextureSink& sink);
    void plan(TextureSink& sink);
    void plan_extra_thumbs();
    void cancel_all(bool keep_state);
    void start();
    void on_result(const Job& job, platform::DecodedImage r);
    void touch_thumb(const std::string& name);
    void evict();
    void update_progress();
    void fail(uint32_t lesion, ImageStatus status, const std::string& why);

    App& app_;
    platform::ImageIo& io_;
    ImageLoaderOptions opts_;
    TextureSink* sink_ = nullptr;  // the last pump()'s sink; results arrive between pumps
    std::shared_ptr<int> alive_;  // callbacks check it (the loader may be gone)
    uint64_t generation_ = 0;     // bumped on every reset; stale callbacks are dropped
    uint64_t data_generation_ = ~uint64_t(0);    // App::data_generation last reset for
    uint64_t source_generation_ = ~uint64_t(0);  // App::source_generation last reset for (a new source starts over too)
    uint64_t patient_revision_ = ~uint64_t(0);   // App::patient_revision last planned for
    std::string base_;            // the source's base and kind at the last reset (image candidates)
    SourceKind kind_ = SourceKind::None;
    uint32_t patient_ = kNone;    // the patient whose images are loading
    std::vector<uint32_t> full_lesions_;  // lesions shown full size: the viewer's, or compare's two
    std::list<Job> queue_;               // waiting to be requested
    std::map<uint32_t, int> active_;     // lesion -> platform request id
    std::map<uint32_t, bool> wants_full_;
    std::map<std::string, size_t> fulls_;  // images with a live "full:" texture -> bytes (at most two)
    size_t full_bytes() const;
    bool wants_full(uint32_t lesion) const;
    std::list<std::string> thumb_lru_;   // image names, most recent first
    struct Thumb {
        std::list<std::string>::iterator pos;
        size_t bytes = 0;
    };
    std::map<std::string, Thumb> thumbs_;
    size_t thumb_bytes_ = 0;
    static constexpr size_t kLayoutUnknown = ~size_t(0);
    size_t layout_ = kLayoutUnknown;     // index of the candidate layout the source's first found image used
    double started_ = 0;                 // when the current patient's first request went out
    int unfound_ = 0;                    // the current patient's images under no layout, while none of the source's was found
    bool ask_all_ = false;               // Resume: ask for every image of the current patient, however many are not found
    void stop_unfound();
    bool patient_still_loading() const;  // a lesion of the current patient is queued or in flight
};

}  // namespace duck
