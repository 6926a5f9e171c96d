// body_map_widget.cpp - draws the body-site map (core/body_map.h geometry) with
// ImDrawList: regions coloured by lesion count, counts printed on them, hover and
// click reported to the caller (the patient view filters its grid by site).
#include <cstdio>
#include <cstring>

#include "ui/explorer_widgets.h"

namespace duck::ui {

namespace {
ImU32 to_u32(const std::array<float, 4>& c) { return ImGui::ColorConvertFloat4ToU32(ImVec4(c[0], c[1], c[2], c[3])); }
ImVec2 v(Vec2 p) { return ImVec2(p.x, p.y); }

// Count badge: "12" or "12 · 2 mel." centred on `at`.
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
}  // namespace

BodyMapEvents draw_body_map(App& app, const char* id, ImVec2 size, const SiteCounts& counts, bool melanomas,
                            int highlight, uint8_t selected, bool badge_melanomas, uint8_t outliers) {
    BodyMapEvents ev;
    const Palette& pal = palette(app);
    const bool dark = app.ui.dark_theme;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, ImVec2(std::max(size.x, 40.f), std::max(size.y, 40.f)));
    record_item(app, id);
    const bool hovered = ImGui::IsItemHovered();
    const bool clicked = ImGui::IsItemClicked(ImGuiMouseButton_Left);
    const float label_h = ImGui::GetTextLineHeight() + 4;
    const BodyMapFit fit = fit_body_map(origin.x, origin.y + label_h, size.x, size.y - label_h);
    if (hovered) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        Site s{};
        if (body_hit(fit.to_map({m.x, m.y}), s)) ev.hovered = static_cast<int>(s);
        if (clicked && ev.hovered >= 0) ev.clicked = ev.hovered;
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const int max = counts.max_lesions();
    const float thick = std::max(1.f, fit.scale * 0.6f);
    for (const BodyShape& sh : body_shapes()) {
        ImVec2 pts[32];
        const int n = static_cast<int>(std::min<size_t>(sh.points.size(), 32));
        for (int i = 0; i < n; ++i) pts[i] = v(fit.to_screen(sh.points[i]));
        const int si = static_cast<int>(sh.site);
        dl->AddConvexPolyFilled(pts, n, to_u32(site_heat(counts.lesions[si], max, dark)));
        const bool hot = si == highlight || si == ev.hovered;
        const bool sel = selected & (1u << si);
        dl->AddPolyline(pts, n, hot ? pal.accent : (sel ? pal.selection : pal.figure_outline), ImDrawFlags_Closed,
                        hot || sel ? thick * 2.2f : thick * 0.8f);
    }
    // The unknown slot: a rounded box with its label.
    const ImVec2 ua = v(fit.to_screen(kUnknownSlotMin)), ub = v(fit.to_screen(kUnknownSlotMax));
    const int ui = static_cast<int>(Site::Unknown);
    dl->AddRectFilled(ua, ub, to_u32(site_heat(counts.lesions[ui], max, dark)), 4.f);
    const bool uhot = highlight == ui || ev.hovered == ui, usel = selected & (1u << ui);
    dl->AddRect(ua, ub, uhot ? pal.accent : (usel ? pal.selection : pal.figure_outline), 4.f, 0, uhot || usel ? thick * 2.2f : thick);
    // View labels above each figure.
    const ImVec2 f0 = v(fit.to_screen({50, 0})), f1 = v(fit.to_screen({170, 0}));
    dl->AddText(ImVec2(f0.x - ImGui::CalcTextSize("Front").x * 0.5f, f0.y - label_h), pal.text_dim, "Front");
    dl->AddText(ImVec2(f1.x - ImGui::CalcTextSize("Back").x * 0.5f, f1.y - label_h), pal.text_dim, "Back");
    // Counts on every region (the unknown slot says what it is).
    for (int s = 0; s < kSiteCount; ++s) {
        const ImVec2 at = v(fit.to_screen(site_anchor(static_cast<Site>(s))));
        if (s == ui) {
            char buf[48];
            std::snprintf(buf, sizeof buf, "unknown site: %d", counts.lesions[s]);
            const ImVec2 ts = ImGui::CalcTextSize(buf);
            if (ts.x < ub.x - ua.x + 40)
                dl->AddText(ImVec2(at.x - ts.x * 0.5f, at.y - ts.y * 0.5f), pal.text, buf);
            else
                badge(dl, at, counts.lesions[s], counts.melanomas[s], melanomas && badge_melanomas, pal, dark);
            continue;
        }
        if (counts.lesions[s] > 0 || s == highlight) badge(dl, at, counts.lesions[s], counts.melanomas[s], melanomas && badge_melanomas, pal, dark);
    }
    // Sites of lesions the model flags: a ring around the count badge.
    for (int s = 0; s < kSiteCount; ++s)
        if (outliers & (1u << s))
            dl->AddCircle(v(fit.to_screen(site_anchor(static_cast<Site>(s)))), ImGui::GetTextLineHeight() * 1.1f,
                          pal.outlier, 0, thick * 2.5f);
    if (ev.hovered >= 0) {
        ImGui::BeginTooltip();
        ImGui::Text("%s: %d lesion%s", std::string(site_name(static_cast<Site>(ev.hovered))).c_str(),
                    counts.lesions[ev.hovered], counts.lesions[ev.hovered] == 1 ? "" : "s");
        if (melanomas) ImGui::Text("%d melanoma%s", counts.melanomas[ev.hovered], counts.melanomas[ev.hovered] == 1 ? "" : "s");
        if (outliers & (1u << ev.hovered)) ImGui::TextUnformatted("A lesion here stands out (model)");
        ImGui::TextDisabled("Click to filter by this site");
        ImGui::EndTooltip();
    }
    if (ev.hovered >= 0 || clicked) app.request_redraw();
    return ev;
}

}  // namespace duck::ui
