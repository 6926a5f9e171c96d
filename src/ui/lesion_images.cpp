// lesion_images.cpp - getting a lesion's pixels on screen: texture lookup by
// image name, status placeholders, and the zoomable/pannable image canvas used
// by the lesion viewer and compare mode.
#include <cmath>

#include "platform/image_effects.h"
#include "ui/explorer_widgets.h"

namespace duck::ui {

ImageStatus lesion_status(const App& app, UiContext& ctx, uint32_t lesion) {
    if (lesion >= app.dataset.lesions.size()) return ImageStatus::Missing;
    const ImageStatus s = lesion < app.image_status.size() ? app.image_status[lesion] : ImageStatus::Pending;
    if (s == ImageStatus::Pending || s == ImageStatus::Loading) {
        const std::string& name = app.dataset.lesions[lesion].image_name;
        if (ctx.textures.find(thumb_key(name)) || ctx.textures.find(full_key(name))) return ImageStatus::Ready;
    }
    return s;
}

platform::TextureId lesion_texture(UiContext& ctx, const Lesion& l, bool full) {
    const auto t = ctx.textures.find(full ? full_key(l.image_name) : thumb_key(l.image_name));
    if (t) return t;
    return ctx.textures.find(full ? thumb_key(l.image_name) : full_key(l.image_name));
}

void draw_square_image(ImDrawList* dl, UiContext& ctx, platform::TextureId tex, ImVec2 a, ImVec2 b) {
    // Centre-crop to a square so every tile lines up.
    const ImVec2 ts = ctx.textures.size(tex);
    ImVec2 uv0(0, 0), uv1(1, 1);
    if (ts.x > ts.y && ts.x > 0) uv0.x = (1 - ts.y / ts.x) * 0.5f, uv1.x = 1 - uv0.x;
    if (ts.y > ts.x && ts.y > 0) uv0.y = (1 - ts.x / ts.y) * 0.5f, uv1.y = 1 - uv0.y;
    dl->AddImageRounded(platform::imgui_texture(tex), a, b, uv0, uv1, IM_COL32_WHITE, 4.f);
}

void draw_placeholder(ImDrawList* dl, ImVec2 a, ImVec2 b, ImageStatus s, const Palette& pal) {
    dl->AddRectFilled(a, b, pal.tile_bg, 4.f);
    const bool bad = s == ImageStatus::Missing || s == ImageStatus::Corrupt || s == ImageStatus::TooLarge;
    const ImVec2 c((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
    const float r = std::min(b.x - a.x, b.y - a.y) * 0.16f;
    if (bad) {  // a crossed circle: no pixels will come
        dl->AddCircle(c, r, pal.warn, 24, 2.f);
        dl->AddLine(ImVec2(c.x - r * 0.7f, c.y - r * 0.7f), ImVec2(c.x + r * 0.7f, c.y + r * 0.7f), pal.warn, 2.f);
    } else {  // a dotted ring: still coming
        for (int i = 0; i < 8; ++i) {
            const float t = 6.2831853f * static_cast<float>(i) / 8.f;
            dl->AddCircleFilled(ImVec2(c.x + r * std::cos(t), c.y + r * std::sin(t)), std::max(1.5f, r * 0.12f),
                                (i & 1) ? pal.text_dim : pal.tile_border);
        }
    }
    const std::string word(image_status_name(s));
    const ImVec2 ts = ImGui::CalcTextSize(word.c_str());
    if (ts.x < b.x - a.x - 4 && c.y + r + 4 + ts.y < b.y)
        dl->AddText(ImVec2(c.x - ts.x * 0.5f, c.y + r + 4), bad ? pal.warn : pal.text_dim, word.c_str());
}

bool image_canvas(App& app, UiContext& ctx, const char* id, platform::TextureId tex, ImVec2 tex_size, ImVec2 size,
                  ImageView& view, bool keys, ImageStatus status) {
    const Palette& pal = palette(app);
    size.x = std::max(size.x, 32.f);
    size.y = std::max(size.y, 32.f);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, size, ImGuiButtonFlags_MouseButtonLeft);
    record_item(app, id);
    const ImageView before = view;
    const float iw = tex ? tex_size.x : 0.f, ih = tex ? tex_size.y : 0.f;
    const bool has = iw > 0 && ih > 0;
    if (has) {
        view_clamp(view, iw, ih, size.x, size.y);
        ImGuiIO& io = ImGui::GetIO();
        const Vec2 mouse{io.MousePos.x - origin.x, io.MousePos.y - origin.y};
        if (ImGui::IsItemHovered() && io.MouseWheel != 0.f)
            view_zoom_at(view, std::pow(1.25f, io.MouseWheel), mouse, iw, ih, size.x, size.y);
        if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 1.f))
            view_pan(view, {io.MouseDelta.x, io.MouseDelta.y}, iw, ih, size.x, size.y);
        if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) view_fit(view, iw, ih, size.x, size.y);
        if (keys && !io.WantTextInput) {
            const Vec2 centre{size.x * 0.5f, size.y * 0.5f};
            if (ImGui::IsKeyPressed(ImGuiKey_Equal) || ImGui::IsKeyPressed(ImGuiKey_KeypadAdd))
                view_zoom_at(view, 1.25f, centre, iw, ih, size.x, size.y);
            if (ImGui::IsKeyPressed(ImGuiKey_Minus) || ImGui::IsKeyPressed(ImGuiKey_KeypadSubtract))
                view_zoom_at(view, 0.8f, centre, iw, ih, size.x, size.y);
            if (ImGui::IsKeyPressed(ImGuiKey_0) || ImGui::IsKeyPressed(ImGuiKey_Keypad0)) view_fit(view, iw, ih, size.x, size.y);
            const float step = std::min(size.x, size.y) * 0.1f;
            if (ImGui::IsKeyPressed(ImGuiKey_LeftArrow)) view_pan(view, {step, 0}, iw, ih, size.x, size.y);
            if (ImGui::IsKeyPressed(ImGuiKey_RightArrow)) view_pan(view, {-step, 0}, iw, ih, size.x, size.y);
            if (ImGui::IsKeyPressed(ImGuiKey_UpArrow)) view_pan(view, {0, step}, iw, ih, size.x, size.y);
            if (ImGui::IsKeyPressed(ImGuiKey_DownArrow)) view_pan(view, {0, -step}, iw, ih, size.x, size.y);
        }
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(origin.x + size.x, origin.y + size.y);
    dl->PushClipRect(origin, end, true);
    dl->AddRectFilled(origin, end, app.ui.dark_theme ? IM_COL32(14, 15, 18, 255) : IM_COL32(228, 230, 234, 255));
    if (has) {
        const Vec2 a = image_to_view(view, {0, 0}, size.x, size.y), b = image_to_view(view, {iw, ih}, size.x, size.y);
        const bool adjust = ctx.effects && !app.explorer.adjust.is_identity();
        if (adjust) ctx.effects->begin(dl, app.explorer.adjust);
        dl->AddImage(platform::imgui_texture(tex), ImVec2(origin.x + a.x, origin.y + a.y), ImVec2(origin.x + b.x, origin.y + b.y));
        if (adjust) ctx.effects->end(dl);
    } else {
        const float s = std::min(size.x, size.y) * 0.6f;
        const ImVec2 c(origin.x + size.x * 0.5f, origin.y + size.y * 0.5f);
        draw_placeholder(dl, ImVec2(c.x - s * 0.5f, c.y - s * 0.5f), ImVec2(c.x + s * 0.5f, c.y + s * 0.5f), status, pal);
    }
    dl->PopClipRect();
    const bool changed = before.zoom != view.zoom || before.cx != view.cx || before.cy != view.cy || before.fit != view.fit;
    if (changed || ImGui::IsItemActive()) app.request_redraw();
    return changed;
}

}  // namespace duck::ui
