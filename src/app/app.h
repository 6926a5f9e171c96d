// app.h - the application state every panel reads and every intent changes.
// Pure C++ (no SDL/GL/ImGui): the native tests drive it directly, the platform
// shell owns one App and redraws when it asks for it.
#pragma once
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/data/dataset.h"
#include "core/view/explorer_state.h"
#include "core/image/image_status.h"
#include "core/model/model_eval.h"
#include "core/model/model_session.h"
#include "core/base/problem.h"
#include "app/app_share.h"
#include "app/image_state.h"
#include "app/indexing_state.h"
#include "app/index_state.h"
#include "app/metadata_queue.h"
#include "app/predictions_state.h"
#include "app/similar_state.h"
#include "app/ui_state.h"
#include "core/view/view_state.h"  // ViewMode (+ the deep-link ViewState codec)

namespace duck {

// Where the loaded data came from. `label` is what the UI shows ("Synthetic demo
// data", a URL, a folder name); `base` is the URL prefix or folder the files live in.
enum class SourceKind { None, Demo, Url, Folder };
std::string_view source_kind_name(SourceKind k);  // "none" | "demo" | "url" | "folder"

struct DataSource {
    SourceKind kind = SourceKind::None;
    std::string label;
    std::string base;
};

// What the user is looking at. Indices into App::dataset, kNone when nothing is
// selected. (duck::ViewState in core/view_state.h is its deep-link form, by ids.)
struct AppView {
    uint32_t patient = kNone;
    uint32_t lesion = kNone;
    ViewMode mode = ViewMode::Grid;
};

// Loading progress of the current data source (shown in the status bar).
struct LoadState {
    int pending = 0;          // requests in flight
    std::string stage;        // "metadata", "images", ... empty when idle
    std::string error;        // fatal error of the last load (data problems go to App::problems)
};

// Opening a folder (app_open.cpp): the page lists the tree, then the metadata
// CSVs are read and merged. Nothing of the current dataset changes until the new
// one is complete, so cancelling (Cancel, Esc) at any point leaves it in use.
// The counts stay after an opening ends (state().opening), until the next one.
struct OpenState {
    bool active = false;
    std::string label;                   // the folder being opened
    std::string stage;                   // "listing" | "reading" (empty when idle)
    size_t files = 0;                    // files seen so far
    size_t csv_total = 0, csv_done = 0;  // metadata CSVs to read / read so far
    size_t csv_rows = 0;                 // data rows in the CSVs read so far
    double csv_part = 0;                 // share of the CSV being parsed (big ones take seconds)
    size_t csv_part_rows = 0;            // its rows parsed so far
    bool cancel_requested = false;       // set by the UI, taken by poll_opened_folder()
    bool abandon_requested = false;      // a new source replaced the opening: poll_opened_folder() stops the platform's part
    bool cancelled = false;              // the last opening was cancelled
};

// Screen rectangle (logical pixels, origin top-left) of a named UI element. Panels
// record the elements tests may click; state() exposes them as ui.rects.
using UiRect = std::array<float, 4>;  // x, y, w, h

struct App {
    // Bumped whenever the dataset is replaced (set_dataset). Whatever caches
    // per-dataset work (the image loader, the patient index, the predictions'
    // matches) compares it with the generation it was built for instead of
    // guessing from sizes or addresses.
    uint64_t data_generation = 0;
    // Bumped by set_source: a new data source (its images live elsewhere) even
    // before its dataset arrives, so the image loader starts over for it.
    uint64_t source_generation = 0;
    // Bumped by the intents whenever what they change changes (never for a no-op):
    // patient_revision when view.patient changes, view_revision when anything the
    // page URL pushes a history entry for changes (patient, lesion, mode, the
    // compare view's lesion, quiz case, data source, a new dataset). Consumers compare them with the revision
    // they last saw (the image loader, the patient list's scroll, the URL writer:
    // a new view revision is a navigation to keep in the browser's history).
    uint64_t patient_revision = 0;
    uint64_t view_revision = 0;
    Dataset dataset;
    Problems problems;
    DataSource source;
    AppView view;
    LoadState load;
    MetadataQueue metadata;    // loads in flight and CSVs parsed a slice per frame (app_load.cpp)
    OpenState opening;
    bool ready = false;        // first frame drawn and the initial load settled
    bool quit = false;         // native: leave the loop
    std::string status;        // one-line message for the status bar
    float dpr = 1.0f;          // device pixels per logical pixel (set by the shell)
    uint64_t frames = 0;       // frames rendered so far (set by the shell; idle checks)
    std::map<std::string, UiRect> ui_rects;
    ExplorerState explorer;                 // patient browser, grid, viewer state
    UiState ui;                             // theme, sidebar, overlays, hover and focus (UI only)
    ShareState share;                       // deep links, quiz, exports
    std::vector<ImageStatus> image_status;  // per lesion, filled by the image pipeline (empty = pending)
    ImageState images;                      // image progress, failure reasons, analysis pixels
    size_t texture_count = 0, texture_bytes = 0;  // live GPU textures (set by the shell)
    size_t texture_uploads_pending = 0;     // decoded images not on the GPU yet (set by the shell)
    ModelSession model;                     // ugly-duckling features + scores (app_model.h)
    PredictionsState predictions;           // classifier predictions files (app_predictions.h)
    IndexingState indexing;                 // the background index of every lesion (index_builder.h)
    SimilarState similar;                   // the viewer's similar-lesion strip (app_similar.h)
    IndexState index;                       // the lesion index loaded with the dataset (app_index.h)
    // model_eval_report()'s last report (app_model.cpp) and the ModelSession::version() it is for.
    struct ModelEvalCache {
        EvalReport report;
        uint64_t version = ~uint64_t(0);
    };
    mutable ModelEvalCache model_eval;

    // --- intents (panels and shortcuts call these; they keep the view consistent) ---
    // Navigation: what the user does to move to another patient or lesion. Each
    // does every reset that goes with the move, whichever control triggered it
    // (patient list, problem list, j/k, Prev/Next, [ and ]).
    void open_patient(uint32_t patient);   // a new patient: its first lesion, all sites, fitted, no compare; leaves the overview
    void step_patient(int delta);          // open the next/previous patient of the filtered list (clamped)
    void step_lesion(int delta);           // select the next/previous lesion in grid order, fitted (clamped)
    void open_folder();                    // the page's folder picker (natively: explains --data DIR)
    void open_compare();                   // the viewer's lesion beside a partner (the compare panel picks the next one)
    void open_lesion(uint32_t lesion);     // any lesion of the dataset in the viewer (its patient opened as open_patient does), fitted
    void cancel_opening();                 // stop opening a folder (the current dataset stays)
    void cancel_images();                  // stop loading this patient's images (Resume restarts them)
    // The background index (app_indexing.cpp): pause keeps what is done, resume
    // continues (after a cancel: starts again with what is still missing), cancel stops.
    void pause_indexing();
    void resume_indexing();
    void toggle_indexing();                // pause when running, resume otherwise
    void cancel_indexing();
    // State changes without the navigation resets (links and quizzes restore a
    // complete view state and set every field themselves).
    void select_patient(uint32_t patient);  // also selects the patient's first lesion (kNone: no patient)
    void select_lesion(uint32_t lesion);    // also selects the lesion's patient
    void set_mode(ViewMode mode);
    void set_compare(uint32_t lesion);      // the compare view's second lesion (kNone: none)
    // Something else the URL records as a navigation changed (a quiz's case): a new
    // view revision, so the URL writer keeps it in history.
    void view_changed();
    // A new data source (before its dataset arrives): bumps source_generation.
    void set_source(DataSource s);
    // Replaces the dataset (after a load) and resets the view to the first patient.
    void set_dataset(Dataset ds, Problems found);
    void add_problem(Problem p);

    // --- redraw requests: the shell only renders when something asked for it ---
    // Ask for `frames` more rendered frames (ImGui needs 2-3 to settle after a change).
    void request_redraw(int frames = 3);
    // Called by the shell once per loop iteration: true when a frame must be drawn.
    bool take_redraw();
    int redraw_frames = 3;
};

// JSON for window.duckling.state() (and the native --state flag). One function per
// section so each feature adds its fields in one place; see app_state_json.cpp.
std::string app_state_json(const App& app);

}  // namespace duck
