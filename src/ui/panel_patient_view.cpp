// panel_patient_view.cpp - one patient's lesions side by side: a header with the
// patient's facts and prev/next, a toolbar (order, tile size, labels), the
// thumbnail grid (virtual scrolling from core/grid_layout) and the body-site map
// beside it. Hovering a tile highlights its region; clicking a region filters
// the grid to that site. Tiles on screen are recorded as "tiles/<image_name>".
// With classifier predictions files loaded, each tile can show every model's
// score and its rank within the patient (toggle "Model scores").
#include <cmath>
#include <cstdio>

#include "core/model/outlier_score.h"
#include "core/view/tbp_placement.h"
#include "ui/explorer_widgets.h"

namespace duck::ui {

namespace {
const char* const kOrderItems[] = {"File order", "Group by site", "Score (highest first)", "Image name"};

void header(App& app, const Patient& pat) {
    const auto& st = app.explorer;
    const PatientRow& r = st.index().row(app.view.patient);
    ImGui::Text("%s", pat.id.c_str());
    ImGui::SameLine();
    char facts[160];
    std::snprintf(facts, sizeof facts, "%s, %s, %d lesion%s", std::string(sex_name(r.sex)).c_str(),
                  std::isnan(r.age) ? "age unknown" : (std::to_string(static_cast<int>(std::lround(r.age))) + " y").c_str(),
                  r.lesions, r.lesions == 1 ? "" : "s");
    ImGui::TextDisabled("%s", facts);
    if (r.labelled && !st.labels_hidden) {
        ImGui::SameLine();
        if (r.melanomas > 0)
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette(app).melanoma), "%d melanoma%s", r.melanomas, r.melanomas == 1 ? "" : "s");
        else
            ImGui::TextDisabled("no melanoma");
    }
    // Position in the filtered list and prev/next buttons (j/k).
    int pos = -1;
    for (size_t i = 0; i < st.patients.size(); ++i)
        if (st.patients[i] == app.view.patient) pos = static_cast<int>(i);
    const float right = ImGui::GetWindowContentRegionMax().x;
    char where[64];
    if (pos >= 0)
        std::snprintf(where, sizeof where, "%d / %zu", pos + 1, st.patients.size());
    else
        std::snprintf(where, sizeof where, "not in filtered list");
    const float bw = ImGui::CalcTextSize("< Prev").x + ImGui::CalcTextSize("Next >").x + ImGui::CalcTextSize(where).x + 60;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX() + 10, right - bw));
    if (ImGui::SmallButton("< Prev")) app.step_patient(-1);
    record_item(app, "view/prev_patient");
    ImGui::SameLine();
    ImGui::TextDisabled("%s", where);
    ImGui::SameLine();
    if (ImGui::SmallButton("Next >")) app.step_patient(1);
    record_item(app, "view/next_patient");
}

void toolbar(App& app) {
    auto& st = app.explorer;
    int order = static_cast<int>(st.tile_order);
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("Score (highest first)").x + 40);
    if (ImGui::Combo("##order", &order, kOrderItems, 4)) st.tile_order = static_cast<TileOrder>(order), app.request_redraw();
    record_item(app, "view/order");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(160);
    ImGui::SliderFloat("##size", &st.tile_size, ExplorerState::kMinTile, ExplorerState::kMaxTile, "tile %.0f px");
    record_item(app, "view/tile_size");
    ImGui::SameLine();
    bool show = !st.labels_hidden;
    if (ImGui::Checkbox("Labels", &show)) st.labels_hidden = !show, app.request_redraw();
    record_item(app, "view/labels");
    if (!app.predictions.models.empty()) {
        ImGui::SameLine();
        if (ImGui::Checkbox("Model scores", &app.predictions.show_on_tiles)) app.request_redraw();
        record_item(app, "view/model_scores");
    }
    if (st.grid_sites) {
        ImGui::SameLine();
        std::string sites;
        for (int s = 0; s < kSiteCount; ++s)
            if (st.grid_sites & (1u << s)) sites += (sites.empty() ? "" : ", ") + std::string(site_name(static_cast<Site>(s)));
        if (ImGui::SmallButton(("Site: " + sites + "  x").c_str())) st.grid_sites = 0, app.request_redraw();
        record_item(app, "view/clear_site");
    }
}

bool is_outlier(const ExplorerState& st, uint32_t li);

// ISIC 2024 lesions as points on the front / back views (core/view/tbp_placement.h),
// the flagged ones larger in the outlier colour; computed once per patient.
void body_points(App& app, const Patient& pat, const BodyMapFit& fit, uint32_t hovered) {
    const auto& fig = shipped_body_figure();
    if (!fig.ok()) return;
    UiState& ui = app.ui;
    if (ui.body_points_generation != app.data_generation || ui.body_points_patient != app.view.patient) {
        ui.body_points = tbp_markers(fig.value(), app.dataset, pat.lesions);
        ui.body_points_generation = app.data_generation;
        ui.body_points_patient = app.view.patient;
    }
    const std::vector<LesionMarker>& markers = ui.body_points;
    if (markers.empty()) return;
    const Palette& pal = palette(app);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float r = std::clamp(fit.scale * 0.9f, 1.5f, 3.5f);
    bool by_position = false;
    for (const LesionMarker& mk : markers) {
        const Vec2 p = fit.to_screen(mk.at);
        by_position |= mk.from_position;
        const bool flag = is_outlier(app.explorer, mk.lesion);
        dl->AddCircleFilled(ImVec2(p.x, p.y), flag ? r * 1.7f : r, flag ? pal.outlier : pal.text_dim, 10);
        // For the tests and window.duckling.state(): "view/body_map/point/<image_name>".
        app.ui_rects["view/body_map/point/" + std::string(app.dataset.lesions[mk.lesion].image_name)] = {p.x - r, p.y - r, 2 * r, 2 * r};
    }
    for (const LesionMarker& mk : markers)
        if (mk.lesion == app.view.lesion || mk.lesion == hovered) {
            const Vec2 p = fit.to_screen(mk.at);
            dl->AddCircle(ImVec2(p.x, p.y), r * 2.6f, mk.lesion == hovered ? pal.accent : pal.selection, 12, 2.f);
        }
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(120.f, ImGui::GetContentRegionAvail().x));
    ImGui::TextDisabled("%s", by_position ? kTbpFrameNote : "Points: lesions at their named location (tbp_lv_location).");
    record_item(app, by_position ? "view/body_map/frame_note" : "view/body_map/location_note");
    ImGui::PopTextWrapPos();
}

// Outlier highlight: the lesions the model flags. The explorer's scores are the
// model's calibrated levels (app_model.h), flagged at kFlagLevel (outlier_score.h).
bool is_outlier(const ExplorerState& st, uint32_t li) {
    const auto s = st.scores();
    if (li >= s.size() || std::isnan(s[li])) return false;
    return s[li] >= static_cast<float>(kFlagLevel);
}

// Each loaded model's "#rank score" at the bottom of the tile image, one line per
// model (named by its file), on a dark band so it reads over any skin tone.
void prediction_badges(const App& app, ImDrawList* dl, uint32_t li, ImVec2 a, ImVec2 img_b) {
    const auto& models = app.predictions.models;
    const float lh = ImGui::GetTextLineHeight();
    const size_t shown = std::min<size_t>(models.size(), 4);
    if (shown == 0 || (img_b.y - a.y) < lh * float(shown + 2)) return;
    const float top = img_b.y - lh * float(shown) - 4;
    dl->AddRectFilled(ImVec2(a.x, top), img_b, IM_COL32(0, 0, 0, 170), 4.f, ImDrawFlags_RoundCornersBottom);
    dl->PushClipRect(ImVec2(a.x, top), img_b, true);
    for (size_t k = 0; k < shown; ++k) {
        const auto& m = models[k];
        const bool has = li < m.match.score.size() && !std::isnan(m.match.score[li]);
        std::string name = m.file.name.substr(0, m.file.name.rfind('.'));
        if (name.size() > 14) name = name.substr(0, 13) + "~";
        char b[96];
        if (has) std::snprintf(b, sizeof b, "#%u %.3f %s", m.ranks[li], m.match.score[li], name.c_str());
        else std::snprintf(b, sizeof b, "- %s", name.c_str());
        const ImU32 c = has && m.ranks[li] == 1 ? IM_COL32(255, 214, 102, 255) : IM_COL32(235, 235, 235, 255);
        dl->AddText(ImVec2(a.x + 4, top + 2 + lh * float(k)), c, b);
    }
    dl->PopClipRect();
}

void tile(App& app, UiContext& ctx, ImDrawList* dl, uint32_t li, ImVec2 a, const GridLayout& g, bool outlier) {
    const auto& st = app.explorer;
    const Lesion& l = app.dataset.lesions[li];
    const Palette& pal = palette(app);
    const ImVec2 img_b(a.x + g.cell_w, a.y + g.cell_w);
    const ImageStatus status = lesion_status(app, ctx, li);
    const auto tex = lesion_texture(ctx, l, false);
    if (tex) {
        draw_square_image(dl, ctx, tex, a, img_b);
    } else {
        draw_placeholder(dl, a, img_b, status, pal);
        // Why no image: the loader's reason (file not found, HTTP 404, decoder error).
        auto why = app.images.errors.find(li);
        if (why != app.images.errors.end()) {
            dl->PushClipRect(a, img_b, true);
            dl->AddText(nullptr, 0.f, ImVec2(a.x + 4, a.y + 4), pal.text_dim, why->second.c_str(), nullptr, g.cell_w - 8);
            dl->PopClipRect();
        }
    }
    const bool selected = app.view.lesion == li;
    const bool melanoma = !st.labels_hidden && l.label == Label::Malignant;
    if (outlier) dl->AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(img_b.x + 1, img_b.y + 1), pal.outlier, 5.f, 0, 3.f);
    if (selected) dl->AddRect(ImVec2(a.x - 3, a.y - 3), ImVec2(img_b.x + 3, img_b.y + 3), pal.selection, 6.f, 0, 2.5f);
    else if (!outlier) dl->AddRect(a, img_b, pal.tile_border, 4.f);
    // Score badge (top-left) and melanoma badge (top-right) on the image.
    const auto s = st.scores();
    const float pad = 4;
    if (li < s.size() && !std::isnan(s[li])) {
        char b[16];
        std::snprintf(b, sizeof b, "%.2f", s[li]);
        const ImVec2 tsz = ImGui::CalcTextSize(b);
        dl->AddRectFilled(ImVec2(a.x + pad, a.y + pad), ImVec2(a.x + pad + tsz.x + 8, a.y + pad + tsz.y + 2),
                          outlier ? pal.outlier : IM_COL32(0, 0, 0, 160), 3.f);
        dl->AddText(ImVec2(a.x + pad + 4, a.y + pad + 1), outlier ? IM_COL32(0, 0, 0, 255) : IM_COL32_WHITE, b);
    }
    if (melanoma) {
        const char* m = "MEL";
        const ImVec2 tsz = ImGui::CalcTextSize(m);
        dl->AddRectFilled(ImVec2(img_b.x - pad - tsz.x - 8, a.y + pad), ImVec2(img_b.x - pad, a.y + pad + tsz.y + 2), pal.melanoma, 3.f);
        dl->AddText(ImVec2(img_b.x - pad - tsz.x - 4, a.y + pad + 1), IM_COL32_WHITE, m);
    }
    if (app.predictions.show_on_tiles) prediction_badges(app, dl, li, a, img_b);
    // Caption: image name, then site and (unless hidden) diagnosis.
    const float lh = ImGui::GetTextLineHeight();
    dl->PushClipRect(ImVec2(a.x, img_b.y), ImVec2(img_b.x, img_b.y + g.cell_h - g.cell_w), true);
    dl->AddText(ImVec2(a.x + 2, img_b.y + 2), pal.text, l.image_name.c_str());
    // ISIC 2024 rows name the finer location ("Torso Back Top Third").
    std::string line2(l.tbp_location != TbpLocation::None ? tbp_location_name(l.tbp_location)
                                                          : area_name(body_area(l.site, l.site_side)));
    if (!st.labels_hidden && !l.diagnosis.empty() && l.diagnosis != "unknown") line2 += " - " + l.diagnosis;
    dl->AddText(ImVec2(a.x + 2, img_b.y + 2 + lh), melanoma ? pal.melanoma : pal.text_dim, line2.c_str());
    dl->PopClipRect();
}

// The thumbnail grid in a scrolling child; returns the hovered lesion (or kNone).
uint32_t grid(App& app, UiContext& ctx, ImVec2 size) {
    auto& st = app.explorer;
    const auto groups = arrange_tiles(app.dataset, app.view.patient, st.tile_order, st.scores(), st.grid_sites);
    const std::vector<uint32_t> order = flatten(groups);
    uint32_t hovered = kNone;
    ImGui::BeginChild("tile_grid", size, false);
    const float lh = ImGui::GetTextLineHeight();
    // The slider sets the smallest tile; tiles then grow to fill the row exactly.
    GridMetrics m{st.tile_size, lh * 2 + 6, 10.f, lh + 10};
    const float width = ImGui::GetContentRegionAvail().x;
    const int cols = std::max(1, static_cast<int>((width + m.spacing) / (m.tile + m.spacing)));
    m.tile = std::max(m.tile, std::min(ExplorerState::kMaxTile * 1.5f, (width - (cols - 1) * m.spacing) / cols - 0.5f));
    const GridLayout g = layout_grid(groups, width, m);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float scroll = ImGui::GetScrollY(), view_h = ImGui::GetWindowHeight();
    ImGui::Dummy(ImVec2(1, std::max(1.f, g.height)));  // content height for the scrollbar

    // Keyboard: arrows move in the grid, Enter opens the viewer.
    int cur = -1;
    for (int i = 0; i < g.items(); ++i)
        if (order[i] == app.view.lesion) cur = i;
    int next = cur;
    if (!ImGui::GetIO().WantTextInput && !ImGui::IsAnyItemActive()) {
        const int page = std::max(1, static_cast<int>(view_h / (g.cell_h + g.spacing)));
        if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) next = grid_move(g, cur, GridMove::Left);
        if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) next = grid_move(g, cur, GridMove::Right);
        if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) next = grid_move(g, cur, GridMove::Up, page);
        if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) next = grid_move(g, cur, GridMove::Down, page);
        if (ImGui::IsKeyPressed(ImGuiKey_Home)) next = grid_move(g, cur, GridMove::Home);
        if (ImGui::IsKeyPressed(ImGuiKey_End)) next = grid_move(g, cur, GridMove::End);
        if ((ImGui::IsKeyPressed(ImGuiKey_Enter) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter)) && cur >= 0)
            app.set_mode(ViewMode::Viewer);
    }
    if (next != cur && next >= 0) {
        app.select_lesion(order[next]);
        ImGui::SetScrollY(g.scroll_to(next, scroll, view_h));
    }

    ImDrawList* dl = ImGui::GetWindowDrawList();
    const Palette& pal = palette(app);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool win_hovered = ImGui::IsWindowHovered();
    const int hit = win_hovered ? g.hit(mouse.x - origin.x, mouse.y - origin.y) : -1;
    auto [r0, r1] = g.visible_rows(scroll, view_h);
    for (int r = r0; r < r1; ++r) {
        const GridRow& row = g.rows[r];
        if (row.header) {
            const TileGroup& grp = groups[row.group];
            char h[96];
            std::snprintf(h, sizeof h, "%s  (%zu)", grp.label.c_str(), grp.lesions.size());
            dl->AddText(ImVec2(origin.x, origin.y + row.y + 4), pal.text, h);
            dl->AddLine(ImVec2(origin.x, origin.y + row.y + row.h - 4), ImVec2(origin.x + size.x - 16, origin.y + row.y + row.h - 4),
                        ImGui::GetColorU32(ImGuiCol_Separator));
            continue;
        }
        for (int i = row.first; i < row.first + row.count; ++i) {
            const GridRect rc = g.item_rect(i);
            const ImVec2 a(origin.x + rc.x, origin.y + rc.y);
            tile(app, ctx, dl, order[i], a, g, is_outlier(st, order[i]));
            const std::string& name = app.dataset.lesions[order[i]].image_name;
            app.ui_rects["tiles/" + name] = {a.x, a.y, rc.w, rc.h};
        }
    }
    if (hit >= 0) {
        hovered = order[hit];
        const GridRect rc = g.item_rect(hit);
        dl->AddRect(ImVec2(origin.x + rc.x - 1, origin.y + rc.y - 1), ImVec2(origin.x + rc.x + rc.w + 1, origin.y + rc.y + rc.w + 1),
                    pal.accent, 5.f, 0, 1.5f);
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) app.select_lesion(order[hit]);
        if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) app.set_mode(ViewMode::Viewer);
    }
    if (g.items() == 0) ImGui::TextDisabled(st.grid_sites ? "No lesion at the selected site." : "This patient has no lesions.");
    ImGui::EndChild();
    return hovered;
}
}  // namespace

void draw_patient_view(App& app, UiContext& ctx) {
    auto& st = app.explorer;
    if (app.view.patient >= app.dataset.patients.size()) {
        ImGui::TextDisabled("Select a patient in the list (or press j).");
        return;
    }
    const Patient& pat = app.dataset.patients[app.view.patient];
    header(app, pat);
    toolbar(app);
    ImGui::Separator();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // Body map column: a third of the width, between 220 and 380 px.
    const float map_w = std::clamp(avail.x * 0.3f, 220.f, 380.f);
    const float grid_w = avail.x - map_w - ImGui::GetStyle().ItemSpacing.x;
    const uint32_t hovered = grid(app, ctx, ImVec2(grid_w, avail.y));
    if (hovered != app.ui.hovered_lesion) app.ui.hovered_lesion = hovered, app.request_redraw();
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextDisabled("Body sites");
    const AreaCounts counts = count_areas(app.dataset, pat.lesions);
    const int highlight = hovered < app.dataset.lesions.size() ? static_cast<int>(app.dataset.lesions[hovered].site)
                          : app.view.lesion < app.dataset.lesions.size() ? static_cast<int>(app.dataset.lesions[app.view.lesion].site)
                                                                         : -1;
    const auto& fig = shipped_body_figure();
    const float aspect = fig.ok() && fig->width > 0 ? fig->height / fig->width : 1.2f;
    const float map_h = std::min(avail.y - ImGui::GetTextLineHeightWithSpacing() * 3, map_w * aspect * 1.05f + ImGui::GetTextLineHeight());
    uint8_t outliers = 0;  // sites of the lesions the model flags
    for (uint32_t li : pat.lesions)
        if (is_outlier(st, li)) outliers |= static_cast<uint8_t>(1u << static_cast<int>(app.dataset.lesions[li].site));
    const BodyMapEvents ev = draw_body_map(app, "view/body_map", ImVec2(std::min(map_w, ImGui::GetContentRegionAvail().x), map_h), counts,
                                           app.dataset.has_labels && !st.labels_hidden, highlight, st.grid_sites, true,
                                           outliers);
    if (ev.clicked >= 0) {
        const uint8_t bit = static_cast<uint8_t>(1u << ev.clicked);
        st.grid_sites = st.grid_sites == bit ? 0 : bit;  // click again to clear
        app.request_redraw();
    }
    body_points(app, pat, ev.fit, hovered);
    ImGui::TextDisabled(st.grid_sites ? "Click the region again to show all." : "Click a region to filter the grid.");
    ImGui::EndGroup();
}

}  // namespace duck::ui
