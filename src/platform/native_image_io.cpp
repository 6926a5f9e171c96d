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
#include "core/image/image_pipeline.h"
#include "platform/image_io.h"

namespace duck::platform {

namespace {
struct Job {
    int id;
    ImageRequest request;
    DecodeCallback done;
};
std::deque<Job> g_jobs;
int g_next_id = 1;
ImageIndex g_index;       // image_name -> path relative to g_folder
std::string g_folder;     // the folder in use (use_folder)
ImageIndex g_scanned_index;  // the last scan_folder(), until use_folder() takes it
std::string g_scanned;

Result<std::vector<uint8_t>> read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return Error{"cannot open " + path};
    std::vector<uint8_t> b((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (f.bad()) return Error{"read error in " + path};
    return b;
}

DecodedImage run(const ImageRequest& rq) {
    DecodedImage out;
    std::vector<std::string> paths = rq.urls;
    if (paths.empty()) {
        auto it = g_index.find(rq.name);
        if (it == g_index.end()) {
            out.status = ImageStatus::Missing;
            out.error = "no file " + rq.name + ".jpg/.jpeg/.dcm in " + (g_folder.empty() ? "the folder" : g_folder);
            return out;
        }
        paths.push_back((std::filesystem::path(g_folder) / it->second).string());
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

Result<FolderListing> scan_folder(const std::string& dir) {
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
    g_scanned_index = index_images(rel);
    g_scanned = dir;
    out.images = g_scanned_index.size();
    return out;
}

void use_folder(const FolderListing& folder) {
    if (folder.base != g_scanned) return;  // not the last scan (or already in use)
    g_index = std::move(g_scanned_index);
    g_folder = std::move(g_scanned);
    g_scanned_index.clear();
    g_scanned.clear();
}

void cancel_folder_open() {
    g_scanned_index.clear();
    g_scanned.clear();
}

bool request_folder_picker() { return false; }
bool take_opened_folder(FolderListing&) { return false; }
bool take_folder_progress(FolderProgress&) { return false; }

int decode_image(const ImageRequest& request, DecodeCallback done) {
    const int id = g_next_id++;
    g_jobs.push_back({id, request, std::move(done)});
    return id;
}

void cancel_image(int id) {
    for (auto it = g_jobs.begin(); it != g_jobs.end(); ++it)
        if (it->id == id) {
            g_jobs.erase(it);
            return;
        }
}

int pending_images() { return static_cast<int>(g_jobs.size()); }

int poll_images(double budget_ms) {
    // Only the jobs queued so far: callbacks may queue follow-up requests.
    const size_t queued = g_jobs.size();
    const auto start = std::chrono::steady_clock::now();
    int n = 0;
    while (size_t(n) < queued && !g_jobs.empty()) {
        Job j = std::move(g_jobs.front());
        g_jobs.pop_front();
        j.done(run(j.request));
        ++n;
        const std::chrono::duration<double, std::milli> spent = std::chrono::steady_clock::now() - start;
        if (budget_ms >= 0 && spent.count() >= budget_ms) break;
    }
    return n;
}

int image_results_waiting() { return static_cast<int>(g_jobs.size()); }

void clear_image_cache() {}

}  // namespace duck::platform
