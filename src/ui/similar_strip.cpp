// similar_strip.cpp - the viewer's strip of similar lesions: the 12 lesions
// nearest the viewer's lesion (app/app_similar.h) across every lesion with
// features, or within its patient (checkbox, `w`), each a thumbnail with patient,
// site, diagnosis and label (hidden with the labels and in a quiz) and the
// features that make it alike in words. A click opens the lesion (App::open_lesion,
// so the URL follows); "Link" and the right-click menu copy its deep link.
// Thumbnails of other patients come through App::images.extra_thumbs.
#include <cstdio>

#include "app/app_share.h"
#include "app/app_similar.h"
#include "ui/explorer_widgets.h"

namespace duck::ui {

namespace {

// "12 nearest of 1,234 lesions ..." with the scope in words.
std::string scope_line(const App& app, const SimilarStrip& s) {
    char n[128];
    std::snprintf(n, sizeof n, "%zu nearest of %zu lesions searched", s.items.size(), s.searched);
    std::string line = n;
    if (s.within_patient) return line + " (this patient's lesions with features)";
    const size_t with = app.similar.space.present, all = app.dataset.lesions.size();
    if (with >= all) return line + " (the whole dataset)";
    std::snprintf(n, sizeof n, " (the %zu of %zu lesions with features so far", with, all);
    return line + n + "; a lesion index gives them all)";
}

// One card: the thumbnail (a click opens the lesion), the lesion's words beside it,
// the reasons below. Returns true when the lesion should open.
bool card(App& app, UiContext& ctx, const SimilarItem& it, float thumb, float width, bool labels) {
    const Lesion& l = app.dataset.lesions[it.lesion];
    const Palette& pal = palette(app);
    bool open = false;
    ImGui::BeginGroup();
    const ImVec2 a = ImGui::GetCursorScreenPos(), b(a.x + thumb, a.y + thumb);
    open |= ImGui::InvisibleButton("open", ImVec2(thumb, thumb));
    record_item(app, "similar/item/" + l.image_name);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: open in the viewer (right-click: copy its link)", l.image_name.c_str());
    if (ImGui::BeginPopupContextItem("menu")) {
        open |= ImGui::MenuItem("Open in the viewer");
        if (ImGui::MenuItem("Copy link to this lesion")) copy_lesion_link(app, it.lesion, ctx.time);
        ImGui::EndPopup();
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (const auto tex = lesion_texture(ctx, l, false)) draw_square_image(dl, ctx, tex, a, b);
    else draw_placeholder(dl, a, b, lesion_status(app, ctx, it.lesion), pal);
    const bool melanoma = labels && l.label == Label::Malignant;
    dl->AddRect(a, b, melanoma ? pal.melanoma : pal.tile_border, 4.f, 0, melanoma ? 2.5f : 1.f);
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(a.x + width - ImGui::GetWindowPos().x + ImGui::GetScrollX());
    ImGui::TextUnformatted(l.patient_id.c_str());
    ImGui::TextDisabled("%s", site_words(l).c_str());
    if (labels) {
        const std::string dx = l.diagnosis.empty() ? "no diagnosis" : l.diagnosis;
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(melanoma ? pal.melanoma : pal.text), "%s - %s", dx.c_str(),
                           std::string(label_word(l.label)).c_str());
    } else {
        ImGui::TextDisabled("label hidden");
    }
    if (ImGui::SmallButton("Link")) copy_lesion_link(app, it.lesion, ctx.time);
    record_item(app, "similar/link/" + l.image_name);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Copy the link that opens %s", l.image_name.c_str());
    ImGui::EndGroup();
    for (const auto& why : it.why) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s", why.c_str());
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    return open;
}

}  // namespace

void draw_similar_strip(App& app, UiContext& ctx, float width, float height) {
    const SimilarStrip& s = similar_strip(app);
    ImGui::BeginChild("similar", ImVec2(width, height), false);
    ImGui::TextUnformatted("Similar lesions");
    ImGui::SameLine();
    bool within = app.similar.within_patient;
    if (ImGui::Checkbox("Within this patient (w)", &within)) toggle_similar_within(app);
    record_item(app, "similar/within");
    ImGui::SameLine();
    ImGui::TextDisabled("%s", s.status.empty() ? scope_line(app, s).c_str() : s.status.c_str());
    // The thumbnails of other patients' lesions are asked of the image loader.
    std::vector<uint32_t> extra;
    for (const SimilarItem& it : s.items)
        if (app.dataset.lesions[it.lesion].patient != app.view.patient) extra.push_back(it.lesion);
    if (extra != app.images.extra_thumbs) app.images.extra_thumbs = std::move(extra), app.request_redraw();
    uint32_t to_open = kNone;
    ImGui::BeginChild("similar_cards", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    const float thumb = std::clamp(ImGui::GetContentRegionAvail().y * 0.45f, 48.f, 96.f);
    const float card_w = thumb + 15 * ImGui::GetFontSize();
    const bool labels = similar_labels_shown(app);
    for (size_t i = 0; i < s.items.size(); ++i) {
        if (i) ImGui::SameLine(0, ImGui::GetStyle().ItemSpacing.x * 3);
        ImGui::PushID(static_cast<int>(i));
        if (card(app, ctx, s.items[i], thumb, card_w, labels)) to_open = s.items[i].lesion;
        ImGui::PopID();
    }
    ImGui::EndChild();
    ImGui::EndChild();
    if (to_open != kNone) app.open_lesion(to_open);  // after drawing: the strip changes with the lesion
}

}  // namespace duck::ui
