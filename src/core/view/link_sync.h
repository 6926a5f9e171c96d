// link_sync.h - keeping the page URL and the view in step, without touching the
// browser: resolving a decoded link against the loaded dataset (unknown patient or
// lesion -> a message and the patient list), converting the viewer's zoom/pan to the
// link's screen-independent form and back, and deciding when the URL needs a new
// history entry (patient, lesion, mode changes: pushState) or a quiet, debounced
// replacement (zoom, pan, filters: replaceState).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/view/view_state.h"
#include "core/view/viewer_math.h"

namespace duck {

// A link's ids looked up in the dataset.
struct ResolvedLink {
    uint32_t patient = kNone;
    uint32_t lesion = kNone;
    uint32_t compare = kNone;
    // True when the link named a patient/lesion that cannot be shown: the app shows
    // the patient list with `messages`.
    bool fallback_to_list = false;
    std::vector<std::string> messages;  // for people; plain text, never HTML
};

// Looks up patient, lesion and compare lesion. A lesion alone selects its patient;
// a lesion of another patient than the one named is dropped with a message.
ResolvedLink resolve_link(const ViewState& s, const Dataset& ds);

// Link zoom/pan (relative to fit, centre in image-normalised units) -> viewer view
// for an image of img_w x img_h pixels shown in a view_w x view_h viewport.
ImageView image_view_from_link(const ViewState& s, float img_w, float img_h, float view_w, float view_h);
// Viewer view -> link zoom/pan fields of `s` (zoom 0 when fitted). Values are rounded
// (zoom to 4 significant digits, centre to 1/10000) so links stay short and a tiny
// drift does not rewrite the URL.
void link_zoom_pan_from_view(ViewState& s, const ImageView& v, float img_w, float img_h, float view_w, float view_h);

enum class HistoryOp { None, Push, Replace };

// The fields whose change is a navigation, a new history entry (back/forward steps
// between them): dataset, patient, lesion, mode, compare lesion or quiz case. The
// app's intents bump its view revision exactly when one of them changes.
bool is_navigation(const ViewState& a, const ViewState& b);

// Decides, frame by frame, what to do with the URL. The caller passes its view
// revision, which its navigation intents bump: a new revision pushes at once;
// other changes are written with replaceState once the view has been still for
// `debounce_s` seconds (dragging the viewer must not flood the history API).
class UrlSync {
public:
    explicit UrlSync(double debounce_s = 0.3) : debounce_s_(debounce_s) {}
    // The URL now shows `s` at view revision `revision` (page load, a link or
    // popstate/hashchange applied): nothing to write.
    void reset(const ViewState& s, uint64_t revision);
    struct Update {
        // When set, replaceState(flush) first: a debounced change still pending for the
        // entry being left (so going back returns to the zoom the user last saw).
        std::string flush;
        HistoryOp op = HistoryOp::None;
        std::string link;  // encode_link(): "?data=...#..." (may be empty = bare page)
    };
    // Call every frame with the current view, its revision and a monotonic time in seconds.
    Update update(const ViewState& now, uint64_t revision, double t);
    const ViewState& written() const { return written_; }
    bool pending() const { return pending_; }

private:
    double debounce_s_;
    ViewState written_;
    std::string written_link_;
    uint64_t written_revision_ = 0;  // the view revision the written URL shows
    bool pending_ = false;
    std::string pending_link_;
    double changed_at_ = 0;
};

}  // namespace duck
