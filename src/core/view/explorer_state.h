// explorer_state.h - everything the explorer panels remember between frames:
// patient filters and sort (with the filtered list they produce), the patient
// view's tile order, size and site filter, the viewer's zoom/pan and image
// adjustments, compare mode. Pure C++ so the intents are tested natively;
// the App owns one, the ImGui panels read and change it.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/view/grid_layout.h"
#include "core/image/image_status.h"
#include "core/view/patient_list.h"
#include "core/view/viewer_math.h"

namespace duck {

// Image adjustments applied by the viewer's fragment shader (shaders/image_adjust.frag).
enum class ChannelView : uint8_t { Rgb, Red, Green, Blue, Grey };
std::string_view channel_view_name(ChannelView c);  // "rgb" | "red" | "green" | "blue" | "grey"

struct ImageAdjust {
    float brightness = 0.f;  // added, -1..1
    float contrast = 1.f;    // multiplied around mid-grey, 0..4
    float gamma = 1.f;       // output = input^(1/gamma), 0.2..5
    ChannelView channel = ChannelView::Rgb;
    bool is_identity() const { return brightness == 0.f && contrast == 1.f && gamma == 1.f && channel == ChannelView::Rgb; }
};

struct ExplorerState {
    // Patient browser.
    PatientFilter filter;
    PatientSort sort;
    std::vector<uint32_t> patients;  // filtered + sorted: the list j/k walk through
    // Classifier predictions files (index into the loaded models; -1 = off): sort
    // by a model's highest score in the patient (direction: sort.descending), and
    // keep only patients where its top lesion is not the ugly-duckling top lesion.
    int sort_model = -1;
    int disagreement_model = -1;

    // Patient view.
    TileOrder tile_order = TileOrder::File;
    float tile_size = 160.f;         // logical pixels (size slider)
    uint8_t grid_sites = 0;          // body-map click filter on the grid (bit 1 << Site)
    bool labels_hidden = false;

    // Lesion viewer and compare mode.
    ImageView view;                  // left / single image
    ImageView compare_view;          // right image in compare mode (kept in sync with `view`)
    uint32_t compare_lesion = kNone;
    ImageAdjust adjust;
    bool show_outline = false;       // viewer: overlay the model's lesion segmentation (m)
    // Last drawn image and viewport sizes (pixels): state() reports zoom relative to fit.
    float image_w = 0, image_h = 0, viewport_w = 0, viewport_h = 0;

    // Rebuilds the index when `data_generation` (the owner's count of datasets
    // loaded) differs from the last call's, then re-runs the query when
    // filters/sort changed. Cheap to call every frame.
    void refresh(const Dataset& ds, uint64_t data_generation);
    // Call after changing `filter` or `sort`.
    void invalidate() { list_dirty_ = true; }
    // Per-lesion scores from the model (empty = none); updates the score column.
    void set_scores(std::span<const float> scores);
    // Per model, per patient: the model's top score (NaN = none) and whether its top
    // lesion differs from the ugly-duckling one; re-runs the query.
    void set_prediction_columns(std::vector<std::vector<float>> top, std::vector<std::vector<uint8_t>> disagree);
    // Model `model`'s top score in `patient` (NaN when none).
    float prediction_top(int model, uint32_t patient) const {
        if (model < 0 || size_t(model) >= pred_top_.size() || patient >= pred_top_[size_t(model)].size()) return NAN;
        return pred_top_[size_t(model)][patient];
    }
    const PatientIndex& index() const { return index_; }
    std::span<const float> scores() const { return scores_; }

    // Size limits of the tile slider (logical pixels).
    static constexpr float kMinTile = 64.f, kMaxTile = 512.f;

private:
    PatientIndex index_;
    uint64_t built_for_ = ~uint64_t(0);  // data generation of the indexed dataset
    bool list_dirty_ = true;
    std::vector<float> scores_;
    std::vector<std::vector<float>> pred_top_;
    std::vector<std::vector<uint8_t>> pred_disagree_;
    void apply_predictions();
};

// Explorer fields of window.duckling.state().view: filters, sort, the patient list
// size, tile order/size, labels, zoom, adjustments, compare lesion, and the current
// patient's tiles [{image_name, status, site, index}] in display order.
// `status_of(lesion)` reports the image pipeline's status for a lesion.
void explorer_state_json(nlohmann::json& view, const ExplorerState& st, const Dataset& ds, uint32_t patient,
                         const std::function<ImageStatus(uint32_t)>& status_of);

}  // namespace duck
