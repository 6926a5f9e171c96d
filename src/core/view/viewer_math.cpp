// viewer_math.cpp - zoom/pan arithmetic for the lesion viewer and compare mode.
#include "core/view/viewer_math.h"

#include <algorithm>
#include <cmath>

namespace duck {

namespace {
bool bad(float w, float h) { return !(w > 0) || !(h > 0); }
}  // namespace

float fit_zoom(float img_w, float img_h, float view_w, float view_h) {
    if (bad(img_w, img_h) || bad(view_w, view_h)) return 1.f;
    return std::min(view_w / img_w, view_h / img_h);
}

float min_zoom(float img_w, float img_h, float view_w, float view_h) {
    return std::min(1.f, 0.5f * fit_zoom(img_w, img_h, view_w, view_h));
}

void view_fit(ImageView& v, float img_w, float img_h, float view_w, float view_h) {
    v.zoom = fit_zoom(img_w, img_h, view_w, view_h);
    v.cx = std::max(0.f, img_w) * 0.5f;
    v.cy = std::max(0.f, img_h) * 0.5f;
    v.fit = true;
}

void view_clamp(ImageView& v, float img_w, float img_h, float view_w, float view_h) {
    if (v.fit || !std::isfinite(v.zoom) || !std::isfinite(v.cx) || !std::isfinite(v.cy)) {
        view_fit(v, img_w, img_h, view_w, view_h);
        return;
    }
    v.zoom = std::clamp(v.zoom, min_zoom(img_w, img_h, view_w, view_h), kMaxZoom);
    auto axis = [&](float& c, float img, float view) {
        const float half = view * 0.5f / v.zoom;  // half the view, in image pixels
        c = img <= 2 * half ? img * 0.5f : std::clamp(c, half, img - half);
    };
    axis(v.cx, std::max(0.f, img_w), view_w);
    axis(v.cy, std::max(0.f, img_h), view_h);
}

Vec2 image_to_view(const ImageView& v, Vec2 img, float view_w, float view_h) {
    return {(img.x - v.cx) * v.zoom + view_w * 0.5f, (img.y - v.cy) * v.zoom + view_h * 0.5f};
}

Vec2 view_to_image(const ImageView& v, Vec2 p, float view_w, float view_h) {
    return {(p.x - view_w * 0.5f) / v.zoom + v.cx, (p.y - view_h * 0.5f) / v.zoom + v.cy};
}

void view_zoom_at(ImageView& v, float factor, Vec2 cursor, float img_w, float img_h, float view_w, float view_h) {
    if (!(factor > 0) || bad(img_w, img_h) || bad(view_w, view_h)) return;
    view_clamp(v, img_w, img_h, view_w, view_h);
    const Vec2 anchor = view_to_image(v, cursor, view_w, view_h);
    const float z = std::clamp(v.zoom * factor, min_zoom(img_w, img_h, view_w, view_h), kMaxZoom);
    // Solve for the centre that puts `anchor` back under the cursor at the new zoom.
    v.zoom = z;
    v.cx = anchor.x - (cursor.x - view_w * 0.5f) / z;
    v.cy = anchor.y - (cursor.y - view_h * 0.5f) / z;
    v.fit = false;
    view_clamp(v, img_w, img_h, view_w, view_h);
}

void view_pan(ImageView& v, Vec2 delta, float img_w, float img_h, float view_w, float view_h) {
    if (bad(img_w, img_h) || bad(view_w, view_h)) return;
    view_clamp(v, img_w, img_h, view_w, view_h);
    v.cx -= delta.x / v.zoom;
    v.cy -= delta.y / v.zoom;
    v.fit = false;
    view_clamp(v, img_w, img_h, view_w, view_h);
}

float relative_zoom(const ImageView& v, float img_w, float img_h, float view_w, float view_h) {
    return v.zoom / fit_zoom(img_w, img_h, view_w, view_h);
}

void view_sync(const ImageView& src, float src_w, float src_h, ImageView& dst, float dst_w, float dst_h,
               float view_w, float view_h) {
    if (bad(src_w, src_h) || bad(dst_w, dst_h)) return;
    if (src.fit) {
        view_fit(dst, dst_w, dst_h, view_w, view_h);
        return;
    }
    dst.zoom = relative_zoom(src, src_w, src_h, view_w, view_h) * fit_zoom(dst_w, dst_h, view_w, view_h);
    dst.cx = src.cx / src_w * dst_w;
    dst.cy = src.cy / src_h * dst_h;
    dst.fit = false;
    view_clamp(dst, dst_w, dst_h, view_w, view_h);
}

}  // namespace duck
