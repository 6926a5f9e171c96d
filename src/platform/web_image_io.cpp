// web_image_io.cpp - image_io.h in the browser. The work happens in
// web/image_source.js (window.DucklingImages): it owns the opened folder's File
// map, fetches URL candidates, decodes in Web Workers and keeps the IndexedDB
// cache; results come back through the C exports below and are delivered to
// their callbacks from poll(), like fetches.
#include <emscripten.h>

#include <cstdlib>
#include <deque>
#include <map>
#include <string>
#include <nlohmann/json.hpp>

#include "core/index/index_file_name.h"
#include "platform/image_io.h"
#include "platform/image_io_chain.h"
#include "platform/platform.h"

namespace duck::platform {
// What the page handed over and the app has not taken yet, and the decodes in flight.
struct ImageIo::State {
    std::map<int, DecodeCallback> waiting;           // id -> callback, until the page answers
    std::deque<std::pair<int, DecodedImage>> done;   // answered, delivered by poll_images()
    std::deque<FolderListing> folders;               // opened in the page, not taken yet
    FolderProgress progress;                         // the page's latest listing count
    bool progress_new = false;
    int next_id = 1;
    bool attached = false;                           // web/image_source.js knows the C exports
    State* outer = nullptr;                          // the ImageIo alive before this one
};
}  // namespace duck::platform

namespace {
using duck::platform::DecodeCallback;
using duck::platform::DecodedImage;
using duck::platform::FolderListing;

// The page calls the C exports below with no context argument, and poll() has
// no caller to pass an ImageIo: both reach the newest one alive (the
// AppController's) through this one pointer, which ImageIo's constructor and
// destructor set. Answers arriving with none alive are dropped.
duck::platform::ImageIo::State* g_io = nullptr;

// Takes over a malloc'd RGBA buffer from JS (null/0 = no image).
duck::ImageRGBA take_pixels(const nlohmann::json& size, uint8_t* data, int len) {
    duck::ImageRGBA im;
    if (data && size.is_object()) {
        const int w = size.value("width", 0), h = size.value("height", 0);
        if (w > 0 && h > 0 && int64_t(w) * h * 4 == len) {
            im.width = w;
            im.height = h;
            im.pixels.assign(data, data + len);
        }
    }
    std::free(data);
    return im;
}
}  // namespace

// One decode finished: meta is JSON (status, error, format, source, width, height,
// tags, cached, thumb/analysis/viewer {width,height}); the pixel buffers are
// malloc'd by JS and owned here from now on.
extern "C" EMSCRIPTEN_KEEPALIVE void duck_image_done(int id, char* meta, uint8_t* thumb, int thumb_len,
                                                     uint8_t* analysis, int analysis_len, uint8_t* viewer,
                                                     int viewer_len) {
    EM_ASM({ if (Module._duck_wake) Module._duck_wake(); });
    const auto j = nlohmann::json::parse(meta ? meta : "", nullptr, false);
    std::free(meta);
    DecodedImage d;
    if (j.is_object()) {
        const std::string st = j.value("status", std::string("corrupt"));
        d.status = duck::image_status_from_name(st).value_or(duck::ImageStatus::Corrupt);
        d.error = j.value("error", std::string());
        d.format = j.value("format", std::string());
        d.source = j.value("source", std::string());
        d.width = j.value("width", 0);
        d.height = j.value("height", 0);
        d.cached = j.value("cached", false);
        if (j.contains("tags") && j["tags"].is_object())
            for (const auto& [k, v] : j["tags"].items())
                if (v.is_string()) d.tags.emplace_back(k, v.get<std::string>());
    } else {
        d.error = "bad result from the image decoder";
    }
    const nlohmann::json none;
    d.thumb = take_pixels(j.is_object() ? j.value("thumb", none) : none, thumb, thumb_len);
    d.analysis = take_pixels(j.is_object() ? j.value("analysis", none) : none, analysis, analysis_len);
    d.viewer = take_pixels(j.is_object() ? j.value("viewer", none) : none, viewer, viewer_len);
    if (d.status == duck::ImageStatus::Ready && d.thumb.empty()) {
        d.status = duck::ImageStatus::Corrupt;
        if (d.error.empty()) d.error = "decoder returned no thumbnail";
    }
    if (g_io) g_io->done.emplace_back(id, std::move(d));
}

// Paths come one per line (a file name cannot hold a newline on the platforms
// that matter; one that does is split and then simply matches no image).
static std::vector<std::string> split_lines(const char* text) {
    std::vector<std::string> out;
    const std::string lines = text ? text : "";
    size_t start = 0;
    while (start < lines.size()) {
        size_t nl = lines.find('\n', start);
        if (nl == std::string::npos) nl = lines.size();
        if (nl > start) out.push_back(lines.substr(start, nl - start));
        start = nl + 1;
    }
    return out;
}

// The page is listing a folder the user chose: its label, the files seen so far,
// and why listing stopped when it failed (null otherwise).
extern "C" EMSCRIPTEN_KEEPALIVE void duck_folder_progress(const char* label, int files, const char* error) {
    EM_ASM({ if (Module._duck_wake) Module._duck_wake(); });
    if (!g_io) return;
    g_io->progress.label = label ? label : "";
    g_io->progress.files = files > 0 ? size_t(files) : 0;
    g_io->progress.error = error ? error : "";
    g_io->progress_new = true;
}

// The page opened a folder (picker or drop): its id (web/image_source.js keeps
// its files under it), label, its CSV (and lesion index) and image paths one per line.
extern "C" EMSCRIPTEN_KEEPALIVE void duck_folder_opened(int id, const char* label, const char* csv_lines, int files,
                                                        int images, const char* image_lines) {
    EM_ASM({ if (Module._duck_wake) Module._duck_wake(); });
    FolderListing f;
    f.label = label ? label : "";
    f.base = "folder:" + std::to_string(id) + "/";
    f.files = files > 0 ? size_t(files) : 0;
    f.images = images > 0 ? size_t(images) : 0;
    // The page lists lesion index files with the CSVs (web/image_source.js).
    for (auto& p : split_lines(csv_lines)) (duck::is_index_file_path(p) ? f.index_paths : f.csv_paths).push_back(std::move(p));
    f.image_paths = split_lines(image_lines);
    if (g_io) g_io->folders.push_back(std::move(f));
}

// clang-format off
// Gives web/image_source.js its way back into wasm: results are copied into
// malloc'd heap buffers that duck_image_done takes over. Each result also
// schedules a loading turn (duck_pump, web_main.cpp) as a MessageChannel task:
// it runs as soon as the page is free, between frames, and repeats while work is
// left, each turn within its budget, so rendering still gets its turns.
EM_JS(int, duck_js_images_attach, (), {
    const api = window.DucklingImages;
    if (!api) return 0;
    const channel = new MessageChannel();
    let scheduled = false;
    const schedulePump = () => {
        if (scheduled) return;
        scheduled = true;
        channel.port2.postMessage(0);
    };
    channel.port1.onmessage = () => {
        scheduled = false;
        if (_duck_pump()) schedulePump();
    };
    const str = (s) => { const n = lengthBytesUTF8(s) + 1, p = _malloc(n); stringToUTF8(s, p, n); return p; };
    const buf = (a) => {
        if (!a || !a.length) return 0;
        const p = _malloc(a.length);
        if (p) HEAPU8.set(a, p);
        return p;
    };
    api.attach({
        imageDone(id, meta, thumb, analysis, viewer) {
            const t = buf(thumb), a = buf(analysis), v = buf(viewer);
            _duck_image_done(id, str(JSON.stringify(meta)), t, t ? thumb.length : 0, a, a ? analysis.length : 0,
                             v, v ? viewer.length : 0);
            schedulePump();
        },
        folderOpened(f) {
            const label = str(f.label), csvs = str(f.csvs.join("\n")), paths = str((f.imagePaths || []).join("\n"));
            _duck_folder_opened(f.id, label, csvs, f.files, f.images, paths);
            _free(label);
            _free(csvs);
            _free(paths);
        },
        folderProgress(label, files, error) {
            const l = str(label), e = error ? str(error) : 0;
            _duck_folder_progress(l, files, e);
            _free(l);
            if (e) _free(e);
        },
    });
    return 1;
});

// One named function per call into web/image_source.js (window.DucklingImages);
// each is guarded: without the script or on a throw it warns and reports failure.
EM_JS(int, duck_js_image_decode, (int id, const char* name_c, const char* urls_c, int viewer), {
    const api = window.DucklingImages;
    if (!api) { console.warn("duckling: web/image_source.js is not loaded; images cannot be read"); return 0; }
    try { api.decode(id, UTF8ToString(name_c), JSON.parse(UTF8ToString(urls_c)), !!viewer); return 1; }
    catch (e) { console.warn("duckling: image source: " + e); return 0; }
});
EM_JS(void, duck_js_image_cancel, (int id), {
    try { if (window.DucklingImages) window.DucklingImages.cancel(id); } catch (e) { console.warn("duckling: image source: " + e); }
});
EM_JS(int, duck_js_open_folder_picker, (), {
    try { return window.DucklingImages && window.DucklingImages.openFolderPicker() ? 1 : 0; }
    catch (e) { console.warn("duckling: image source: " + e); return 0; }
});
EM_JS(void, duck_js_clear_image_cache, (), {
    try { if (window.DucklingImages) window.DucklingImages.clearCache(); } catch (e) { console.warn("duckling: image source: " + e); }
});
EM_JS(void, duck_js_use_folder, (int folder), {
    try { if (window.DucklingImages) window.DucklingImages.useFolder(folder); } catch (e) { console.warn("duckling: image source: " + e); }
});
EM_JS(void, duck_js_cancel_folder_open, (), {
    try { if (window.DucklingImages) window.DucklingImages.cancelOpen(); } catch (e) { console.warn("duckling: image source: " + e); }
});
// clang-format on

namespace duck::platform {

ImageIo::ImageIo() : state_(std::make_unique<State>()) { chain_push(g_io, state_.get()); }

ImageIo::~ImageIo() { chain_remove(g_io, state_.get()); }

Result<FolderListing> scan_folder(ImageIo&, const std::string& dir) {
    return Error{"the browser opens folders through the folder picker, not by path: " + dir};
}

bool request_folder_picker() { return duck_js_open_folder_picker() != 0; }

void use_folder(ImageIo&, const FolderListing& folder) {
    // base is "folder:<id>/" (duck_folder_opened)
    const std::string& b = folder.base;
    if (b.rfind("folder:", 0) != 0) return;
    duck_js_use_folder(std::atoi(b.c_str() + 7));
}

void cancel_folder_open(ImageIo& io) {
    io.state().folders.clear();
    io.state().progress_new = false;
    duck_js_cancel_folder_open();
}

bool take_folder_progress(ImageIo& io, FolderProgress& out) {
    ImageIo::State& st = io.state();
    if (!st.progress_new) return false;
    st.progress_new = false;
    out = st.progress;
    return true;
}

bool take_opened_folder(ImageIo& io, FolderListing& out) {
    ImageIo::State& st = io.state();
    if (st.folders.empty()) return false;
    out = std::move(st.folders.front());
    st.folders.pop_front();
    return true;
}

int decode_image(ImageIo& io, const ImageRequest& request, DecodeCallback done) {
    ImageIo::State& st = io.state();
    const int id = st.next_id++;
    st.waiting[id] = std::move(done);
    const std::string urls = nlohmann::json(request.urls).dump();
    if (!duck_js_image_decode(id, request.name.c_str(), urls.c_str(), request.viewer ? 1 : 0)) {
        DecodedImage d;
        d.error = "the image decoder is not available in this page";
        st.done.emplace_back(id, std::move(d));
    }
    return id;
}

void cancel_image(ImageIo& io, int id) {
    if (io.state().waiting.erase(id)) duck_js_image_cancel(id);
}

int pending_images() { return g_io ? static_cast<int>(g_io->waiting.size()) : 0; }

int image_results_waiting() { return g_io ? static_cast<int>(g_io->done.size()) : 0; }

int poll_images(double budget_ms) {
    if (!g_io) return 0;
    ImageIo::State& io = *g_io;
    if (!io.attached) io.attached = duck_js_images_attach() != 0;
    const double end = emscripten_get_now() + budget_ms;
    int n = 0;
    while (!io.done.empty() && (budget_ms < 0 || n == 0 || emscripten_get_now() < end)) {
        auto [id, d] = std::move(io.done.front());
        io.done.pop_front();
        auto it = io.waiting.find(id);
        if (it == io.waiting.end()) continue;  // cancelled
        DecodeCallback cb = std::move(it->second);
        io.waiting.erase(it);
        cb(std::move(d));
        ++n;
    }
    return n;
}

void clear_image_cache() { duck_js_clear_image_cache(); }

}  // namespace duck::platform
