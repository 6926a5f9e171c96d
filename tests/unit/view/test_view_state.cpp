// test_view_state.cpp - deep-link codec: readable examples, a property test that any
// valid ViewState survives encode -> decode exactly, and hostile input (random bytes,
// huge or truncated hashes) that must never crash and must explain itself.
#include <doctest/doctest.h>

#include "core/base/prng.h"
#include "core/view/view_state.h"

using namespace duck;

namespace {

std::string random_id(SplitMix64& r, const char* prefix) {
    std::string s = prefix;
    const int n = 1 + static_cast<int>(r.below(10));
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + r.below(10));
    return s;
}

// Any UTF-8 text, including the characters that separate keys and values.
std::string random_text(SplitMix64& r, size_t max_bytes) {
    static const char* kPieces[] = {"a", "Z", "0", " ", "&", "=", "#", "%", "+", ",", "?", "/", ":", "..", "-",
                                    "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\xA6\x86", "%41", "<b>", "'", "\""};
    std::string s;
    const size_t n = 1 + r.below(12);
    for (size_t i = 0; i < n; ++i) {
        const std::string piece = kPieces[r.below(sizeof kPieces / sizeof *kPieces)];
        if (s.size() + piece.size() > max_bytes) break;
        s += piece;
    }
    return s.empty() ? "x" : s;
}

float random_float(SplitMix64& r, float lo, float hi) { return lo + r.unit() * (hi - lo); }

void random_range(SplitMix64& r, int max, int& lo, int& hi) {
    lo = r.below(3) ? static_cast<int>(r.below(max + 1)) : -1;
    hi = r.below(3) ? static_cast<int>(r.below(max + 1)) : -1;
    if (lo >= 0 && hi >= 0 && lo > hi) std::swap(lo, hi);
}

// Each field is set with probability ~1/2 so defaults and combinations both get covered.
ViewState random_state(SplitMix64& r) {
    ViewState s;
    auto coin = [&] { return r.below(2) == 0; };
    static const char* kUrls[] = {"https://data.example.org/isic/", "http://localhost:8000/d?x=1&y=2", "demo/",
                                  "../a/c?x#d", "https://h.org/%41%"};
    if (coin()) s.data_url = kUrls[r.below(5)];
    if (coin()) s.local_folder = random_text(r, kLinkMaxFolderName);
    if (coin()) s.patient = random_id(r, "IP_");
    if (coin()) s.lesion = random_id(r, "ISIC_");
    s.mode = static_cast<ViewMode>(r.below(kViewModeCount));
    if (coin()) s.compare_lesion = random_id(r, "ISIC_");
    static const char* kSorts[] = {"id", "age", "lesions", "melanomas", "top_score", "sex"};
    if (coin()) s.sort_key = kSorts[r.below(6)];
    s.sort_descending = !s.sort_key.empty() && coin();
    auto& f = s.filters;
    if (coin()) f.search = random_text(r, kLinkMaxSearch);
    f.sex = static_cast<LinkFilters::SexIs>(r.below(4));
    if (coin()) random_range(r, 200, f.age_min, f.age_max);
    if (coin()) f.sites = static_cast<uint8_t>(r.below(128));
    f.melanoma = static_cast<LinkFilters::Melanoma>(r.below(4));
    if (coin()) random_range(r, 100000, f.lesions_min, f.lesions_max);
    static const char* kDx[] = {"nevus", "melanoma", "lentigo NOS", "seborrheic keratosis", "cafe-au-lait macule"};
    if (coin()) f.diagnosis = kDx[r.below(5)];
    static const char* kOrders[] = {"site", "score", "name", "file"};
    if (coin()) s.tile_order = kOrders[r.below(4)];
    if (coin()) s.grid_sites = static_cast<uint8_t>(r.below(128));
    s.labels_hidden = coin();
    if (coin()) s.zoom = random_float(r, kLinkMinZoom, 64.0f);
    if (coin()) {
        s.pan_x = random_float(r, -3.0f, 3.0f);
        s.pan_y = random_float(r, -3.0f, 3.0f);
    }
    if (coin()) {
        const size_t n = 1 + r.below(20);
        for (size_t i = 0; i < n; ++i) s.quiz_cases.push_back(random_id(r, "IP_"));
        if (coin()) s.quiz_case = static_cast<int>(r.below(n));
    } else if (coin()) {
        s.quiz_case = static_cast<int>(r.below(kLinkMaxQuizCases));
    }
    if (coin()) s.quiz_seed = static_cast<uint32_t>(r.next());
    if (coin()) s.quiz_count = 1 + static_cast<int>(r.below(kLinkMaxQuizCount));
    s.quiz_include_none = coin();
    return s;
}

}  // namespace

TEST_CASE("a patient and lesion link is readable") {
    ViewState s;
    s.patient = "IP_7279968";
    s.lesion = "ISIC_2637011";
    s.mode = ViewMode::Viewer;
    CHECK(encode_hash(s) == "#patient=IP_7279968&lesion=ISIC_2637011&mode=viewer");
    CHECK(encode_hash(ViewState{}) == "");
    s.data_url = "https://data.example.org/isic 2020/";
    CHECK(encode_link(s) ==
          "?data=https://data.example.org/isic%202020/#patient=IP_7279968&lesion=ISIC_2637011&mode=viewer");
}

TEST_CASE("every field has a readable form") {
    ViewState s;
    s.filters.age_min = 30;
    s.filters.age_max = 60;
    s.filters.sites = 0b1001;  // head/neck + torso
    s.filters.melanoma = LinkFilters::Melanoma::Has;
    s.filters.sex = LinkFilters::SexIs::Female;
    s.filters.lesions_min = 10;
    s.filters.search = "ISIC 1";
    s.sort_key = "age";
    s.sort_descending = true;
    s.zoom = 2.5f;
    s.pan_x = 0.25f;
    s.pan_y = -0.5f;
    s.labels_hidden = true;
    s.tile_order = "score";
    s.grid_sites = 0b1000;
    CHECK(encode_hash(s) ==
          "#zoom=2.5&pan=0.25,-0.5&sort=-age&q=ISIC%201&sex=female&age=30..60&site=head_neck,torso"
          "&melanoma=yes&lesions=10..&order=score&region=torso&labels=hidden");
}

TEST_CASE("#patient=...&lesion=... alone decodes, defaults fill the rest") {
    auto s = decode_hash("#patient=IP_7279968&lesion=ISIC_2637011");
    REQUIRE(s.ok());
    CHECK(s->patient == "IP_7279968");
    CHECK(s->lesion == "ISIC_2637011");
    CHECK(s->mode == ViewMode::Grid);
    CHECK(s->zoom == 0.0f);
    CHECK(decode_hash("").ok());
    CHECK(decode_hash("#").value() == ViewState{});
}

TEST_CASE("#quiz=IP_a,IP_b implies quiz mode") {
    auto s = decode_hash("#quiz=IP_1,IP_2,IP_3");
    REQUIRE(s.ok());
    CHECK(s->mode == ViewMode::Quiz);
    CHECK(s->quiz_cases == std::vector<std::string>{"IP_1", "IP_2", "IP_3"});
    CHECK(encode_hash(s.value()) == "#quiz=IP_1,IP_2,IP_3");
    CHECK_FALSE(decode_hash("#quiz=IP_1,,IP_2").ok());
    CHECK_FALSE(decode_hash("#quiz=IP_1,").ok());
    CHECK(decode_hash("#quiz=IP_1,IP_2&case=3").error().message.find("past the end") != std::string::npos);
}

TEST_CASE("property: encode then decode gives back any view state") {
    SplitMix64 rng(20260127);
    int checked = 0;
    for (int iter = 0; iter < 20000; ++iter) {
        const ViewState s = random_state(rng);
        const std::string q = encode_query(s), h = encode_hash(s);
        std::vector<std::string> notes;
        auto back = decode_link(q, h, &notes);
        INFO("link: " << q << h);
        REQUIRE_MESSAGE(back.ok(), (back.ok() ? "" : back.error().message));
        REQUIRE(back.value() == s);
        CHECK(notes.empty());
        // Encoding is canonical: a decoded state encodes to the same text.
        CHECK(encode_link(back.value()) == q + h);
        ++checked;
    }
    CHECK(checked == 20000);
}

TEST_CASE("malformed values fail with a message naming the key") {
    struct Case { const char* hash; const char* needle; };
    const Case cases[] = {
        {"#patient=<img src=x onerror=alert(1)>", "'patient'"},
        {"#patient=IP_1%", "truncated percent escape"},
        {"#lesion=ISIC_%zz", "invalid percent escape"},
        {"#lesion=" "ISIC_1111111111111111111111111111111111111111111111111111111111111", "'lesion'"},
        {"#mode=slideshow", "'mode'"},
        {"#zoom=abc", "'zoom'"},
        {"#zoom=1e30", "'zoom'"},
        {"#zoom=-2", "'zoom'"},
        {"#pan=1", "'pan'"},
        {"#pan=1,nan", "'pan'"},
        {"#age=60..30", "reversed"},
        {"#age=30", "'age'"},
        {"#age=..", "'age'"},
        {"#lesions=-1..5", "'lesions'"},
        {"#site=elbow", "'site'"},
        {"#sex=robot", "'sex'"},
        {"#melanoma=maybe", "'melanoma'"},
        {"#labels=0", "'labels'"},
        {"#seed=-1", "'seed'"},
        {"#seed=4294967296", "'seed'"},
        {"#n=0", "'n'"},
        {"#case=0", "'case'"},
        {"#sort=age;drop", "'sort'"},
        {"#order=Site!", "'order'"},
        {"#region=torso,,", "'region'"},
        {"#dx=<b>", "'dx'"},
        {"#q=%00", "control character"},
        {"#local=%FF", "UTF-8"},
        {"#patient", "no value"},
    };
    for (const auto& c : cases) {
        INFO(c.hash);
        auto r = decode_hash(c.hash);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find(c.needle) != std::string::npos);
    }
}

TEST_CASE("unknown and repeated keys are ignored and reported") {
    std::vector<std::string> notes;
    auto s = decode_hash("#patient=IP_1&utm_source=mail&patient=IP_2&&=x", &notes);
    REQUIRE(s.ok());
    CHECK(s->patient == "IP_1");
    REQUIRE(notes.size() == 3);
    CHECK(notes[0].find("utm_source") != std::string::npos);
    CHECK(notes[1].find("more than once") != std::string::npos);
}

TEST_CASE("?data= accepts http(s) and relative paths, rejects other schemes") {
    CHECK(decode_query("?data=https://h.org/isic/").value() == "https://h.org/isic/");
    CHECK(decode_query("?data=demo%2F").value() == "demo/");
    CHECK(decode_query("").value().empty());
    CHECK(decode_query("?other=1").value().empty());
    for (const char* bad : {"?data=javascript:alert(1)", "?data=data:text/html,x", "?data=%2F%2Fevil.org",
                            "?data=file:///etc", "?data=", "?data=%E0"}) {
        INFO(bad);
        auto r = decode_query(bad);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().message.find("?data=") == 0);
    }
    CHECK_FALSE(decode_link("?data=javascript:x", "#patient=IP_1").ok());
}

TEST_CASE("hostile hashes never crash and failures always explain themselves") {
    SplitMix64 rng(99);
    const std::string alphabet = "patientlesionmodezoomquiz=&%,.-_0123456789#+ <>\"'\x01\xC3\xA9\xFF";
    int failures = 0;
    for (int iter = 0; iter < 20000; ++iter) {
        std::string h;
        const size_t n = rng.below(200);
        const bool bytes = rng.below(2) == 0;
        for (size_t i = 0; i < n; ++i)
            h += bytes ? static_cast<char>(rng.below(256)) : alphabet[rng.below(alphabet.size())];
        std::vector<std::string> notes;
        auto r = decode_hash(h, &notes);
        if (!r.ok()) {
            ++failures;
            CHECK_FALSE(r.error().message.empty());
        } else {
            // Whatever decoded is valid, so it re-encodes and decodes to the same state.
            auto again = decode_hash(encode_hash(r.value()));
            REQUIRE(again.ok());
            CHECK(again.value() == r.value());
        }
        auto q = decode_query(h);
        if (!q.ok()) CHECK_FALSE(q.error().message.empty());
    }
    CHECK(failures > 0);
}

TEST_CASE("huge and truncated hashes are refused with a length message") {
    const std::string huge = "#q=" + std::string(kLinkMaxHashLength + 10, 'a');
    auto r = decode_hash(huge);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("limit") != std::string::npos);
    CHECK(decode_hash("#q=" + std::string(kLinkMaxSearch + 1, 'a')).error().message.find("'q'") != std::string::npos);
    std::string many = "#quiz=IP_0";
    for (size_t i = 1; i <= kLinkMaxQuizCases; ++i) many += ",IP_" + std::to_string(i);
    CHECK(decode_hash(many).error().message.find("more than") != std::string::npos);
    // Every prefix of a valid link is either valid or fails cleanly.
    const std::string link = "#patient=IP_7279968&lesion=ISIC_2637011&mode=viewer&zoom=2.5&pan=0.1,0.2&q=%C3%A9%20x";
    for (size_t i = 0; i <= link.size(); ++i) {
        auto p = decode_hash(std::string_view(link).substr(0, i));
        if (!p.ok()) CHECK_FALSE(p.error().message.empty());
    }
}
