// explorer_state.cpp - explorer list refresh, link-filter mapping and the
// explorer's part of window.duckling.state().
#include "core/view/explorer_state.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/view/body_figure.h"

namespace duck {

namespace {
constexpr std::string_view kChannelNames[] = {"rgb", "red", "green", "blue", "grey"};
constexpr std::string_view kSexFilterNames[] = {"any", "male", "female", "unknown"};
constexpr std::string_view kLabelFilterNames[] = {"any", "has_melanoma", "no_melanoma", "unlabelled"};

nlohmann::json num_or_null(float v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }
}  // namespace

std::string_view channel_view_name(ChannelView c) {
    auto i = static_cast<size_t>(c);
    return i < std::size(kChannelNames) ? kChannelNames[i] : kChannelNames[0];
}

void ExplorerState::refresh(const Dataset& ds, uint64_t data_generation) {
    if (data_generation != built_for_) {
        index_.build(ds);
        if (scores_.size() == ds.lesions.size()) index_.set_scores(scores_);
        built_for_ = data_generation;
        list_dirty_ = true;
    }
    if (list_dirty_) {
        patients = index_.query(filter, sort);
        apply_predictions();
        list_dirty_ = false;
    }
}

void ExplorerState::set_prediction_columns(std::vector<std::vector<float>> top,
                                           std::vector<std::vector<uint8_t>> disagree) {
    pred_top_ = std::move(top);
    pred_disagree_ = std::move(disagree);
    list_dirty_ = true;
}

void ExplorerState::apply_predictions() {
    const size_t dm = size_t(disagreement_model), sm = size_t(sort_model);
    if (disagreement_model >= 0) {
        const auto* d = dm < pred_disagree_.size() ? &pred_disagree_[dm] : nullptr;
        std::erase_if(patients, [&](uint32_t p) { return !d || p >= d->size() || !(*d)[p]; });
    }
    if (sort_model >= 0 && sm < pred_top_.size()) {
        const auto& t = pred_top_[sm];
        auto key = [&](uint32_t p) { return p < t.size() ? t[p] : NAN; };
        // Patients without a score stay last in both directions; the rest keep the
        // column order as the tie-break (stable).
        std::stable_sort(patients.begin(), patients.end(), [&](uint32_t a, uint32_t b) {
            const float x = key(a), y = key(b);
            if (std::isnan(x) || std::isnan(y)) return !std::isnan(x) && std::isnan(y);
            return sort.descending ? x > y : x < y;
        });
    }
}

void ExplorerState::set_scores(std::span<const float> scores) {
    scores_.assign(scores.begin(), scores.end());
    index_.set_scores(scores_);
    list_dirty_ = true;
}

void explorer_state_json(nlohmann::json& view, const ExplorerState& st, const Dataset& ds, uint32_t patient,
                         const std::function<ImageStatus(uint32_t)>& status_of) {
    using nlohmann::json;
    const PatientFilter& f = st.filter;
    json sites = json::array();
    for (int s = 0; s < kSiteCount; ++s)
        if (f.site_mask & (1u << s)) sites.push_back(site_name(static_cast<Site>(s)));
    view["filters"] = {{"search", f.search},
                       {"sex", kSexFilterNames[static_cast<int>(f.sex)]},
                       {"age_min", f.age_min},
                       {"age_max", f.age_max},
                       {"sites", sites},
                       {"label", kLabelFilterNames[static_cast<int>(f.label)]},
                       {"lesions_min", f.lesions_min},
                       {"lesions_max", f.lesions_max == INT_MAX ? json(nullptr) : json(f.lesions_max)},
                       {"diagnosis", f.diagnosis},
                       {"active", f.active()}};
    view["sort"] = {{"column", patient_column_name(st.sort.column)}, {"descending", st.sort.descending}};
    view["patients_shown"] = st.patients.size();
    // Position of the current patient in the filtered list (-1 when filtered out).
    int pos = -1;
    for (size_t i = 0; i < st.patients.size(); ++i)
        if (st.patients[i] == patient) pos = static_cast<int>(i);
    view["patient_index"] = pos;

    json grid_sites = json::array();
    for (int s = 0; s < kSiteCount; ++s)
        if (st.grid_sites & (1u << s)) grid_sites.push_back(site_name(static_cast<Site>(s)));
    view["grid"] = {{"order", tile_order_name(st.tile_order)},
                    {"tile_size", st.tile_size},
                    {"sites", grid_sites},
                    {"labels_hidden", st.labels_hidden}};

    const float rel = (st.image_w > 0 && st.viewport_w > 0)
                          ? relative_zoom(st.view, st.image_w, st.image_h, st.viewport_w, st.viewport_h)
                          : NAN;
    view["zoom"] = {{"fit", st.view.fit},
                    {"scale", num_or_null(st.view.zoom)},
                    {"relative", num_or_null(rel)},
                    {"center", {num_or_null(st.view.cx), num_or_null(st.view.cy)}},
                    {"image_size", {st.image_w, st.image_h}}};
    view["adjust"] = {{"brightness", st.adjust.brightness},
                      {"contrast", st.adjust.contrast},
                      {"gamma", st.adjust.gamma},
                      {"channel", channel_view_name(st.adjust.channel)}};
    view["compare_lesion"] = st.compare_lesion < ds.lesions.size() ? json(ds.lesions[st.compare_lesion].image_name) : json(nullptr);

    json tiles = json::array();
    if (patient < ds.patients.size()) {
        const auto order = flatten(arrange_tiles(ds, patient, st.tile_order, st.scores(), st.grid_sites));
        for (uint32_t li : order)
            tiles.push_back({{"image_name", ds.lesions[li].image_name},
                             {"status", image_status_name(status_of ? status_of(li) : ImageStatus::Pending)},
                             {"site", site_name(ds.lesions[li].site)},
                             {"area", area_name(body_area(ds.lesions[li].site, ds.lesions[li].site_side))}});
    }
    view["tiles"] = std::move(tiles);
}

}  // namespace duck
