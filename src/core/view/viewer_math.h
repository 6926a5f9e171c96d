// viewer_math.h - zoom and pan of the lesion viewer, without ImGui: fit to the
// view, zoom about the cursor, pan by drag or arrow keys, clamping so the image
// never leaves the view, and the synchronisation of the compare mode (both
// sides show the same relative zoom and the same relative point).
#pragma once
#include "core/view/body_map.h"  // Vec2

namespace duck {

// Zoom is screen pixels per image pixel; (cx, cy) is the image point at the
// centre of the view. `fit` means "follow the view size": fitted until the user
// zooms or pans.
struct ImageView {
    float zoom = 1.f;
    float cx = 0.f, cy = 0.f;
    bool fit = true;
};

inline constexpr float kMaxZoom = 32.f;  // 32 screen pixels per image pixel

// Zoom at which the whole image fits the view (letterboxed).
float fit_zoom(float img_w, float img_h, float view_w, float view_h);
// Smallest allowed zoom: half the fit zoom (never above 1:1 for tiny images).
float min_zoom(float img_w, float img_h, float view_w, float view_h);

void view_fit(ImageView& v, float img_w, float img_h, float view_w, float view_h);
// Multiplies the zoom by `factor`, keeping the image point under `cursor` (view
// coordinates, origin top-left) where it is.
void view_zoom_at(ImageView& v, float factor, Vec2 cursor, float img_w, float img_h, float view_w, float view_h);
// Moves the image by `delta` screen pixels (drag direction).
void view_pan(ImageView& v, Vec2 delta, float img_w, float img_h, float view_w, float view_h);
// Keeps zoom within [min_zoom, kMaxZoom] and the image covering the view where it can
// (an image smaller than the view on an axis stays centred on that axis). A fitted
// view is re-fitted (the view may have been resized).
void view_clamp(ImageView& v, float img_w, float img_h, float view_w, float view_h);

// View coordinates of an image point, and back.
Vec2 image_to_view(const ImageView& v, Vec2 img, float view_w, float view_h);
Vec2 view_to_image(const ImageView& v, Vec2 view, float view_w, float view_h);

// Zoom relative to fit (1 = fitted), as shown to the user and in state().
float relative_zoom(const ImageView& v, float img_w, float img_h, float view_w, float view_h);

// Compare mode: makes `dst` show the same relative zoom and the same relative image
// point as `src`, so two images of different sizes move together.
void view_sync(const ImageView& src, float src_w, float src_h, ImageView& dst, float dst_w, float dst_h,
               float view_w, float view_h);

}  // namespace duck
