// image_loader.cpp - requests, results, textures and progress of the current
// patient's lesion images; see image_loader.h for the design.
#include "app/image_loader.h"

#include <utility>

#include "app/app_load.h"
#include "platform/platform.h"

namespace duck {

namespace {

// Where an image may live under a URL/demo base, tried in order: the
// resized Kaggle copies keep train/, a flat folder has none, the full Kaggle
// download uses jpeg/train/ (and train/*.dcm), a sample folder images/, the ISIC
// archive ISIC_2020_Training_JPEG/train/.
constexpr const char* kCandidates[] = {"train/%.jpg", "%.jpg", "jpeg/train/%.jpg", "images/%.jpg",
                                       "ISIC_2020_Training_JPEG/train/%.jpg", "train/%.dcm"};
constexpr size_t kCandidateCount = sizeof(kCandidates) / sizeof(kCandidates[0]);

// GPU bytes of an RGBA8 texture with mipmaps (what GlTextureCache counts).
size_t texture_bytes_of(const ImageRGBA& im) { return size_t(im.width) * size_t(im.height) * 4 * 4 / 3; }

std::string expand(const char* pattern, const std::string& name) {
    std::string s(pattern);
    s.replace(s.find('%'), 1, name);
    return s;
}

}  // namespace

ImageLoader::ImageLoader(App& app, platform::ImageIo& io, ImageLoaderOptions opts)
    : app_(app), io_(io), opts_(opts), alive_(std::make_shared<int>(0)) {}

ImageLoader::~ImageLoader() { cancel_all(true); }

const ImageRGBA* ImageLoader::analysis(uint32_t lesion) const {
    auto it = app_.images.analysis.find(lesion);
    return it == app_.images.analysis.end() ? nullptr : &it->second;
}

bool ImageLoader::pump(TextureSink& sink) {
    sink_ = &sink;
    plan(sink);
    start();
    update_progress();
    return busy();
}

// Cancels every request in flight and forgets the queue. With keep_state the
// lesions stay as they are (shutdown); otherwise loading ones become pending.
void ImageLoader::cancel_all(bool keep_state) {
    for (const auto& [lesion, id] : active_) {
        platform::cancel_image(io_, id);
        if (!keep_state && lesion < app_.image_status.size() && app_.image_status[lesion] == ImageStatus::Loading)
            app_.image_status[lesion] = ImageStatus::Pending;
    }
    if (!keep_state)
        for (const Job& j : queue_)
            if (app_.image_status[j.lesion] == ImageStatus::Loading) app_.image_status[j.lesion] = ImageStatus::Pending;
    active_.clear();
    wants_full_.clear();
    queue_.clear();
}

// A new dataset (or source): forget everything, drop stale callbacks and textures.
void ImageLoader::reset(TextureSink& sink) {
    cancel_all(true);
    ++generation_;
    for (const auto& name : thumb_lru_) sink.release(thumb_key(name));
    for (const auto& [name, bytes] : fulls_) sink.release(full_key(name));
    thumb_lru_.clear();
    thumbs_.clear();
    thumb_bytes_ = 0;
    fulls_.clear();
    full_lesions_.clear();
    data_generation_ = app_.data_generation;
    source_generation_ = app_.source_generation;
    base_ = app_.source.base;
    kind_ = app_.source.kind;
    layout_ = kLayoutUnknown;
    unfound_ = 0;
    ask_all_ = false;
    patient_ = kNone;
    patient_revision_ = ~uint64_t(0);
    app_.image_status.assign(app_.dataset.lesions.size(), ImageStatus::Pending);
    app_.images.errors.clear();
    app_.images.extra_thumbs.clear();  // lesion indices of the dataset before
    app_.images.analysis.clear();
    ++app_.images.analysis_version;
    app_.images.cancelled = false;
    app_.images.stopped_why.clear();
}

// Decides what should be loaded for the current view and queues it.
void ImageLoader::plan(TextureSink& sink) {
    if (app_.data_generation != data_generation_ || app_.source_generation != source_generation_) reset(sink);
    ImageState& st = app_.images;
    if (st.cancel_requested) {
        st.cancel_requested = false;
        st.cancelled = true;
        st.stopped_why.clear();
        cancel_all(false);
    }
    if (st.retry_requested) {
        st.retry_requested = false;
        st.cancelled = false;
        ask_all_ = !st.stopped_why.empty();  // resumed after the loader stopped by itself: no second stop
        st.stopped_why.clear();
        patient_revision_ = ~uint64_t(0);  // re-plan below; failed lesions of this patient are tried again
        if (app_.view.patient < app_.dataset.patients.size())
            for (uint32_t l : app_.dataset.patients[app_.view.patient].lesions)
                if (app_.image_status[l] != ImageStatus::Ready && app_.image_status[l] != ImageStatus::Loading) {
                    app_.image_status[l] = ImageStatus::Pending;
                    st.errors.erase(l);
                }
    }
    if (app_.source.kind == SourceKind::None) return;
    // A link naming its data shows its own patient as soon as that data is in:
    // the patient on screen until then is not loaded (a warm decoder would finish
    // its images before the link's view replaces it).
    if (app_.share.link_pending && !app_.share.pending.data_url.empty()) return;
    const auto& ds = app_.dataset;
    if (app_.patient_revision != patient_revision_) {
        // Requests of the previous patient are cancelled; its analysis pixels dropped.
        const bool resumed = patient_revision_ == ~uint64_t(0) && ask_all_;
        cancel_all(false);
        st.analysis.clear();
        ++st.analysis_version;
        st.cancelled = false;
        st.stopped_why.clear();
        unfound_ = 0;
        ask_all_ = resumed;
        patient_ = app_.view.patient;
        patient_revision_ = app_.patient_revision;
        started_ = platform::now_seconds();
        if (patient_ < ds.patients.size())
            for (uint32_t l : ds.patients[patient_].lesions)
                if (app_.image_status[l] == ImageStatus::Ready) touch_thumb(ds.lesions[l].image_name);
    }
    if (st.cancelled) return;
    // Only the viewer's lesion (compare: both lesions) has a full-size texture;
    // everything else is drawn from thumbnails.
    full_lesions_.clear();
    const auto full_ok = [&](uint32_t l) { return l < ds.lesions.size(); };
    if (app_.view.mode == ViewMode::Viewer || app_.view.mode == ViewMode::Compare)
        if (full_ok(app_.view.lesion)) full_lesions_.push_back(app_.view.lesion);
    if (app_.view.mode == ViewMode::Compare && full_ok(app_.explorer.compare_lesion) &&
        app_.explorer.compare_lesion != app_.view.lesion)
        full_lesions_.push_back(app_.explorer.compare_lesion);
    for (auto it = fulls_.begin(); it != fulls_.end();) {
        const uint32_t l = ds.find_lesion(it->first);
        if (wants_full(l)) {
            ++it;
            continue;
        }
        sink.release(full_key(it->first));
        it = fulls_.erase(it);
    }
    // The viewer's lesion(s) first (full size), then the patient's thumbnails.
    for (auto fit = full_lesions_.rbegin(); fit != full_lesions_.rend(); ++fit) {
        const uint32_t fl = *fit;
        if (fulls_.count(ds.lesions[fl].image_name) || active_.count(fl) || wants_full_.count(fl)) continue;
        const ImageStatus s = app_.image_status[fl];
        if (s == ImageStatus::Pending || s == ImageStatus::Ready) {
            if (s == ImageStatus::Pending) app_.image_status[fl] = ImageStatus::Loading;
            queue_.remove_if([fl](const Job& j) { return j.lesion == fl; });
            wants_full_[fl] = true;
            queue_.push_front({fl, true});
        }
    }
    if (patient_ < ds.patients.size())
        for (uint32_t l : ds.patients[patient_].lesions)
            if (app_.image_status[l] == ImageStatus::Pending) {
                app_.image_status[l] = ImageStatus::Loading;
                queue_.push_back({l, false});
            }
    plan_extra_thumbs();
}

// Thumbnails of other patients' lesions the UI asked for (App::images.extra_thumbs),
// after the current patient's; a patient change cancels them like the rest and
// they are asked for again here while still wanted.
void ImageLoader::plan_extra_thumbs() {
    for (uint32_t l : app_.images.extra_thumbs)
        if (l < app_.image_status.size() && app_.image_status[l] == ImageStatus::Pending) {
            app_.image_status[l] = ImageStatus::Loading;
            queue_.push_back({l, false});
        }
}

std::vector<std::string> ImageLoader::candidates(const std::string& name) const {
    std::vector<std::string> out;
    if (kind_ == SourceKind::Folder) return out;  // the platform resolves names in the opened folder
    // The layout the source's first image was found under goes first; the others
    // stay behind it, since a base may hold its images under several of them: an
    // image not under the first is still found.
    if (layout_ < kCandidateCount) out.push_back(join_path(base_, expand(kCandidates[layout_], name)));
    for (size_t i = 0; i < kCandidateCount; ++i)
        if (i != layout_) out.push_back(join_path(base_, expand(kCandidates[i], name)));
    return out;
}

void ImageLoader::start() {
    while (int(active_.size()) < opts_.max_in_flight && !queue_.empty()) {
        const Job job = queue_.front();
        queue_.pop_front();
        if (active_.count(job.lesion)) continue;  // already on its way
        wants_full_.erase(job.lesion);
        const std::string& name = app_.dataset.lesions[job.lesion].image_name;
        std::weak_ptr<int> alive = alive_;
        const uint64_t gen = generation_;
        const int id = platform::decode_image(io_, {name, candidates(name), job.full},
                                              [this, alive, gen, job](platform::DecodedImage r) {
                                                  if (alive.expired() || gen != generation_) return;
                                                  on_result(job, std::move(r));
                                              });
        active_[job.lesion] = id;
    }
}

void ImageLoader::on_result(const Job& job, platform::DecodedImage r) {
    const uint32_t l = job.lesion;
    active_.erase(l);
    app_.request_redraw(2);
    if (data_generation_ != app_.data_generation) return;  // for the dataset before: the next pump resets
    ImageState& st = app_.images;
    const std::string& name = app_.dataset.lesions[l].image_name;
    if (r.status != ImageStatus::Ready) {
        fail(l, r.status == ImageStatus::Pending || r.status == ImageStatus::Loading ? ImageStatus::Corrupt : r.status,
             r.error);
        const bool current = patient_ < app_.dataset.patients.size() && app_.dataset.lesions[l].patient == patient_;
        if (r.status == ImageStatus::Missing && current && kind_ != SourceKind::Folder && layout_ == kLayoutUnknown &&
            ++unfound_ >= kProbeImages && !ask_all_ && !st.cancelled && patient_still_loading())
            stop_unfound();
        update_progress();
        return;
    }
    if (r.cached) ++st.cached;
    else ++st.decoded;
    // The first image found decides the source's layout; the next images are
    // asked for under it only. Requests already out with every candidate may find
    // theirs under another layout: the first decision stands.
    for (size_t i = 0; i < kCandidateCount && kind_ != SourceKind::Folder && layout_ == kLayoutUnknown; ++i)
        if (r.source == join_path(base_, expand(kCandidates[i], name))) layout_ = i;
    if (sink_) {
        touch_thumb(name);
        thumbs_[name].bytes = texture_bytes_of(r.thumb);
        sink_->upload(std::move(r.thumb), thumb_key(name));
        if (job.full && wants_full(l) && !r.viewer.empty()) {
            fulls_[name] = texture_bytes_of(r.viewer);
            sink_->upload(std::move(r.viewer), full_key(name));
        }
    }
    thumb_bytes_ = 0;
    for (const auto& [n, t] : thumbs_) thumb_bytes_ += t.bytes;
    if (patient_ < app_.dataset.patients.size() &&
        app_.dataset.lesions[l].patient_id == app_.dataset.patients[patient_].id && !r.analysis.empty()) {
        st.analysis[l] = std::move(r.analysis);
        ++st.analysis_version;
    }
    app_.image_status[l] = ImageStatus::Ready;
    st.errors.erase(l);
    evict();
    update_progress();
}

bool ImageLoader::patient_still_loading() const {
    for (uint32_t l : app_.dataset.patients[patient_].lesions)
        if (app_.image_status[l] == ImageStatus::Loading) return true;
    return false;
}

// The patient's first kProbeImages images are under none of the layouts of a
// source that has shown no image yet, and more are to come: the rest are not asked
// for (they become pending again, the requests out are cancelled), and the status
// bar says why.
void ImageLoader::stop_unfound() {
    ImageState& st = app_.images;
    cancel_all(false);
    st.cancelled = true;
    st.stopped_why = "none of the first " + std::to_string(unfound_) + " images was found under any layout";
    app_.add_problem({Severity::Warning, "images_not_asked", app_.dataset.patients[patient_].id,
                      "the patient's other images were not asked for: " + st.stopped_why + " (Resume asks for them)"});
}

size_t ImageLoader::full_bytes() const {
    size_t n = 0;
    for (const auto& [name, bytes] : fulls_) n += bytes;
    return n;
}

bool ImageLoader::wants_full(uint32_t lesion) const {
    for (uint32_t l : full_lesions_)
        if (l == lesion) return true;
    return false;
}

void ImageLoader::touch_thumb(const std::string& name) {
    auto it = thumbs_.find(name);
    if (it != thumbs_.end()) thumb_lru_.erase(it->second.pos);
    thumb_lru_.push_front(name);
    thumbs_[name].pos = thumb_lru_.begin();
}

// Least recently used thumbnails go while the textures exceed the budget; the
// current patient's are never evicted. Their lesions become pending again, so
// they reload when their patient is shown next.
void ImageLoader::evict() {
    const auto& ds = app_.dataset;
    const std::string current = patient_ < ds.patients.size() ? ds.patients[patient_].id : std::string();
    auto it = thumb_lru_.end();
    while (thumb_bytes_ + full_bytes() > opts_.texture_budget && it != thumb_lru_.begin()) {
        --it;
        const std::string name = *it;
        const uint32_t idx = ds.find_lesion(name);
        if (idx < ds.lesions.size() && ds.lesions[idx].patient_id == current) continue;
        if (sink_) sink_->release(thumb_key(name));
        thumb_bytes_ -= thumbs_[name].bytes;
        thumbs_.erase(name);
        it = thumb_lru_.erase(it);
        if (idx < app_.image_status.size() && app_.image_status[idx] == ImageStatus::Ready)
            app_.image_status[idx] = ImageStatus::Pending;
    }
}

void ImageLoader::update_progress() {
    ImageState& st = app_.images;
    const auto& ds = app_.dataset;
    const int was_loading = st.loading;
    st.total = st.done = st.failed = st.loading = 0;
    // A new dataset's statuses are laid out at the next reset, not yet.
    if (patient_ >= ds.patients.size() || data_generation_ != app_.data_generation) return;
    for (uint32_t l : ds.patients[patient_].lesions) {
        ++st.total;
        const ImageStatus s = app_.image_status[l];
        if (s == ImageStatus::Loading) ++st.loading;
        else if (s == ImageStatus::Ready) ++st.done;
        else if (s != ImageStatus::Pending) ++st.done, ++st.failed;
    }
    if (was_loading > 0 && st.loading == 0) st.last_ms = (platform::now_seconds() - started_) * 1000.0;
}

void ImageLoader::fail(uint32_t lesion, ImageStatus status, const std::string& why) {
    app_.image_status[lesion] = status;
    app_.images.errors[lesion] = why;
    const std::string& name = app_.dataset.lesions[lesion].image_name;
    const char* kind = status == ImageStatus::Missing    ? "image_missing"
                       : status == ImageStatus::TooLarge ? "image_too_large"
                                                         : "image_corrupt";
    app_.add_problem({Severity::Warning, kind, name, why});
}

}  // namespace duck
