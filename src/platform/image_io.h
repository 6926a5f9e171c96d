// image_io.h - the platform services behind lesion images and opened folders.
// Web: web_image_io.cpp + web/image_source.js (folder picker, drag and
// drop, File map, fetch with candidates, decoding in Web Workers through
// web/image_queue.js, IndexedDB thumbnail cache). Native: native_image_io.cpp
// (directory scan, file reads, duck::process_image in poll()). No SDL/GL here.
#pragma once
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/image/image.h"
#include "core/image/image_status.h"
#include "core/base/result.h"

namespace duck::platform {

// The state behind the functions below: on the web the page's answers not taken
// yet (decodes, opened folders, listing progress) and the decodes in flight;
// natively the scanned folder, the folder in use and the queued decodes. It is
// one object, owned by whoever runs the app's work (AppController; a test that
// drives a loader without one owns one itself), never file-scope globals, and
// passed to the functions below that open folders and request images. Only what
// has no caller to pass it reaches the newest one alive: the page's answers (C
// exports) and poll()'s delivery of finished decodes.
class ImageIo {
public:
    ImageIo();
    ~ImageIo();  // callbacks of requests still in flight are dropped
    ImageIo(const ImageIo&) = delete;
    ImageIo& operator=(const ImageIo&) = delete;
    struct State;  // web_image_io.cpp / native_image_io.cpp
    State& state() { return *state_; }

private:
    std::unique_ptr<State> state_;
};

// --- opened folders ----------------------------------------------------------
// What an opened folder holds, from file names alone (no file is read yet).
struct FolderListing {
    std::string label;                  // the folder's name, for the UI
    std::string base;                   // prefix for fetch(): "folder:<id>/" on the web, the directory natively
    std::vector<std::string> csv_paths; // every *.csv, relative to base
    size_t files = 0;                   // files seen
    size_t images = 0;                  // distinct image names (.jpg/.jpeg/.dcm)
    std::vector<std::string> image_paths;  // every image file (core/file_match), relative to base
    std::vector<std::string> index_paths;  // every lesion index file (core/index/index_file_name.h), relative to base
};

// Native: lists DIR recursively; its images become the ones decode_image() looks
// up by name once use_folder() is called. Web: an error (the page opens folders itself).
Result<FolderListing> scan_folder(ImageIo& io, const std::string& dir);
// The dataset read from this listing is now the one in use: decode_image() looks
// names up in its files from now on. Until then the folder in use keeps answering.
void use_folder(ImageIo& io, const FolderListing& folder);
// Stops an opening that has not reached use_folder(): the page stops listing, and
// listings not in use (and any not yet taken) are forgotten.
void cancel_folder_open(ImageIo& io);
// Web: shows the directory picker (must run soon after a click or key press).
// Native: nothing to show; returns false so the UI can explain `--data DIR`.
bool request_folder_picker();
// A folder the user opened in the page (picker or drop) since the last call.
bool take_opened_folder(ImageIo& io, FolderListing& out);
// Web: the page is listing a folder the user chose (picker, drop, input); the
// latest count since the last call. Native: never (scan_folder is synchronous).
struct FolderProgress {
    std::string label;
    size_t files = 0;   // files seen so far
    std::string error;  // set when listing failed (the opening is over)
};
bool take_folder_progress(ImageIo& io, FolderProgress& out);

// --- images ------------------------------------------------------------------
struct ImageRequest {
    std::string name;               // image_name, e.g. ISIC_0015719
    std::vector<std::string> urls;  // candidates tried in order; empty: look `name` up in the opened folder
    bool viewer = false;            // also produce the viewer-size image
};

struct DecodedImage {
    ImageStatus status = ImageStatus::Corrupt;
    std::string error;   // why, when not ready (decoder message, HTTP status, "not in the folder")
    std::string format;  // "jpeg" | "dicom" | ...
    std::string source;  // URL / path / file that was read
    int width = 0, height = 0;
    ImageRGBA thumb, analysis, viewer;
    std::vector<std::pair<std::string, std::string>> tags;  // DICOM tags
    bool cached = false;  // thumbnail + analysis came from the persistent cache
};
using DecodeCallback = std::function<void(DecodedImage)>;

// Starts reading + decoding one image off the frame loop (web: workers; native:
// inside poll(), as many as its budget allows). The callback runs later on the main thread from poll(),
// exactly once, unless cancel_image() came first. Returns the request id.
int decode_image(ImageIo& io, const ImageRequest& request, DecodeCallback done);
void cancel_image(ImageIo& io, int id);
// The three below are of the newest ImageIo alive (poll() has none to pass).
int pending_images();
// Delivers finished decodes (web_services/native_services poll() call it), until
// `budget_ms` is spent (after one at least; negative: all). Natively each decode
// runs here.
int poll_images(double budget_ms = -1);
// Decodes finished but not delivered yet (natively: queued, not run yet).
int image_results_waiting();

// Forgets the persistent thumbnail cache (web: IndexedDB; native: nothing).
void clear_image_cache();

}  // namespace duck::platform
