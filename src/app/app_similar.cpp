// app_similar.cpp - the similar-lesion strip's search and its caches; see
// app_similar.h. The space is rebuilt for a new dataset and as lesions get
// features (see kSpaceGrowth); a query over it is a brute-force pass (0.4 ms over
// 33,126 lesions natively), run once per lesion, model version and toggle.
#include "app/app_similar.h"

#include <nlohmann/json.hpp>

#include "core/model/malignancy_model.h"
#include "core/view/body_figure.h"

namespace duck {

namespace {

// Whether the strip was searched for the model's current features.
bool current(const SimilarState::StripCache& c, const App& app) {
    return c.data_generation == app.data_generation && c.model_version == app.model.version() &&
           c.featured == app.model.featured();
}

// Building the space over 33,126 lesions takes ~85 ms natively (bench similar_space),
// so while features stream in (an index being built) it is rebuilt only when the
// lesions with features grew by a quarter, or the lesion asked about is not in it
// yet; rows never change once featured, so an older space is a correct subset.
constexpr double kSpaceGrowth = 1.25;

const SimilarState::SpaceCache& space_of(const App& app, uint32_t query) {
    auto& c = app.similar.space;
    const bool query_missing = app.model.has_features(query) &&
                               (query >= c.space.present.size() || !c.space.present[query]);
    if (c.data_generation == app.data_generation && !query_missing &&
        double(app.model.featured()) < double(c.featured) * kSpaceGrowth)
        return c;
    // Nothing has features (e.g. a million metadata rows without images): no
    // space, rather than n x 61 floats of nothing.
    if (app.model.featured() == 0) {
        c.space = {};
        c.present = 0;
        c.data_generation = app.data_generation;
        c.featured = 0;
        return c;
    }
    const ModelSession& m = app.model;
    const auto& info = m.feature_info();
    const size_t n = app.dataset.lesions.size(), d = info.size();
    std::vector<float> raw(n * d, 0.0f);
    std::vector<uint8_t> present(n, 0);
    c.present = 0;
    for (size_t i = 0; i < n; ++i) {
        const auto& f = m.features(uint32_t(i));
        if (f.size() != d) continue;
        std::copy(f.begin(), f.end(), raw.begin() + long(i * d));
        present[i] = 1;
        ++c.present;
    }
    // The documented default space: all features plus the shipped direction (docs/model.md).
    SimilarOptions so;
    so.malignancy = &shipped_malignancy_model();
    c.space = build_similar_space(raw, n, present, info, so);
    c.data_generation = app.data_generation;
    c.featured = m.featured();
    return c;
}

SimilarStrip search(const App& app, uint32_t lesion, bool within) {
    SimilarStrip s;
    s.lesion = lesion;
    s.within_patient = within;
    const Dataset& ds = app.dataset;
    if (lesion >= ds.lesions.size()) {
        s.status = "no lesion selected";
        return s;
    }
    const auto& sc = space_of(app, lesion);
    const auto in_space = [&](uint32_t l) { return l < sc.space.present.size() && sc.space.present[l]; };
    std::vector<int> candidates;
    if (within) {
        for (uint32_t l : ds.patients[ds.lesions[lesion].patient].lesions)
            if (l != lesion && in_space(l)) candidates.push_back(int(l));
        s.searched = candidates.size();
    } else {
        s.searched = sc.present - (in_space(lesion) ? 1 : 0);
    }
    if (!app.model.has_features(lesion)) {
        s.status = "this lesion has no features yet (its image is being analysed)";
        return s;
    }
    if (s.searched == 0) {
        s.status = within ? "no other lesion of this patient has features yet" : "no other lesion has features yet";
        return s;
    }
    ++app.similar.searches;
    const auto found = nearest_lesions(sc.space, int(lesion), kSimilarDefaultK,
                                       within ? std::span<const int>(candidates) : std::span<const int>());
    const auto& info = app.model.feature_info();
    const auto& a = app.model.features(lesion);
    for (const Neighbour& nb : found) {
        const uint32_t l = uint32_t(nb.row);
        s.items.push_back({l, nb.distance, explain_similarity(sc.space, a, app.model.features(l), info)});
    }
    return s;
}

}  // namespace

const SimilarStrip& similar_strip(const App& app) {
    auto& c = app.similar.strip;
    const bool within = app.similar.within_patient;
    if (!current(c, app) || c.strip.lesion != app.view.lesion || c.strip.within_patient != within) {
        c.strip = search(app, app.view.lesion, within);
        c.data_generation = app.data_generation;
        c.model_version = app.model.version();
        c.featured = app.model.featured();
    }
    return c.strip;
}

void toggle_similar_within(App& app) {
    app.similar.within_patient = !app.similar.within_patient;
    app.request_redraw();
}

std::string_view label_word(Label l) {
    return l == Label::Malignant ? "malignant" : l == Label::Benign ? "benign" : "unlabelled";
}

std::string site_words(const Lesion& l) { return std::string(area_name(body_area(l.site, l.site_side))); }

bool similar_labels_shown(const App& app) { return !app.explorer.labels_hidden && !app.share.quiz.active(); }

nlohmann::json similar_state_json(const App& app) {
    using nlohmann::json;
    const SimilarStrip& s = similar_strip(app);
    const Dataset& ds = app.dataset;
    const bool labels = similar_labels_shown(app);
    json items = json::array();
    for (const SimilarItem& it : s.items) {
        const Lesion& l = ds.lesions[it.lesion];
        json j = {{"image_name", l.image_name},
                  {"patient", l.patient_id},
                  {"site", site_words(l)},
                  {"distance", it.distance},
                  {"why", it.why}};
        if (labels) {
            j["diagnosis"] = l.diagnosis;
            j["label"] = label_word(l.label);
        }
        items.push_back(std::move(j));
    }
    return {{"lesion", s.lesion < ds.lesions.size() ? json(ds.lesions[s.lesion].image_name) : json(nullptr)},
            {"within_patient", s.within_patient},
            {"searched", s.searched},
            {"with_features", app.similar.space.present},
            {"labels_shown", labels},
            {"status", s.status},
            {"items", items}};
}

}  // namespace duck
