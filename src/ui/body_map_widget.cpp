// body_map_widget.cpp - draws the body-site map: the anatomical figure of
// core/view/body_figure.h (front, back and side outlines from assets/body) filled
// with ImDrawList triangles, regions coloured by lesion count, counts printed at
// each area's anchor, hover and click reported to the caller (the patient view
// filters its grid by site, the overview its patient list).
#include <cstdio>
#include <cstring>

#include "ui/explorer_widgets.h"

namespace duck::ui {

namespace {
ImU32 to_u32(const std::array<float, 4>& c) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c[0], c[1], c[2], c[3])); }
ImVec2 v(Vec2 p) { return ImVec2(p.x, p.y); }

// Count badge: "12" or "12/2" (lesions/melanomas) centred on `at`.
void badge(ImDrawList* dl, ImVec2 at, int n, int mel, bool melanomas, const Palette& pal, bool dark) {
    char buf[48];
    if (melanomas && mel > 0)
        std::snprintf(buf, sizeof buf, "%d/%d", n, mel);
    else
        std::snprintf(buf, sizeof buf, "%d", n);
    const ImVec2 ts = ImGui::CalcTextSize(buf);
    const ImVec2 a(at.x - ts.x * 0.5f - 4, at.y - ts.y * 0.5f - 1), b(at.x + ts.x * 0.5f + 4, at.y + ts.y * 0.5f + 1);
    dl->AddRectFilled(a, b, dark ? IM_COL32(20, 22, 26, 215) : IM_COL32(255, 255, 255, 225), 4.f);
    // "lesions/melanomas": the melanoma part in the melanoma colour.
    const char* slash = std::strchr(buf, '/');
    const ImVec2 p(a.x + 4, a.y + 1);
    dl->AddText(p, pal.text, buf, slash);
    if (slash) dl->AddText(ImVec2(p.x + ImGui::CalcTextSize(buf, slash).x, p.y), pal.melanoma, slash);
}

// Fills a region's triangles in one colour. The fill's edges are not smoothed:
// the anti-aliased outline drawn over them is.
void fill_region(ImDrawList* dl, const FigureRegion& r, const BodyMapFit& fit, ImU32 col) {
    const int nv = static_cast<int>(r.outline.size()), ni = static_cast<int>(r.triangles.size());
    if (nv == 0 || ni == 0) return;
    const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
    dl->PrimReserve(ni, nv);
    const auto base = static_cast<ImDrawIdx>(dl->_VtxCurrentIdx);
    for (const Vec2& p : r.outline) dl->PrimWriteVtx(v(fit.to_screen(p)), uv, col);
    for (uint32_t i : r.triangles) dl->PrimWriteIdx(static_cast<ImDrawIdx>(base + i));
}

void outline(ImDrawList* dl, const std::vector<Vec2>& pts, const BodyMapFit& fit, ImU32 col, bool closed, float thick) {
    ImVector<ImVec2> s;
    s.reserve(static_cast<int>(pts.size()));
    for (const Vec2& p : pts) s.push_back(v(fit.to_screen(p)));
    dl->AddPolyline(s.Data, s.Size, col, closed ? ImDrawFlags_Closed : ImDrawFlags_None, thick);
}
}  // namespace

BodyMapEvents draw_body_map(App& app, const char* id, ImVec2 size, const AreaCounts& counts, bool melanomas,
                            int highlight, uint8_t selected, bool badge_melanomas, uint8_t outliers) {
    BodyMapEvents ev;
    const Palette& pal = palette(app);
    const bool dark = app.ui.dark_theme;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, ImVec2(std::max(size.x, 40.f), std::max(size.y, 40.f)));
    record_item(app, id);
    const auto& shipped = shipped_body_figure();
    if (!shipped.ok()) {  // a broken asset fails the unit tests; say so rather than draw nothing
        ImGui::GetWindowDrawList()->AddText(origin, pal.warn, shipped.error().message.c_str());
        return ev;
    }
    const BodyFigure& fig = shipped.value();
    const bool hovered = ImGui::IsItemHovered();
    const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
    const float label_h = ImGui::GetTextLineHeight() + 4;
    const BodyMapFit fit = fit_figure(fig, origin.x, origin.y + label_h, size.x, size.y - label_h);
    ev.fit = fit;
    FigureHit hit;
    if (hovered) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        if (figure_hit(fig, fit.to_map({m.x, m.y}), hit)) {
            ev.hovered = static_cast<int>(area_site(hit.area));
            ev.hovered_area = static_cast<int>(hit.area);
        }
        if (clicked && ev.hovered >= 0) ev.clicked = ev.hovered;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    // Anti-aliasing fringes one device pixel wide, so edges stay sharp at any
    // devicePixelRatio (ImGui's default is one logical pixel).
    const float fringe = dl->_FringeScale;
    dl->_FringeScale = 1.f / std::max(app.dpr, 1.f);
    const int max = counts.max_region_lesions();
    const float thick = std::clamp(fit.scale * 0.45f, 1.f, 2.f);
    for (const FigureView& view : fig.views) {
        for (const FigureRegion& r : view.regions)
            fill_region(dl, r, fit, to_u32(site_heat(counts.region_lesions(r.area), max, dark)));
        for (const FigureRegion& r : view.regions) outline(dl, r.outline, fit, pal.figure_outline, true, thick);
        for (const auto& d : view.details) outline(dl, d, fit, pal.figure_outline, false, thick * 0.8f);
        // Hovered, highlighted (the hovered tile's site) and selected regions on top.
        for (const FigureRegion& r : view.regions) {
            const int si = static_cast<int>(area_site(r.area));
            const bool hot = si == highlight || si == ev.hovered;
            const bool sel = selected & (1u << si);
            if (hot || sel) outline(dl, r.outline, fit, hot ? pal.accent : pal.selection, true, thick * 2.2f);
        }
        // Each view's box, for the browser tests (state().ui.rects: "<id>/front", ...).
        const ImVec2 va = v(fit.to_screen(view.min)), vb = v(fit.to_screen(view.max));
        app.ui_rects[std::string(id) + "/" + view.name] = {va.x, va.y, vb.x - va.x, vb.y - va.y};
        const ImVec2 top = v(fit.to_screen({(view.min.x + view.max.x) / 2, view.min.y}));
        const ImVec2 ls = ImGui::CalcTextSize(view.label.c_str());
        dl->AddText(ImVec2(top.x - ls.x * 0.5f, top.y - label_h), pal.text_dim, view.label.c_str());
    }
    // The unknown slot: a rounded box with its label.
    const ImVec2 ua = v(fit.to_screen(fig.unknown_min)), ub = v(fit.to_screen(fig.unknown_max));
    const int ui = static_cast<int>(BodyArea::Unknown), us = static_cast<int>(Site::Unknown);
    dl->AddRectFilled(ua, ub, to_u32(site_heat(counts.lesions[ui], max, dark)), 4.f);
    const bool uhot = highlight == us || ev.hovered == us, usel = selected & (1u << us);
    dl->AddRect(ua, ub, uhot ? pal.accent : (usel ? pal.selection : pal.figure_outline), 4.f, 0, uhot || usel ? thick * 2.2f : thick);
    dl->_FringeScale = fringe;
    // Counts at each area's anchor: the area's own lesions (a torso without side
    // has its own anchor, so no lesion is counted twice).
    for (int a = 0; a < kBodyAreaCount; ++a) {
        const auto area = static_cast<BodyArea>(a);
        Vec2 at_map;
        if (!fig.anchor(area, at_map)) continue;
        const ImVec2 at = v(fit.to_screen(at_map));
        const int si = static_cast<int>(area_site(area));
        // Where each area's count sits (a point inside its region), for the browser
        // tests: "<id>/area/posterior_torso", "<id>/area/head_neck", ...
        std::string slug(area_name(area));
        for (char& c : slug)
            if (c == ' ' || c == '/') c = '_';
        app.ui_rects[std::string(id) + "/area/" + slug] = {at.x - 2, at.y - 2, 4, 4};
        if (area == BodyArea::Unknown) {
            char buf[48];
            std::snprintf(buf, sizeof buf, "unknown site: %d", counts.lesions[a]);
            const ImVec2 ts = ImGui::CalcTextSize(buf);
            if (ts.x < ub.x - ua.x + 40)
                dl->AddText(ImVec2(at.x - ts.x * 0.5f, at.y - ts.y * 0.5f), pal.text, buf);
            else
                badge(dl, at, counts.lesions[a], counts.melanomas[a], melanomas && badge_melanomas, pal, dark);
            continue;
        }
        if (counts.lesions[a] > 0) badge(dl, at, counts.lesions[a], counts.melanomas[a], melanomas && badge_melanomas, pal, dark);
        // Sites of lesions the model flags: a ring around the count badge.
        if ((outliers & (1u << si)) && counts.lesions[a] > 0)
            dl->AddCircle(at, ImGui::GetTextLineHeight() * 1.1f, pal.outlier, 0, thick * 2.5f);
    }
    if (ev.hovered_area >= 0) {
        const auto area = static_cast<BodyArea>(ev.hovered_area);
        const int n = counts.region_lesions(area), own = counts.lesions[ev.hovered_area];
        ImGui::BeginTooltip();
        ImGui::Text("%s: %d lesion%s", std::string(area_name(area)).c_str(), n, n == 1 ? "" : "s");
        if (n != own)
            ImGui::TextDisabled("(%d recorded as \"torso\", side not given)", n - own);
        if (melanomas) {
            const int m = counts.region_melanomas(area);
            ImGui::Text("%d melanoma%s", m, m == 1 ? "" : "s");
        }
        if (outliers & (1u << ev.hovered)) ImGui::TextUnformatted("A lesion here stands out (model)");
        ImGui::TextDisabled("Click to filter by %s", std::string(site_name(area_site(area))).c_str());
        ImGui::EndTooltip();
    }
    if (ev.hovered >= 0 || clicked) app.request_redraw();
    return ev;
}

}  // namespace duck::ui
