// panel_compare.cpp - two lesions side by side with synchronised zoom and pan:
// whichever side the user moves drives the other (core/viewer_math view_sync).
#include "ui/explorer_widgets.h"

namespace duck::ui {

namespace {
// Lesion picker limited to the current patient's lesions.
bool pick(App& app, const char* id, uint32_t& lesion) {
    const auto& ds = app.dataset;
    if (app.view.patient >= ds.patients.size()) return false;
    bool changed = false;
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("ISIC_0000000 (upper extremity)").x + 40);
    const std::string cur = lesion < ds.lesions.size() ? ds.lesions[lesion].image_name : "(choose)";
    if (ImGui::BeginCombo(id, cur.c_str())) {
        for (uint32_t li : ds.patients[app.view.patient].lesions) {
            const std::string label = ds.lesions[li].image_name + " (" + std::string(site_name(ds.lesions[li].site)) + ")";
            if (ImGui::Selectable(label.c_str(), li == lesion)) lesion = li, changed = true;
        }
        ImGui::EndCombo();
    }
    return changed;
}
}  // namespace

void draw_compare_panel(App& app, UiContext& ctx) {
    auto& st = app.explorer;
    const auto& ds = app.dataset;
    if (app.view.lesion >= ds.lesions.size() || app.view.patient >= ds.patients.size()) {
        ImGui::TextDisabled("Select a lesion first.");
        return;
    }
    // Default partner: the next lesion of the same patient.
    const auto& ls = ds.patients[app.view.patient].lesions;
    if (st.compare_lesion >= ds.lesions.size() || ds.lesions[st.compare_lesion].patient != app.view.patient) {
        uint32_t partner = app.view.lesion;
        for (size_t i = 0; i < ls.size(); ++i)
            if (ls[i] == app.view.lesion) partner = ls[(i + 1) % ls.size()];
        app.set_compare(partner);
        st.compare_view.fit = true;
    }
    if (ImGui::Button("< Grid")) app.set_mode(ViewMode::Grid);
    record_item(app, "compare/back");
    ImGui::SameLine();
    uint32_t left = app.view.lesion;
    if (pick(app, "##left", left)) app.select_lesion(left), st.view.fit = true;
    ImGui::SameLine();
    ImGui::TextDisabled("vs");
    ImGui::SameLine();
    if (uint32_t right = st.compare_lesion; pick(app, "##right", right)) app.set_compare(right), st.compare_view.fit = true;
    ImGui::SameLine();
    ImGui::TextDisabled("zoom and pan move both sides");

    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const ImVec2 half((avail.x - gap) * 0.5f, avail.y - ImGui::GetTextLineHeightWithSpacing());
    const Lesion& a = ds.lesions[app.view.lesion];
    const Lesion& b = ds.lesions[st.compare_lesion];
    const auto ta = lesion_texture(ctx, a, true), tb = lesion_texture(ctx, b, true);
    const ImVec2 sa = ta ? ctx.textures.size(ta) : ImVec2(0, 0), sb = tb ? ctx.textures.size(tb) : ImVec2(0, 0);
    ImGui::BeginGroup();
    const bool moved_a = image_canvas(app, ctx, "compare/left", ta, sa, half, st.view, !app.ui.help_open, lesion_status(app, ctx, app.view.lesion));
    ImGui::TextDisabled("%s  %s", a.image_name.c_str(), std::string(site_name(a.site)).c_str());
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    const bool moved_b = image_canvas(app, ctx, "compare/right", tb, sb, half, st.compare_view, false, lesion_status(app, ctx, st.compare_lesion));
    ImGui::TextDisabled("%s  %s", b.image_name.c_str(), std::string(site_name(b.site)).c_str());
    ImGui::EndGroup();
    // The side the user touched leads; keyboard zoom acts on the left and syncs right.
    if (moved_b && !moved_a)
        view_sync(st.compare_view, sb.x, sb.y, st.view, sa.x, sa.y, half.x, half.y);
    else
        view_sync(st.view, sa.x, sa.y, st.compare_view, sb.x, sb.y, half.x, half.y);
    st.image_w = sa.x, st.image_h = sa.y, st.viewport_w = half.x, st.viewport_h = half.y;
}

}  // namespace duck::ui
