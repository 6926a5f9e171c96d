// image_loader.cpp - fetch, decode and upload of the current patient's lesion
// images under a per-frame time budget; see image_loader.h for the design.
#include "app/image_loader.h"

#include <utility>

#include "app/app_load.h"
#include "core/image_pipeline.h"
#include "core/resample.h"
#include "platform/platform.h"

namespace duck {

namespace {

// Where an image may live under the data base, tried in order (issue 5: the
// resized Kaggle copies keep train/, the flat shared sample folder has none, the
// full Kaggle download uses jpeg/train/). Any fetch error moves to the next one.
constexpr const char* kCandidates[] = {"train/", "", "jpeg/train/"};
constexpr size_t kCandidateCount = sizeof(kCandidates) / sizeof(kCandidates[0]);
// Bytes waiting for decode; no more fetches start while this many are queued,
// so at most a few originals are held in memory at once.
constexpr size_t kMaxWaitingDecodes = 3;

std::string thumb_key(const std::string& name) { return "thumb:" + name; }
std::string full_key(const std::string& name) { return "full:" + name; }

}  // namespace

ImageLoader::ImageLoader(App& app, ImageLoaderOptions opts)
    : app_(app), opts_(opts), alive_(std::make_shared<int>(0)) {}

ImageLoader::~ImageLoader() = default;

bool ImageLoader::busy() const { return in_flight_ > 0 || !queue_.empty() || !decodes_.empty(); }

const ImageRGBA* ImageLoader::analysis(uint32_t lesion) const {
    auto it = analysis_.find(lesion);
    return it == analysis_.end() ? nullptr : &it->second;
}

bool ImageLoader::pump(TextureSink& sink) {
    plan(sink);
    start_fetches();
    const double start = platform::now_seconds();
    // At least one image per call, then more while the budget lasts.
    while (!decodes_.empty()) {
        Decode d = std::move(decodes_.front());
        decodes_.pop_front();
        decode_one(sink, std::move(d));
        if (platform::now_seconds() - start > opts_.budget_seconds) break;
    }
    start_fetches();
    return !decodes_.empty();
}

// A new dataset (or source): forget everything, drop stale callbacks and textures.
void ImageLoader::reset(TextureSink& sink) {
    ++generation_;
    for (const auto& name : thumb_lru_) sink.release(thumb_key(name));
    if (!full_name_.empty()) sink.release(full_key(full_name_));
    thumb_lru_.clear();
    thumb_pos_.clear();
    full_name_.clear();
    queue_.clear();
    decodes_.clear();
    active_.clear();
    analysis_.clear();
    lesion_count_ = app_.dataset.lesions.size();
    base_ = app_.source.base;
    patient_ = full_lesion_ = kNone;
    app_.image_status.assign(lesion_count_, ImageStatus::Pending);
}

// Decides what should be loaded for the current view and queues it.
void ImageLoader::plan(TextureSink& sink) {
    if (app_.dataset.lesions.size() != lesion_count_ || app_.source.base != base_ ||
        app_.image_status.size() != app_.dataset.lesions.size())
        reset(sink);
    if (app_.source.kind == SourceKind::None) return;
    const auto& ds = app_.dataset;
    if (app_.view.patient != patient_) {
        // Jobs of the previous patient that have not started are dropped.
        for (const Job& j : queue_) {
            if (app_.image_status[j.lesion] == ImageStatus::Loading) app_.image_status[j.lesion] = ImageStatus::Pending;
            active_.erase(j.lesion);
        }
        queue_.clear();
        analysis_.clear();
        patient_ = app_.view.patient;
        if (patient_ < ds.patients.size())
            for (uint32_t l : ds.patients[patient_].lesions)
                if (app_.image_status[l] == ImageStatus::Ready) touch_thumb(ds.lesions[l].image_name);
    }
    const bool viewer = app_.view.mode == ViewMode::Viewer || app_.view.mode == ViewMode::Compare || opts_.viewer_in_grid;
    const uint32_t fl = viewer && app_.view.lesion < ds.lesions.size() ? app_.view.lesion : kNone;
    if (fl != full_lesion_) {
        // Only the viewer's lesion keeps a full-size texture; the others fall back to thumbnails.
        if (!full_name_.empty() && (fl == kNone || ds.lesions[fl].image_name != full_name_)) {
            sink.release(full_key(full_name_));
            full_name_.clear();
        }
        full_lesion_ = fl;
    }
    // The viewer's lesion first (full size), then the patient's thumbnails.
    if (fl != kNone && full_name_ != ds.lesions[fl].image_name && !active_.count(fl)) {
        const ImageStatus s = app_.image_status[fl];
        if (s == ImageStatus::Pending || s == ImageStatus::Ready) {
            if (s == ImageStatus::Pending) app_.image_status[fl] = ImageStatus::Loading;
            active_[fl] = true;
            queue_.push_front({fl, true, 0, {}});
        }
    }
    if (patient_ < ds.patients.size())
        for (uint32_t l : ds.patients[patient_].lesions)
            if (app_.image_status[l] == ImageStatus::Pending && !active_.count(l)) {
                app_.image_status[l] = ImageStatus::Loading;
                active_[l] = l == fl;
                queue_.push_back({l, l == fl, 0, {}});
            }
}

void ImageLoader::start_fetches() {
    while (in_flight_ < opts_.max_fetches && !queue_.empty() && decodes_.size() < kMaxWaitingDecodes) {
        Job j = std::move(queue_.front());
        queue_.pop_front();
        fetch(std::move(j));
    }
}

void ImageLoader::fetch(Job job) {
    const std::string& name = app_.dataset.lesions[job.lesion].image_name;
    const std::string url = join_path(base_, std::string(kCandidates[job.candidate]) + name + ".jpg");
    ++in_flight_;
    std::weak_ptr<int> alive = alive_;
    const uint64_t gen = generation_;
    platform::fetch(url, [this, alive, gen, job, url](Result<platform::Bytes> r) mutable {
        if (alive.expired()) return;
        --in_flight_;
        app_.request_redraw(1);
        if (gen != generation_) return;
        if (r.ok()) {
            decodes_.push_back({std::move(job), std::move(r.value())});
            return;
        }
        if (job.first_error.empty()) job.first_error = r.error().message;
        if (++job.candidate < kCandidateCount) {
            queue_.push_front(std::move(job));
            start_fetches();
            return;
        }
        active_.erase(job.lesion);
        const std::string& name = app_.dataset.lesions[job.lesion].image_name;
        fail(job.lesion, ImageStatus::Missing, name + ".jpg",
             "image not found under " + (base_.empty() ? std::string(".") : base_) + " (train/, ./, jpeg/train/): " +
                 job.first_error);
    });
}

void ImageLoader::decode_one(TextureSink& sink, Decode d) {
    const uint32_t l = d.job.lesion;
    active_.erase(l);
    const std::string& name = app_.dataset.lesions[l].image_name;
    PipelineRequest req;
    req.viewer_side = d.job.full ? kViewerMaxSide : 0;
    PipelineResult r = process_image(d.bytes, req);
    d.bytes = {};
    ++decoded_;
    if (!r.ok()) {
        fail(l, r.status == ImageStatus::Ready ? ImageStatus::Corrupt : r.status, name + ".jpg", r.error);
        return;
    }
    sink.upload(r.thumb, thumb_key(name));
    touch_thumb(name);
    if (d.job.full && l == full_lesion_) {
        if (!full_name_.empty() && full_name_ != name) sink.release(full_key(full_name_));
        sink.upload(r.viewer, full_key(name));
        full_name_ = name;
    }
    if (patient_ < app_.dataset.patients.size() && app_.dataset.lesions[l].patient_id == app_.dataset.patients[patient_].id)
        analysis_[l] = std::move(r.analysis);
    app_.image_status[l] = ImageStatus::Ready;
    evict(sink);
    app_.request_redraw(2);
}

void ImageLoader::touch_thumb(const std::string& name) {
    auto it = thumb_pos_.find(name);
    if (it != thumb_pos_.end()) thumb_lru_.erase(it->second);
    thumb_lru_.push_front(name);
    thumb_pos_[name] = thumb_lru_.begin();
}

// Least recently used thumbnails beyond the cap go; their lesions become pending
// again, so they reload when their patient is shown next.
void ImageLoader::evict(TextureSink& sink) {
    while (thumb_lru_.size() > opts_.max_thumbs) {
        const std::string name = thumb_lru_.back();
        thumb_lru_.pop_back();
        thumb_pos_.erase(name);
        sink.release(thumb_key(name));
        if (auto idx = app_.dataset.find_lesion(name); idx < app_.image_status.size())
            if (app_.image_status[idx] == ImageStatus::Ready) app_.image_status[idx] = ImageStatus::Pending;
    }
}

void ImageLoader::fail(uint32_t lesion, ImageStatus status, const std::string& where, const std::string& why) {
    app_.image_status[lesion] = status;
    const char* kind = status == ImageStatus::Missing ? "image_missing"
                       : status == ImageStatus::TooLarge ? "image_too_large"
                                                         : "image_corrupt";
    app_.add_problem({Severity::Warning, kind, where, why});
}

}  // namespace duck
