// panel_viewer.cpp - the selected lesion at full resolution: zoom (wheel, +/-,
// 0 to fit) and pan (drag, arrows) on the image canvas, image adjustments
// (brightness, contrast, gamma, channel/grey, applied by a fragment shader) and
// the lesion's metadata beside it, and the strip of similar lesions under it
// (similar_strip.cpp).
#include <cmath>
#include <cstdio>

#include "app/app_model.h"
#include "core/model/measure_score.h"
#include "ui/explorer_widgets.h"
#include "ui/prediction_widgets.h"

namespace duck::ui {

namespace {
const char* const kChannelItems[] = {"RGB", "Red", "Green", "Blue", "Grey"};

// ISIC 2024: the total-body photography system's own measurements of the lesion,
// those the ugly-duckling score can use first (with their words), then the rest.
void measurements(App& app, const Lesion& l) {
    const Measurements& m = app.dataset.measures;
    if (m.empty() || l.measure_row == kNone) return;
    const bool open = ImGui::TreeNodeEx("Imaging system's measurements", ImGuiTreeNodeFlags_DefaultOpen);
    record_item(app, "viewer/measurements");
    if (!open) return;
    if (ImGui::BeginTable("lesion_measures", 2, ImGuiTableFlags_SizingStretchProp)) {
        std::vector<uint8_t> shown(m.names.size(), 0);
        auto row = [&](int c, const char* label) {
            const float v = m.get(l, c);
            shown[size_t(c)] = 1;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", label);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", m.names[size_t(c)].c_str());
            ImGui::TableNextColumn();
            if (std::isnan(v)) ImGui::TextDisabled("-");
            else ImGui::Text("%.4g", double(v));
        };
        for (const FeatureInfo& f : measure_feature_catalogue())
            if (const int c = m.column(f.key); c >= 0) row(c, f.label);
        for (size_t c = 0; c < m.names.size(); ++c)
            if (!shown[c]) row(static_cast<int>(c), m.names[c].c_str());
        ImGui::EndTable();
    }
    ImGui::TreePop();
}

void metadata(App& app, const Lesion& l) {
    const auto& st = app.explorer;
    auto row = [](const char* k, const std::string& v) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", k);
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", v.empty() ? "-" : v.c_str());
    };
    if (!ImGui::BeginTable("lesion_meta", 2, ImGuiTableFlags_SizingStretchProp)) return;
    row("Image", l.image_name);
    row("Patient", l.patient_id);
    row("Sex", std::string(sex_name(l.sex)));
    row("Age", std::isnan(l.age) ? "" : std::to_string(static_cast<int>(std::lround(l.age))));
    row("Site", std::string(area_name(body_area(l.site, l.site_side))));
    if (!st.labels_hidden) {
        row("Diagnosis", l.diagnosis);
        row("Label", l.label == Label::Malignant ? "malignant" : l.label == Label::Benign ? "benign" : "unlabelled");
    }
    if (!l.lesion_id.empty()) row("Lesion id", l.lesion_id);
    if (!l.duplicate_of.empty()) row("Duplicate of", l.duplicate_of);
    // The ISIC Archive's per-image columns, when the metadata has them: the finer
    // site, and whose image it is under which licence (shown wherever the image is).
    const ExtraColumns& ex = app.dataset.extra;
    for (const auto& [col, label] : {std::pair{"anatom_site_special", "Site detail"},
                                     std::pair{"acquisition_day", "Acquisition day"},
                                     std::pair{"attribution", "Attribution"},
                                     std::pair{"copyright_license", "Licence"}}) {
        const std::string_view val = ex.get(l, col);
        if (!val.empty()) row(label, std::string(val));
    }
    const uint32_t li = app.view.lesion;
    const auto s = st.scores();
    if (li < s.size() && !std::isnan(s[li])) {
        char b[32];
        std::snprintf(b, sizeof b, "%.3f", s[li]);
        row("UD score", b);
    }
    if (st.image_w > 0) row("Pixels", std::to_string(static_cast<int>(st.image_w)) + " x " + std::to_string(static_cast<int>(st.image_h)));
    if (l.tbp_location != TbpLocation::None) row("Location (TBP)", std::string(tbp_location_name(l.tbp_location)));
    ImGui::EndTable();
    measurements(app, l);
}

void adjustments(App& app) {
    auto& a = app.explorer.adjust;
    bool changed = false;
    ImGui::SetNextItemWidth(-FLT_MIN);
    changed |= ImGui::SliderFloat("##brightness", &a.brightness, -0.5f, 0.5f, "brightness %+.2f");
    record_item(app, "viewer/brightness");
    ImGui::SetNextItemWidth(-FLT_MIN);
    changed |= ImGui::SliderFloat("##contrast", &a.contrast, 0.25f, 3.f, "contrast %.2f");
    ImGui::SetNextItemWidth(-FLT_MIN);
    changed |= ImGui::SliderFloat("##gamma", &a.gamma, 0.3f, 3.f, "gamma %.2f", ImGuiSliderFlags_Logarithmic);
    int ch = static_cast<int>(a.channel);
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::Combo("##channel", &ch, kChannelItems, 5)) a.channel = static_cast<ChannelView>(ch), changed = true;
    record_item(app, "viewer/channel");
    if (!a.is_identity() && ImGui::SmallButton("Reset adjustments")) a = ImageAdjust{}, changed = true;
    if (changed) app.request_redraw();
}

// The model's segmentation as an outline over the canvas: the edges between
// lesion and background pixels of the mask (feature size, same aspect as the image).
void outline(App& app, ImVec2 origin, ImVec2 canvas, float iw, float ih) {
    const Segmentation* seg = app.model.mask(app.view.lesion);
    if (!seg || iw <= 0 || ih <= 0 || seg->width <= 0 || seg->height <= 0) return;
    const auto& st = app.explorer;
    const float sx = iw / static_cast<float>(seg->width), sy = ih / static_cast<float>(seg->height);
    auto at = [&](int x, int y) {
        const Vec2 p = image_to_view(st.view, {x * sx, y * sy}, canvas.x, canvas.y);
        return ImVec2(origin.x + p.x, origin.y + p.y);
    };
    auto in = [&](int x, int y) {
        return x >= 0 && y >= 0 && x < seg->width && y < seg->height && seg->lesion[static_cast<size_t>(y) * seg->width + x];
    };
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(origin, ImVec2(origin.x + canvas.x, origin.y + canvas.y), true);
    const ImU32 col = seg->fallback ? palette(app).warn : IM_COL32(60, 230, 120, 230);
    for (int y = 0; y <= seg->height; ++y)
        for (int x = 0; x <= seg->width; ++x) {
            if (in(x, y) != in(x - 1, y)) dl->AddLine(at(x, y), at(x, y + 1), col, 2.f);
            if (in(x, y) != in(x, y - 1)) dl->AddLine(at(x, y), at(x + 1, y), col, 2.f);
        }
    dl->PopClipRect();
}

// Score, rank and the plain-words reasons, next to the image.
void model_section(App& app) {
    auto& st = app.explorer;
    const uint32_t li = app.view.lesion;
    ImGui::TextWrapped("%s", model_summary(app, li).c_str());
    // Wrapped at the panel's edge: a reason is read in full, never cut off.
    for (const auto& line : model_explanation(app, li)) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s", line.c_str());
    }
    if (ImGui::Checkbox("Lesion outline (m)", &st.show_outline)) app.request_redraw();
    record_item(app, "viewer/outline");
    if (st.show_outline && !app.model.mask(li))
        ImGui::TextDisabled(app.model.has_features(li) ? "outline no longer cached" : "no outline yet");
}
}  // namespace

void draw_viewer_panel(App& app, UiContext& ctx) {
    auto& st = app.explorer;
    if (app.view.lesion >= app.dataset.lesions.size()) {
        ImGui::TextDisabled("No lesion selected. Pick one in the grid (g) first.");
        return;
    }
    const Lesion& l = app.dataset.lesions[app.view.lesion];
    // Toolbar.
    if (ImGui::Button("< Grid")) app.set_mode(ViewMode::Grid);
    record_item(app, "viewer/back");
    ImGui::SameLine();
    if (ImGui::Button("<")) app.step_lesion(-1);
    ImGui::SameLine();
    if (ImGui::Button(">")) app.step_lesion(1);
    ImGui::SameLine();
    ImGui::Text("%s", l.image_name.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s", std::string(site_name(l.site)).c_str());

    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float side_w = std::clamp(avail.x * 0.26f, 220.f, 340.f);
    // The similar-lesion strip sits under the canvas (about a third of the height).
    const float strip_h = std::clamp(avail.y * 0.32f, 8 * ImGui::GetTextLineHeightWithSpacing(), 240.f);
    const ImVec2 canvas(avail.x - side_w - ImGui::GetStyle().ItemSpacing.x,
                        avail.y - ImGui::GetFrameHeightWithSpacing() - strip_h - ImGui::GetStyle().ItemSpacing.y);
    const auto tex = lesion_texture(ctx, l, true);
    const ImVec2 ts = tex ? ctx.textures.size(tex) : ImVec2(0, 0);
    const ImVec2 before = ImGui::GetCursorPos();
    ImGui::BeginGroup();
    const ImVec2 canvas_origin = ImGui::GetCursorScreenPos();
    image_canvas(app, ctx, "viewer/canvas", tex, ts, canvas, st.view, !app.ui.help_open, lesion_status(app, ctx, app.view.lesion));
    if (st.show_outline) outline(app, canvas_origin, canvas, ts.x, ts.y);
    st.image_w = ts.x, st.image_h = ts.y, st.viewport_w = canvas.x, st.viewport_h = canvas.y;
    // A deep link's zoom/pan can only be applied once the image's size is known.
    if (ts.x > 0) share_viewer_ready(app, ts.x, ts.y, canvas.x, canvas.y);
    // Zoom controls under the canvas.
    const Vec2 mid{canvas.x * 0.5f, canvas.y * 0.5f};
    if (ImGui::SmallButton("-")) view_zoom_at(st.view, 0.8f, mid, ts.x, ts.y, canvas.x, canvas.y);
    record_item(app, "viewer/zoom_out");
    ImGui::SameLine();
    if (ImGui::SmallButton("+")) view_zoom_at(st.view, 1.25f, mid, ts.x, ts.y, canvas.x, canvas.y);
    record_item(app, "viewer/zoom_in");
    ImGui::SameLine();
    if (ImGui::SmallButton("Fit")) view_fit(st.view, ts.x, ts.y, canvas.x, canvas.y);
    record_item(app, "viewer/fit");
    ImGui::SameLine();
    if (ts.x > 0)
        ImGui::TextDisabled("%.0f%% (%.1fx fit)   wheel/+/- zoom, drag/arrows pan, 0 fit", st.view.zoom * 100.f,
                            relative_zoom(st.view, ts.x, ts.y, canvas.x, canvas.y));
    else {
        ImGui::TextDisabled("image %s", std::string(image_status_name(lesion_status(app, ctx, app.view.lesion))).c_str());
        auto why = app.images.errors.find(app.view.lesion);
        if (why != app.images.errors.end()) ImGui::SameLine(), ImGui::TextDisabled("- %s", why->second.c_str());
    }
    draw_similar_strip(app, ctx, canvas.x, strip_h);
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::SetCursorPosY(before.y);
    ImGui::BeginChild("viewer_side", ImVec2(side_w, avail.y), false);
    ImGui::SeparatorText("Lesion");
    metadata(app, l);
    ImGui::SeparatorText("Ugly-duckling model");
    model_section(app);
    if (!app.predictions.models.empty()) {
        ImGui::SeparatorText("Classifier predictions");
        draw_lesion_predictions(app);  // prediction_widgets.cpp
    }
    ImGui::SeparatorText("Adjust");
    adjustments(app);
    ImGui::SeparatorText("Compare");
    if (ImGui::Button("Compare side by side (c)")) app.open_compare();
    record_item(app, "viewer/compare");
    ImGui::EndChild();
}

}  // namespace duck::ui
