// native_image_io.cpp - image_io.h for the desktop app and the tests: a folder
// is scanned with std::filesystem once, images are read from disk and decoded
// with duck::process_image inside poll(), as many per call as its time budget
// allows (one at least), so the native loop still draws between images.
#include <chrono>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "core/data/file_match.h"
#include "core/data/folder_scan.h"
#include "core/index/index_file_name.h"
#include "core/image/image_pipeline.h"
#include "platform/image_io.h"
#include "platform/image_io_chain.h"
#include "platform/platform.h"

namespace duck::platform {

namespace {
struct Job {
    int id;
    ImageRequest request;
    DecodeCallback done;
};
}  // namespace

struct ImageIo::State {
    std::deque<Job> jobs;
    int next_id = 1;
    ImageIndex index;          // image_name -> path relative to folder
    std::string folder;        // the folder in use (use_folder)
    ImageIndex scanned_index;  // the last scan_folder(), until use_folder() takes it
    std::string scanned;
    State* outer = nullptr;    // the ImageIo alive before this one (restored when it ends)
};

namespace {
// poll() delivers the finished decodes of the newest ImageIo alive (it has no
// caller to pass one); ImageIo's constructor and destructor keep this pointer.
ImageIo::State* g_io = nullptr;

Result<std::vector<uint8_t>> read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return Error{"cannot open " + path};
    std::vector<uint8_t> b((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (f.bad()) return Error{"read error in " + path};
    return b;
}

DecodedImage run(const ImageIo::State& io, const ImageRequest& rq) {
    DecodedImage out;
    std::vector<std::string> paths = rq.urls;
    if (paths.empty()) {
        auto it = io.index.find(rq.name);
        if (it == io.index.end()) {
            out.status = ImageStatus::Missing;
            out.error = "no file " + rq.name + ".jpg/.jpeg/.dcm in " + (io.folder.empty() ? "the folder" : io.folder);
            return out;
        }
        paths.push_back((std::filesystem::path(io.folder) / it->second).string());
    }
    std::string first_error;
    for (const auto& p : paths) {
        auto bytes = read_file(p);
        if (!bytes.ok()) {
            if (first_error.empty()) first_error = bytes.error().message;
            continue;
        }
        PipelineRequest req;
        req.viewer_side = rq.viewer ? kViewerMaxSide : 0;
        PipelineResult r = process_image(bytes.value(), req);
        out.status = r.status;
        out.error = r.error;
        out.format = r.format;
        out.source = p;
        out.width = r.width;
        out.height = r.height;
        out.thumb = std::move(r.thumb);
        out.analysis = std::move(r.analysis);
        out.viewer = std::move(r.viewer);
        if (r.dicom) out.tags = dicom_tag_list(*r.dicom);
        return out;
    }
    out.status = ImageStatus::Missing;
    out.error = first_error;
    return out;
}
}  // namespace

ImageIo::ImageIo() : state_(std::make_unique<State>()) { chain_push(g_io, state_.get()); }

ImageIo::~ImageIo() { chain_remove(g_io, state_.get()); }

Result<FolderListing> scan_folder(ImageIo& io, const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return Error{"not a folder: " + dir};
    FolderListing out;
    out.label = folder_label(dir);
    out.base = dir;
    std::vector<std::string> rel;
    for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied | fs::directory_options::follow_directory_symlink, ec), end;
         !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        rel.push_back(fs::relative(it->path(), dir, ec).generic_string());
    }
    if (ec) return Error{"cannot list " + dir + ": " + ec.message()};
    out.files = rel.size();
    for (const auto& p : rel)
        if (p.size() > 4 && (p.compare(p.size() - 4, 4, ".csv") == 0 || p.compare(p.size() - 4, 4, ".CSV") == 0))
            out.csv_paths.push_back(p);
    for (const auto& p : rel)
        if (!image_name_from_path(p).empty()) out.image_paths.push_back(p);
    for (const auto& p : rel)
        if (is_index_file_path(p)) out.index_paths.push_back(p);
    ImageIndex index = index_images(rel);
    out.images = index.size();
    ImageIo::State& st = io.state();  // remembered until use_folder() takes it
    st.scanned_index = std::move(index);
    st.scanned = dir;
    return out;
}

void use_folder(ImageIo& io, const FolderListing& folder) {
    ImageIo::State& st = io.state();
    if (folder.base != st.scanned) return;  // not the last scan (or already in use)
    st.index = std::move(st.scanned_index);
    st.folder = std::move(st.scanned);
    st.scanned_index.clear();
    st.scanned.clear();
}

void cancel_folder_open(ImageIo& io) {
    io.state().scanned_index.clear();
    io.state().scanned.clear();
}

bool request_folder_picker() { return false; }
bool take_opened_folder(ImageIo&, FolderListing&) { return false; }
bool take_folder_progress(ImageIo&, FolderProgress&) { return false; }

int decode_image(ImageIo& io, const ImageRequest& request, DecodeCallback done) {
    ImageIo::State& st = io.state();
    const int id = st.next_id++;
    st.jobs.push_back({id, request, std::move(done)});
    return id;
}

void cancel_image(ImageIo& io, int id) {
    auto& jobs = io.state().jobs;
    for (auto it = jobs.begin(); it != jobs.end(); ++it)
        if (it->id == id) {
            jobs.erase(it);
            return;
        }
}

int pending_images() { return g_io ? static_cast<int>(g_io->jobs.size()) : 0; }

int poll_images(double budget_ms) {
    if (!g_io) return 0;
    ImageIo::State& io = *g_io;
    // Only the jobs queued so far: callbacks may queue follow-up requests.
    const size_t queued = io.jobs.size();
    const auto start = std::chrono::steady_clock::now();
    int n = 0;
    while (size_t(n) < queued && !io.jobs.empty()) {
        Job j = std::move(io.jobs.front());
        io.jobs.pop_front();
        j.done(run(io, j.request));
        ++n;
        const std::chrono::duration<double, std::milli> spent = std::chrono::steady_clock::now() - start;
        if (budget_ms >= 0 && spent.count() >= budget_ms) break;
    }
    return n;
}

int image_results_waiting() { return pending_images(); }

void clear_image_cache() {}

}  // namespace duck::platform
