// app_share.h - deep links, the quiz and exports as the App sees them.
// The page URL always describes the current view: share_tick() compares the view
// with the URL every frame (pushState for patient/lesion/mode, debounced
// replaceState for zoom/pan/filters) and applies back/forward. Links that cannot
// be shown (unknown patient, malformed hash, a local folder the recipient has not
// opened yet) leave a plain-text message and the patient list, never a crash.
#pragma once
#include <array>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/image/image.h"
#include "core/view/link_sync.h"
#include "core/teach/quiz.h"
#include "core/view/view_state.h"

namespace duck {

struct App;

// A rendered region to read back after the next frame (the patient sheet PNG).
struct FrameCapture {
    bool requested = false;
    int wait_frames = 0;                   // frames to render before reading (layout settles)
    std::array<float, 4> rect{};           // logical pixels x, y, w, h
    std::function<void(ImageRGBA)> done;   // called by the shell with the pixels (top row first)
};

struct ShareState {
    UrlSync url_sync;
    bool url_live = false;            // the URL is being kept in step (after the first link was applied)
    bool link_pending = false;        // a link waits for its dataset (loading / local folder)
    ViewState pending;                // that link
    bool zoom_pending = false;        // link zoom/pan waits for the image size
    ViewState pending_zoom;
    std::vector<std::string> messages;  // link problems shown in a banner (plain text)
    std::vector<std::string> notes;     // ignored keys etc. (state() only)
    std::string last_link;            // full URL of the last "Copy link"
    double copied_at = -1;            // when, for the on-screen confirmation
    std::string local_folder;         // folder name of a link the recipient must open
    std::string local_folder_message; // the banner asking for that folder (removed once it is open)

    // Quiz.
    Quiz quiz;
    QuizOptions quiz_options;
    std::vector<std::string> quiz_link_cases;  // curated set from #quiz=
    std::vector<std::string> quiz_notes;
    std::string quiz_error;
    bool labels_were_hidden = false;           // restored when the quiz ends

    // Exports.
    struct Export {
        std::string name, where, error;
        size_t bytes = 0;
        int rows = 0;
    } last_export;
    FrameCapture capture;
};

// The current view as a link state (dataset source, ids, filters, zoom...).
ViewState capture_view_state(const App& app);
// Applies a decoded link: resolves ids, sets view, filters, sort, labels, quiz.
// Problems go to app.share.messages. Zoom/pan wait for the image size.
void apply_view_state(App& app, const ViewState& s);

// Reads ?data= and the hash at start-up. Returns the validated data URL ("" for the
// default source); a bad ?data= or hash leaves a message and is not used.
std::string share_startup(App& app);
// Once per frame: applies a waiting link when its dataset is ready, follows
// back/forward, and writes the URL. `now` is monotonic seconds.
void share_tick(App& app, double now);
// Call when the viewer knows its image and viewport size (applies link zoom/pan once).
void share_viewer_ready(App& app, float img_w, float img_h, float view_w, float view_h);

// The shareable URL of the current view, and copying it (with confirmation).
std::string current_link(const App& app);
void copy_link(App& app, double now);
// The link that opens one lesion in the viewer (filters, sort, labels and source
// as now; fitted, no compare, no quiz), and copying it like copy_link.
std::string lesion_link(const App& app, uint32_t lesion);
void copy_lesion_link(App& app, uint32_t lesion, double now);

// Quiz intents. Random sets come from the explorer's filtered list.
void start_random_quiz(App& app);
void start_link_quiz(App& app);
void quiz_next(App& app);
void end_quiz(App& app);

// Exports (browser downloads / files). Return false with last_export.error set.
bool export_scores_csv(App& app);
bool export_quiz_csv(App& app);
// Asks the shell to capture the patient sheet after the next frames; the PNG is
// saved when the pixels arrive.
bool export_sheet_png(App& app, std::array<float, 4> rect);

// window.duckling.state() sections: out["share"] (link, messages, copies),
// out["quiz"] (progress, picks, results, summary) and out["exports"].
void share_state_json(const App& app, nlohmann::json& out);

}  // namespace duck
