// view_state.h - everything a deep link describes (dataset source, patient, lesion,
// mode, sort, filters, labels, viewer zoom/pan, quiz set) and its URL codec:
//   ?data=https://host/isic/#patient=IP_7279968&lesion=ISIC_2637011&mode=viewer
// The codec is separate from the filter and view logic: it only turns a ViewState
// into text and back, omitting defaults so links stay short and readable. Decoding
// treats the text as hostile: length caps, strict numbers, ids from a conservative
// charset, and a specific message for the first thing that is wrong.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace duck {

enum class ViewMode : uint8_t { Grid, Viewer, Compare, Overview, Quiz };
inline constexpr int kViewModeCount = 5;
std::string_view view_mode_name(ViewMode m);  // "grid" | "viewer" | "compare" | "overview" | "quiz"
bool parse_view_mode(std::string_view text, ViewMode& out);

// Patient filters as they travel in a link. Field meanings follow the explorer's
// patient list; "unset" values (empty, -1, 0 mask, Any) mean "no constraint".
struct LinkFilters {
    enum class SexIs : uint8_t { Any, Male, Female, Unknown };
    enum class Melanoma : uint8_t { Any, Has, None, Unlabelled };  // has melanoma / has none / unlabelled
    std::string search;        // patient id or image name substring (UTF-8, <= kLinkMaxSearch bytes)
    SexIs sex = SexIs::Any;
    int age_min = -1, age_max = -1;          // years, inclusive; -1 = open end
    uint8_t sites = 0;                       // bit i = duck::Site(i); 0 = all sites
    Melanoma melanoma = Melanoma::Any;
    int lesions_min = -1, lesions_max = -1;  // lesion count per patient, inclusive; -1 = open
    std::string diagnosis;                   // ISIC diagnosis ("nevus", "lentigo NOS"); empty = any
    bool operator==(const LinkFilters&) const = default;
    bool empty() const { return *this == LinkFilters{}; }
};

struct ViewState {
    // Dataset source. `data_url` travels in `?data=` (http(s) or relative path only);
    // `local_folder` is the name of a folder the sender opened from disk, which the
    // recipient must open themselves (it travels in the hash as `local=`).
    std::string data_url;
    std::string local_folder;
    // Classifier predictions files (`&pred=URL`, repeatable, after ?data=): kept in
    // the link so that reloading or sharing it loads them again.
    std::vector<std::string> pred_urls;

    std::string patient;          // patient id, empty = patient list only
    std::string lesion;           // selected image name, empty = none
    ViewMode mode = ViewMode::Grid;
    std::string compare_lesion;   // right-hand lesion in compare mode

    std::string sort_key;         // patient list column ("id", "age", "score"...); empty = default
    bool sort_descending = false;
    LinkFilters filters;
    std::string tile_order;       // patient view tile order ("site", "score", "name"); empty = file order
    uint8_t grid_sites = 0;       // patient view restricted to these sites (body-map click); bit i = Site(i)
    bool labels_hidden = false;   // diagnoses/labels hidden (quiz or teaching)

    // Viewer zoom relative to "fit" (1 = fitted, 2 = twice that); 0 = follow the window
    // (fitted). Relative so the view matches on a recipient's different screen.
    float zoom = 0.0f;
    // Viewer pan: the image point at the view centre, in image-normalised units
    // (0.5,0.5 = image centre). Meaningful only when zoom != 0.
    float pan_x = 0.0f, pan_y = 0.0f;

    std::vector<std::string> quiz_cases;  // curated quiz set (patient ids), in order
    uint32_t quiz_seed = 0;               // random quiz set seed (used when quiz_cases is empty)
    int quiz_count = 0;                   // random quiz set size; 0 = app default
    bool quiz_include_none = false;       // random set may include patients without melanoma
    int quiz_case = 0;                    // current case, 0-based (1-based in the URL)

    bool operator==(const ViewState&) const = default;
};

// Limits applied when decoding (and assumed when encoding).
inline constexpr size_t kLinkMaxHashLength = 16384;
inline constexpr size_t kLinkMaxSearch = 200;
inline constexpr size_t kLinkMaxFolderName = 255;
inline constexpr size_t kLinkMaxQuizCases = 500;
inline constexpr int kLinkMaxQuizCount = 500;
inline constexpr float kLinkMinZoom = 0.01f, kLinkMaxZoom = 1024.0f, kLinkMaxPan = 1.0e4f;

// "#patient=...&lesion=..." with defaults omitted, fields in a fixed order, values
// percent-encoded. A default ViewState encodes to "" (no hash at all).
std::string encode_hash(const ViewState& s);
// "?data=..." for s.data_url (":" and "/" left readable) followed by "&pred=..."
// for each of s.pred_urls, or "" when there is no data_url.
std::string encode_query(const ViewState& s);
// encode_query + encode_hash: what follows the page path in a shareable link.
std::string encode_link(const ViewState& s);

// Parses a location.hash ("#..." or without '#'). Unknown keys and repeated keys are
// not fatal: they are ignored (the first value wins) and described in `notes`. Anything
// else that is wrong (bad escape, invalid id, number out of range, hash too long) fails
// with a message naming the key. Never throws, never reads outside `hash`.
Result<ViewState> decode_hash(std::string_view hash, std::vector<std::string>* notes = nullptr);
// Parses location.search and returns the validated `?data=` value ("" when absent).
Result<std::string> decode_query(std::string_view search);
// Query + hash together (data_url from the query, the rest from the hash).
Result<ViewState> decode_link(std::string_view search, std::string_view hash, std::vector<std::string>* notes = nullptr);

}  // namespace duck
