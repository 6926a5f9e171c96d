// view_state.cpp - ViewState <-> "#key=value&..." and "?data=...". Field order and
// key names are part of the URL contract (links live in e-mails and slides): add
// keys, never rename them.
#include "core/view/view_state.h"

#include <array>

#include "core/data/dataset.h"
#include "core/view/prediction_links.h"
#include "core/base/url_codec.h"

namespace duck {

namespace {

constexpr std::array<std::string_view, kViewModeCount> kModeNames = {"grid", "viewer", "compare", "overview", "quiz"};
// Site slugs for links: ISIC's own names contain '/' and spaces.
constexpr std::array<std::string_view, kSiteCount> kSiteSlugs = {
    "head_neck", "upper_extremity", "lower_extremity", "torso", "palms_soles", "oral_genital", "unknown"};
constexpr std::array<std::string_view, 4> kSexNames = {"any", "male", "female", "unknown"};
constexpr std::array<std::string_view, 4> kMelanomaNames = {"any", "yes", "no", "unlabelled"};
constexpr int kMaxYears = 200, kMaxLesions = 100000;

// Characters left readable inside values: none of them separates keys or values.
constexpr std::string_view kKeepValue = ",:/";

// Diagnosis text: ISIC diagnoses are short lowercase words with spaces and '-'.
bool is_safe_diagnosis(std::string_view d) {
    if (d.empty() || d.size() > 64) return false;
    for (char c : d) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' ||
                        c == '-' || c == '_' || c == '/' || c == '.' || c == '(' || c == ')';
        if (!ok) return false;
    }
    return true;
}

// Sort column names: lowercase words joined by '_' ("age", "top_score").
bool is_column_name(std::string_view n) {
    if (n.empty() || n.size() > 32) return false;
    for (char c : n)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

// Writes "lo..hi", "lo..", "..hi" for an inclusive range with -1 as an open end.
std::string range_text(int lo, int hi) {
    std::string s = lo >= 0 ? std::to_string(lo) : std::string();
    s += "..";
    if (hi >= 0) s += std::to_string(hi);
    return s;
}

Status parse_range(std::string_view key, std::string_view v, int max, int& lo, int& hi) {
    const size_t dots = v.find("..");
    const std::string msg = "'" + std::string(key) + "' must be a range like 30..60, 30.. or ..60 with whole numbers 0-" +
                            std::to_string(max);
    if (dots == std::string_view::npos || dots + 2 > v.size()) return Status::fail(msg);
    const std::string_view a = v.substr(0, dots), b = v.substr(dots + 2);
    int64_t x = -1, y = -1;
    if (a.empty() && b.empty()) return Status::fail(msg);
    if (!a.empty() && !parse_int_strict(a, 0, max, x)) return Status::fail(msg);
    if (!b.empty() && !parse_int_strict(b, 0, max, y)) return Status::fail(msg);
    if (x >= 0 && y >= 0 && x > y) return Status::fail("'" + std::string(key) + "' range is reversed (" + std::string(v) + ")");
    lo = static_cast<int>(x);
    hi = static_cast<int>(y);
    return Status::success();
}

template <size_t N>
bool parse_name(const std::array<std::string_view, N>& names, std::string_view v, uint8_t& out) {
    for (size_t i = 0; i < N; ++i)
        if (names[i] == v) {
            out = static_cast<uint8_t>(i);
            return true;
        }
    return false;
}

void add(std::string& out, std::string_view key, std::string_view value) {
    out += out.empty() ? '#' : '&';
    out += key;
    out += '=';
    out += percent_encode(value, kKeepValue);
}

std::string site_list(uint8_t mask) {
    std::string list;
    for (int i = 0; i < kSiteCount; ++i)
        if (mask & (1u << i)) list += (list.empty() ? "" : ",") + std::string(kSiteSlugs[i]);
    return list;
}

std::string bad_id(std::string_view key) {
    return "'" + std::string(key) + "' must be 1-" + std::to_string(kMaxIdLength) +
           " letters, digits, '_', '-' or '.' (like IP_7279968 or ISIC_2637011)";
}

// Applies one decoded key/value; returns a failure message, or sets `known` false.
Status apply(ViewState& s, std::string_view key, const std::string& v, bool& known) {
    known = true;
    auto& f = s.filters;
    auto id_field = [&](std::string& dst) { return is_safe_id(v) ? (dst = v, Status{}) : Status::fail(bad_id(key)); };
    if (key == "patient") return id_field(s.patient);
    if (key == "lesion") return id_field(s.lesion);
    if (key == "compare") return id_field(s.compare_lesion);
    if (key == "mode")
        return parse_view_mode(v, s.mode) ? Status{} : Status::fail("'mode' must be grid, viewer, compare, overview or quiz");
    if (key == "local") {
        if (v.empty() || v.size() > kLinkMaxFolderName) return Status::fail("'local' folder name must be 1-255 bytes");
        s.local_folder = v;
        return {};
    }
    if (key == "zoom")
        return parse_float_strict(v, kLinkMinZoom, kLinkMaxZoom, s.zoom) ? Status{} : Status::fail("'zoom' must be a number from 0.01 to 1024");
    if (key == "pan") {
        const size_t comma = v.find(',');
        const std::string_view sv = v;
        if (comma == std::string::npos || !parse_float_strict(sv.substr(0, comma), -kLinkMaxPan, kLinkMaxPan, s.pan_x) ||
            !parse_float_strict(sv.substr(comma + 1), -kLinkMaxPan, kLinkMaxPan, s.pan_y))
            return Status::fail("'pan' must be two numbers like 0.25,-0.5");
        return {};
    }
    if (key == "sort") {
        const std::string_view sv = v;
        const bool desc = !sv.empty() && sv[0] == '-';
        const std::string_view name = desc ? sv.substr(1) : sv;
        if (!is_column_name(name))
            return Status::fail("'sort' must be a column name, optionally prefixed by '-' for descending");
        s.sort_key = name;
        s.sort_descending = desc;
        return {};
    }
    if (key == "order") {
        if (!is_column_name(v)) return Status::fail("'order' must be a tile order such as site, score or name");
        s.tile_order = v;
        return {};
    }
    if (key == "q") {
        if (v.size() > kLinkMaxSearch) return Status::fail("'q' search text is longer than " + std::to_string(kLinkMaxSearch) + " bytes");
        f.search = v;
        return {};
    }
    if (key == "sex") {
        uint8_t i = 0;
        if (!parse_name(kSexNames, v, i)) return Status::fail("'sex' must be male, female or unknown");
        f.sex = static_cast<LinkFilters::SexIs>(i);
        return {};
    }
    if (key == "age") return parse_range(key, v, kMaxYears, f.age_min, f.age_max);
    if (key == "lesions") return parse_range(key, v, kMaxLesions, f.lesions_min, f.lesions_max);
    if (key == "site" || key == "region") {
        uint8_t mask = 0;
        std::string_view rest = v;
        while (true) {
            const size_t comma = rest.find(',');
            uint8_t i = 0;
            if (!parse_name(kSiteSlugs, rest.substr(0, comma), i))
                return Status::fail("'" + std::string(key) + "' must be a comma-separated list of head_neck, upper_extremity, "
                                    "lower_extremity, torso, palms_soles, oral_genital, unknown");
            mask = static_cast<uint8_t>(mask | (1u << i));
            if (comma == std::string_view::npos) break;
            rest = rest.substr(comma + 1);
        }
        (key == "site" ? f.sites : s.grid_sites) = mask;
        return {};
    }
    if (key == "melanoma") {
        uint8_t i = 0;
        if (!parse_name(kMelanomaNames, v, i)) return Status::fail("'melanoma' must be yes, no or unlabelled");
        f.melanoma = static_cast<LinkFilters::Melanoma>(i);
        return {};
    }
    if (key == "dx") {
        if (!is_safe_diagnosis(v)) return Status::fail("'dx' must be a diagnosis name of up to 64 plain characters");
        f.diagnosis = v;
        return {};
    }
    if (key == "labels") {
        if (v != "hidden" && v != "shown") return Status::fail("'labels' must be hidden or shown");
        s.labels_hidden = v == "hidden";
        return {};
    }
    if (key == "quiz") {
        s.quiz_cases.clear();
        std::string_view rest = v;
        while (!rest.empty()) {
            const size_t comma = rest.find(',');
            const std::string_view id = rest.substr(0, comma);
            if (!is_safe_id(id)) return Status::fail("'quiz' must be a comma-separated list of patient ids; " + bad_id("quiz"));
            if (s.quiz_cases.size() >= kLinkMaxQuizCases)
                return Status::fail("'quiz' lists more than " + std::to_string(kLinkMaxQuizCases) + " cases");
            s.quiz_cases.emplace_back(id);
            if (comma == std::string_view::npos) break;
            rest = rest.substr(comma + 1);
            if (rest.empty()) return Status::fail("'quiz' ends with a comma");
        }
        if (s.quiz_cases.empty()) return Status::fail("'quiz' lists no cases");
        return {};
    }
    int64_t n = 0;
    if (key == "seed") {
        if (!parse_int_strict(v, 0, UINT32_MAX, n)) return Status::fail("'seed' must be a whole number 0-4294967295");
        s.quiz_seed = static_cast<uint32_t>(n);
        return {};
    }
    if (key == "n") {
        if (!parse_int_strict(v, 1, kLinkMaxQuizCount, n)) return Status::fail("'n' (quiz size) must be 1-" + std::to_string(kLinkMaxQuizCount));
        s.quiz_count = static_cast<int>(n);
        return {};
    }
    if (key == "none") {
        if (v != "1" && v != "0") return Status::fail("'none' must be 1 or 0");
        s.quiz_include_none = v == "1";
        return {};
    }
    if (key == "case") {
        if (!parse_int_strict(v, 1, kLinkMaxQuizCases, n)) return Status::fail("'case' must be 1-" + std::to_string(kLinkMaxQuizCases));
        s.quiz_case = static_cast<int>(n - 1);
        return {};
    }
    known = false;
    return {};
}

}  // namespace

std::string_view view_mode_name(ViewMode m) {
    const auto i = static_cast<size_t>(m);
    return i < kModeNames.size() ? kModeNames[i] : kModeNames[0];
}

bool parse_view_mode(std::string_view text, ViewMode& out) {
    uint8_t i = 0;
    if (!parse_name(kModeNames, text, i)) return false;
    out = static_cast<ViewMode>(i);
    return true;
}

std::string encode_hash(const ViewState& s) {
    std::string out;
    const LinkFilters& f = s.filters;
    if (!s.local_folder.empty()) add(out, "local", s.local_folder);
    if (!s.patient.empty()) add(out, "patient", s.patient);
    if (!s.lesion.empty()) add(out, "lesion", s.lesion);
    // A quiz list implies mode=quiz when mode is absent (#quiz=IP_a,IP_b is a whole link).
    const ViewMode implied = s.quiz_cases.empty() ? ViewMode::Grid : ViewMode::Quiz;
    if (s.mode != implied) add(out, "mode", view_mode_name(s.mode));
    if (!s.compare_lesion.empty()) add(out, "compare", s.compare_lesion);
    if (s.zoom != 0.0f) add(out, "zoom", format_float_exact(s.zoom));
    if (s.pan_x != 0.0f || s.pan_y != 0.0f) add(out, "pan", format_float_exact(s.pan_x) + "," + format_float_exact(s.pan_y));
    if (!s.sort_key.empty()) add(out, "sort", (s.sort_descending ? "-" : "") + s.sort_key);
    if (!f.search.empty()) add(out, "q", f.search);
    if (f.sex != LinkFilters::SexIs::Any) add(out, "sex", kSexNames[static_cast<size_t>(f.sex)]);
    if (f.age_min >= 0 || f.age_max >= 0) add(out, "age", range_text(f.age_min, f.age_max));
    if (f.sites != 0) add(out, "site", site_list(f.sites));
    if (f.melanoma != LinkFilters::Melanoma::Any) add(out, "melanoma", kMelanomaNames[static_cast<size_t>(f.melanoma)]);
    if (f.lesions_min >= 0 || f.lesions_max >= 0) add(out, "lesions", range_text(f.lesions_min, f.lesions_max));
    if (!f.diagnosis.empty()) add(out, "dx", f.diagnosis);
    if (!s.tile_order.empty()) add(out, "order", s.tile_order);
    if (s.grid_sites != 0) add(out, "region", site_list(s.grid_sites));
    if (s.labels_hidden) add(out, "labels", "hidden");
    if (!s.quiz_cases.empty()) {
        std::string list;
        for (const auto& id : s.quiz_cases) list += (list.empty() ? "" : ",") + id;
        add(out, "quiz", list);
    }
    if (s.quiz_seed != 0) add(out, "seed", std::to_string(s.quiz_seed));
    if (s.quiz_count != 0) add(out, "n", std::to_string(s.quiz_count));
    if (s.quiz_include_none) add(out, "none", "1");
    if (s.quiz_case != 0) add(out, "case", std::to_string(s.quiz_case + 1));
    return out;
}

std::string encode_query(const ViewState& s) {
    // ?pred= files may come without ?data= (they then apply to the demo): keep them.
    const std::string preds = encode_prediction_query(s.pred_urls);
    if (s.data_url.empty()) return preds.empty() ? std::string() : "?" + preds.substr(1);
    return "?data=" + percent_encode(s.data_url, ":/") + preds;
}

std::string encode_link(const ViewState& s) { return encode_query(s) + encode_hash(s); }

Result<ViewState> decode_hash(std::string_view hash, std::vector<std::string>* notes) {
    if (!hash.empty() && hash[0] == '#') hash.remove_prefix(1);
    if (hash.size() > kLinkMaxHashLength)
        return Error{"the link's view part is " + std::to_string(hash.size()) + " characters long (limit " +
                     std::to_string(kLinkMaxHashLength) + ")"};
    ViewState s;
    bool saw_mode = false;
    std::vector<std::string> seen;
    while (!hash.empty()) {
        const size_t amp = hash.find('&');
        const std::string_view part = hash.substr(0, amp);
        hash = amp == std::string_view::npos ? std::string_view{} : hash.substr(amp + 1);
        if (part.empty()) continue;  // tolerate "&&" and a trailing '&'
        const size_t eq = part.find('=');
        auto key_r = percent_decode(part.substr(0, eq));
        if (!key_r || key_r->empty() || key_r->size() > 32 || !is_safe_id(key_r.value())) {
            if (notes) notes->push_back("ignored a malformed entry in the link");
            continue;
        }
        const std::string& key = key_r.value();
        if (eq == std::string_view::npos) return Error{"'" + key + "' in the link has no value (expected " + key + "=...)"};
        bool duplicate = false;
        for (const auto& k : seen) duplicate = duplicate || k == key;
        if (duplicate) {
            if (notes) notes->push_back("'" + key + "' appears more than once in the link; the first value is used");
            continue;
        }
        seen.push_back(key);
        auto value = percent_decode(part.substr(eq + 1));
        if (!value) return Error{"'" + key + "' in the link: " + value.error().message};
        bool known = true;
        const Status st = apply(s, key, value.value(), known);
        if (!st.ok()) return Error{st.message};
        if (!known && notes) notes->push_back("ignored unknown key '" + key + "' in the link");
        saw_mode = saw_mode || key == "mode";
    }
    if (!s.quiz_cases.empty() && !saw_mode) s.mode = ViewMode::Quiz;
    if (!s.quiz_cases.empty() && s.quiz_case >= static_cast<int>(s.quiz_cases.size()))
        return Error{"'case' is past the end of the quiz (" + std::to_string(s.quiz_cases.size()) + " cases)"};
    return s;
}

Result<std::string> decode_query(std::string_view search) {
    auto p = query_param(search, "data");
    if (!p) return Error{p.error().message};
    if (!p->found) return std::string();
    const Status st = validate_data_url(p->value);
    if (!st.ok()) return Error{"?data=: " + st.message};
    return std::move(p->value);
}

Result<ViewState> decode_link(std::string_view search, std::string_view hash, std::vector<std::string>* notes) {
    auto data = decode_query(search);
    if (!data) return Error{data.error().message};
    auto s = decode_hash(hash, notes);
    if (!s) return s;
    s->data_url = std::move(data.value());
    if (auto preds = prediction_urls(search); preds.ok()) s->pred_urls = std::move(preds.value());
    return s;
}

}  // namespace duck
