// image_loader.h - brings the current patient's lesion images onto the screen
// (issue 5, points 4-6): fetch <base>/train/<name>.jpg (then <base>/<name>.jpg,
// <base>/jpeg/train/<name>.jpg), decode with duck::process_image, upload the
// thumbnail ("thumb:<name>") and, for the viewer's lesion, a capped full-size
// image ("full:<name>"), and keep App::image_status in step.
//
// Decoding runs on the main thread, but only from pump(), which the shell calls
// once per loop iteration with a small time budget (one image at least, then
// until ~8 ms are used), so the UI keeps drawing between images. The web worker
// (web/image_queue.js + duckling-worker) can replace this step later; the loader's
// interface (fetch -> bytes -> decode -> upload) stays the same.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/app.h"
#include "core/image.h"

namespace duck {

// Where decoded pixels go. The shell adapts its GL TextureCache to this; tests use
// a fake. Keys are "thumb:<image_name>" / "full:<image_name>".
class TextureSink {
public:
    virtual ~TextureSink() = default;
    virtual void upload(const ImageRGBA& image, const std::string& key) = 0;
    virtual void release(const std::string& key) = 0;
};

struct ImageLoaderOptions {
    double budget_seconds = 0.008;  // decode time per pump() after the first image
    int max_fetches = 6;            // requests in flight (bounds bytes held in memory)
    size_t max_thumbs = 600;        // thumbnail textures kept (least recently used go first)
    bool viewer_in_grid = false;    // also decode the selected lesion full size in grid mode
};

class ImageLoader {
public:
    explicit ImageLoader(App& app, ImageLoaderOptions opts = {});
    ~ImageLoader();
    ImageLoader(const ImageLoader&) = delete;
    ImageLoader& operator=(const ImageLoader&) = delete;

    // Notices dataset/patient/lesion changes, starts fetches, decodes finished ones
    // within the time budget and uploads them. Returns true while fetched bytes
    // still wait for decoding (the shell then asks for another frame; fetches in
    // flight wake the loop themselves through platform::poll()).
    bool pump(TextureSink& sink);
    bool busy() const;

    // The model's analysis-size image of a lesion of the current patient (empty
    // when not decoded yet). Dropped when the patient changes.
    const ImageRGBA* analysis(uint32_t lesion) const;
    int decoded() const { return decoded_; }  // images decoded so far (tests, status)

private:
    struct Job {
        uint32_t lesion = 0;
        bool full = false;       // also make the viewer image
        size_t candidate = 0;    // index into the URL candidates
        std::string first_error;
    };
    struct Decode {
        Job job;
        std::vector<uint8_t> bytes;
    };

    void reset(TextureSink& sink);
    void plan(TextureSink& sink);
    void start_fetches();
    void fetch(Job job);
    void decode_one(TextureSink& sink, Decode d);
    void touch_thumb(const std::string& name);
    void evict(TextureSink& sink);
    void fail(uint32_t lesion, ImageStatus status, const std::string& where, const std::string& why);

    App& app_;
    ImageLoaderOptions opts_;
    std::shared_ptr<int> alive_;  // fetch callbacks check it (the loader may be gone)
    uint64_t generation_ = 0;     // bumped on dataset change; stale callbacks are dropped
    size_t lesion_count_ = size_t(-1);
    std::string base_;
    uint32_t patient_ = kNone, full_lesion_ = kNone;
    std::deque<Job> queue_;             // waiting to be fetched
    std::deque<Decode> decodes_;        // bytes arrived, waiting for pump()
    int in_flight_ = 0;
    std::map<uint32_t, bool> active_;   // lesions queued/fetching/decoding -> full size requested
    std::string full_name_;             // image whose "full:" texture is live (at most one)
    std::list<std::string> thumb_lru_;  // image names, most recent first
    std::map<std::string, std::list<std::string>::iterator> thumb_pos_;
    std::map<uint32_t, ImageRGBA> analysis_;
    int decoded_ = 0;
};

}  // namespace duck
