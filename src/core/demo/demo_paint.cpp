// demo_paint.cpp - the painter behind the demo images. A lesion is a warped
// union of ellipses (more lobes and warp = more asymmetric and irregular); its
// inside carries a dermoscopic pattern (Worley-cell network or globules,
// cerebriform ridges for a keratosis) and colour zones (blue-grey veil, black
// blotch, red, white regression). Skin and lesion are shaded at half resolution
// and upsampled - optics blur them anyway - while grain, hairs, the ruler and the
// dermoscope ring are drawn at full resolution. Keeps ~500 images at a few seconds.
#include "core/demo/demo_paint.h"

#include "core/demo/demo_shapes.h"

namespace duck::demo {

namespace {

constexpr Rgb kBlueGrey{104, 116, 140};
constexpr Rgb kBlack{34, 26, 28};
constexpr Rgb kRed{198, 82, 88};
constexpr Rgb kWhite{236, 222, 220};
constexpr Rgb kErythema{222, 132, 136};
constexpr int kBaseScale = 2;  // full-resolution pixels per base pixel

// Melanoma network: lines of uneven width, broken off where the variation field is low.
float thick_network(float f1, float id, float v) {
    const float line = smoothstep(0.2f + 0.15f * id, 0.5f + 0.1f * id, f1);
    return line * smoothstep(-0.02f, 0.08f, v + 0.2f * (id - 0.5f));
}

uint8_t to_byte(float v) { return static_cast<uint8_t>(std::min(std::max(v, 0.0f), 255.0f) + 0.5f); }

// Colour and pigment density of the lesion's pattern at a point, by lesion kind.
void pattern(const ImageLook& L, const CellPoints& cells, float px, float py, float d, float v, float cell_px,
             uint32_t salt, Rgb& col, float& dens) {
    if (L.kind == LesionKind::Homogeneous || L.kind == LesionKind::BlueNevus) {
        // Structureless, but not flat: a fine mottling of the pigment.
        dens = 0.8f + 0.3f * (value_noise(px / (cell_px * 0.6f), py / (cell_px * 0.6f), salt) - 0.5f);
        return;
    }
    float f1, f2, id;
    cells.query(px, py, f1, f2, id);
    // Network segments of uneven darkness over lighter pigmented holes; the holes
    // fade toward the rim, leaving a thinning network at the periphery.
    // F1 is small near each cell's point (a round hole) and large along the cell
    // borders: a mesh with rounded holes and lines of varying width.
    const float line = smoothstep(0.3f, 0.62f, f1) * (0.5f + 0.5f * id);
    const float holes = 0.4f + 0.45f * (1.0f - smoothstep(0.2f, 0.95f, d));
    switch (L.kind) {
        case LesionKind::Reticular:
        case LesionKind::Lentigo:
            dens = holes + (1.0f - holes) * line;
            col = mix(col, L.dark, line * 0.3f);
            break;
        case LesionKind::Globular: {
            // Round-to-oval brown globules of varying size, packed more densely in the centre.
            const float size = 0.26f + 0.14f * id;
            const float dot = (1.0f - smoothstep(size - 0.1f, size, f1)) * (id > 0.15f + 0.5f * d * d ? 1.0f : 0.35f);
            dens = 0.5f + 0.5f * dot;
            col = mix(col, L.dark, dot * 0.4f);
            break;
        }
        case LesionKind::Atypical: {
            const float thick = smoothstep(0.22f + 0.12f * id, 0.55f + 0.1f * id, f1) * (0.6f + 0.4f * id);
            dens = holes + (1.0f - holes) * thick;
            col = mix(col, L.dark, thick * 0.3f);
            break;
        }
        case LesionKind::Melanoma: {
            // Broken, thickened network; irregular dots and globules toward the rim.
            const float broken = thick_network(f1, id, v);
            const float dot = (id > 0.78f ? 1.0f : 0.0f) * (1.0f - smoothstep(0.1f + 0.3f * (id - 0.78f), 0.3f, f1)) *
                              smoothstep(0.4f, 0.9f, d);
            dens = std::max(0.7f + 0.3f * broken, dot);
            col = mix(col, L.dark, std::max(broken * 0.3f + 0.4f * smoothstep(0.0f, 0.2f, v), dot * 0.6f));
            break;
        }
        case LesionKind::Seborrheic: {
            // Cerebriform ridges, milia-like cysts (white) and comedo-like openings (dark).
            const float n = value_noise(px / (cell_px * 0.8f), py / (cell_px * 0.8f), salt);
            const float sulcus = 1.0f - smoothstep(0.02f, 0.14f, std::abs(n - 0.5f));
            const float spot = 1.0f - smoothstep(0.1f, 0.17f, f1);
            col = mix(col, L.dark, sulcus * 0.35f);
            if (id > 0.82f) col = mix(col, kWhite, spot * 0.9f);
            else if (id < 0.12f) col = mix(col, kBlack, spot * 0.8f);
            dens = 0.85f + 0.15f * sulcus;
            break;
        }
        default: break;
    }
}

// Paints skin and lesion into `base` (H x H, RGB floats), H = S / kBaseScale.
void paint_base(const ImageLook& L, int S, int H, Rng& r, std::vector<float>& base) {
    const float fs = static_cast<float>(S);
    const auto salt = [&r] { return static_cast<uint32_t>(r.next()); };
    const uint32_t s_blotch = salt(), s_red = salt(), s_warp = salt(), s_line = salt(), s_cell = salt(), s_var = salt();
    const auto full = [](int base_px) { return static_cast<float>(base_px * kBaseScale) + 0.5f * kBaseScale; };

    // Outline: a main ellipse plus lobes for asymmetry; the warp field roughens it.
    const float R = L.radius * fs, cx = L.cx * fs, cy = L.cy * fs;
    std::vector<Ellipse> lobes{Ellipse(cx, cy, R, L.elongation, L.angle)};
    const int extra_lobes = L.asymmetry > 0.15f ? (L.asymmetry > 0.5f ? 3 : 2) : 0;
    for (int i = 0; i < extra_lobes; ++i) {
        const float a = r.uniform(), d = R * L.asymmetry * r.uniform(0.45f, 0.75f);
        const float lr = R * r.uniform(0.45f, 0.75f), elong = r.uniform(1.0f, 1.8f), angle = r.uniform();
        lobes.emplace_back(cx + d * cos_turns(a), cy + d * sin_turns(a), lr, elong, angle);
    }
    // Off-centre darkening makes the colour asymmetric too.
    const float ca = r.uniform(), cd = R * L.asymmetry * 0.45f;
    const Ellipse dark_core(cx + cd * cos_turns(ca), cy + cd * sin_turns(ca), R * 0.75f, L.elongation, L.angle);
    const Zones z_blue(L.blue_grey, cx, cy, R, r), z_black(L.black, cx, cy, R * 0.8f, r);
    const Zones z_red(L.red, cx, cy, R, r), z_white(L.white, cx, cy, R * 0.8f, r);

    // Box around everything the lesion can cover: lobes, softened and warped border
    // (warp is within +-0.5; smin can undercut min by 0.1).
    const float border_gain = 1.6f * L.irregularity;
    const float reach = 1.1f + L.softness + border_gain * 0.5f;
    float bx0 = fs, bx1 = 0, by0 = fs, by1 = 0;
    for (const Ellipse& e : lobes) {
        const float ext = reach * e.extent();
        bx0 = std::min(bx0, e.cx - ext), bx1 = std::max(bx1, e.cx + ext);
        by0 = std::min(by0, e.cy - ext), by1 = std::max(by1, e.cy + ext);
    }
    bx0 = std::max(bx0, 0.0f), by0 = std::max(by0, 0.0f), bx1 = std::min(bx1, fs), by1 = std::min(by1, fs);
    const auto in_box = [&](float x, float y, float m) { return x > bx0 - m && x < bx1 + m && y > by0 - m && y < by1 + m; };
    const float cell_px = std::max(4.0f, L.cell * fs);
    const CellPoints cells(bx0, by0, bx1, by1, cell_px, s_cell);

    const CoarseField blotch(H, 2, [&](int x, int y) { return fbm(full(x) * 3.0f / fs, full(y) * 3.0f / fs, s_blotch, 3); });
    const CoarseField redness(H, 2, [&](int x, int y) { return fbm(full(x) * 5.0f / fs, full(y) * 5.0f / fs, s_red, 3); });
    const CoarseField furrows(H, 0, [&](int x, int y) { return value_noise(full(x) * 28.0f / fs, full(y) * 28.0f / fs, s_line); });
    const CoarseField variation(H, 2, [&](int x, int y) { return fbm(full(x) * 6.0f / fs, full(y) * 6.0f / fs, s_var, 2) - 0.5f; });
    const float wf = (3.0f + 4.0f * L.irregularity) * 0.35f / R;  // rougher borders wiggle faster
    const CoarseField warp(H, 0, [&](int x, int y) {
        const float X = full(x), Y = full(y);
        return in_box(X, Y, 4.0f) ? fbm(X * wf, Y * wf, s_warp, 4) - 0.5f : 0.0f;
    });

    base.resize(static_cast<size_t>(H * H * 3));
    for (int y = 0; y < H; ++y) {
        const float py = full(y);
        for (int x = 0; x < H; ++x) {
            const float px = full(x);
            // Skin: tone blotches, erythema and the furrows of the skin surface.
            const float e = smoothstep(0.5f, 0.75f, redness.at(x, y)) * L.skin_red;
            const float furrow = 1.0f - smoothstep(0.0f, 0.06f, std::abs(furrows.at(x, y) - 0.5f));
            Rgb c = times(mix(L.skin, kErythema, e * 0.35f), 1.0f + L.skin_blotch * (blotch.at(x, y) - 0.5f) * 3.0f - 0.03f * furrow);

            if (in_box(px, py, 0.0f)) {
                float d = lobes[0].dist(px, py);
                for (size_t i = 1; i < lobes.size(); ++i) d = smin(d, lobes[i].dist(px, py), 0.4f);
                const float w = warp.at(x, y);
                d += border_gain * w;
                const float m = 1.0f - smoothstep(1.0f - L.softness, 1.0f + L.softness, d);
                if (m > 0.001f) {
                    const float v = variation.at(x, y);
                    const float core = 1.0f - smoothstep(0.0f, 1.0f, dark_core.dist(px, py) + w);
                    Rgb col = mix(L.pigment, L.dark, core * 0.8f);
                    float dens = 0.9f;
                    pattern(L, cells, px, py, d, v, cell_px, s_cell + 5u, col, dens);
                    col = times(col, 1.0f + 0.5f * v);
                    const float wb = z_blue.weight(px, py, w), wk = z_black.weight(px, py, w);
                    const float wr = z_red.weight(px, py, w), ww = z_white.weight(px, py, w);
                    if (wb > 0) col = mix(col, kBlueGrey, wb * 0.7f), dens = std::max(dens, wb * 0.85f);
                    if (wr > 0) col = mix(col, kRed, wr * 0.55f), dens = std::max(dens, wr * 0.7f);
                    if (wk > 0) col = mix(col, kBlack, wk * 0.85f), dens = std::max(dens, wk * 0.95f);
                    if (ww > 0) {  // regression: white scar with blue-grey peppering in melanomas
                        const bool pepper = L.kind == LesionKind::Melanoma && hash2(x / 2, y / 2, s_cell) > 0.9f;
                        col = mix(mix(col, kWhite, ww * 0.55f), kBlueGrey, pepper ? ww * 0.6f : ww * 0.15f);
                        dens = std::max(dens, ww * 0.9f);
                    }
                    c = mix(c, col, clamp01(m * L.opacity * dens));
                }
            }
            float* o = &base[static_cast<size_t>((y * H + x) * 3)];
            o[0] = c.r, o[1] = c.g, o[2] = c.b;
        }
    }
}

}  // namespace

ImageRGBA paint_lesion_image(const ImageLook& look, int size) {
    ImageRGBA img;
    paint_lesion_image(look, size, img);
    return img;
}

void paint_lesion_image(const ImageLook& L, int size, ImageRGBA& img) {
    const int S = std::clamp(size, 16, 2048) / kBaseScale * kBaseScale;
    const int H = S / kBaseScale;
    const float fs = static_cast<float>(S);
    Rng r(L.seed);
    const uint32_t s_grain = static_cast<uint32_t>(r.next());
    // Scratch kept between calls: fresh large allocations cost more in page faults
    // than the painting itself. Hair/ruler buffers only when the image has them.
    static thread_local std::vector<float> base, hair_buf, marks_buf;
    paint_base(L, S, H, r, base);
    if (L.hairs > 0) hair_buf.assign(static_cast<size_t>(S * S), 0.0f), draw_hairs(hair_buf, S, L.hairs, r);
    if (L.ruler) marks_buf.assign(static_cast<size_t>(S * S), 0.0f), draw_ruler(marks_buf, S, r);
    const float* hair = L.hairs > 0 ? hair_buf.data() : nullptr;
    const float* marks = L.ruler ? marks_buf.data() : nullptr;
    const Rgb hair_col = r.chance(0.8f) ? Rgb{56, 40, 32} : Rgb{132, 100, 70};

    const float ring = L.vignette_radius - 0.03f, ring2 = ring * ring;  // the ring starts here
    img.width = img.height = S;
    img.pixels.resize(static_cast<size_t>(S * S * 4));
    for (int y = 0; y < S; ++y) {
        // Bilinear upsampling by 2: full pixel y sits at base coordinate y/2 - 0.25.
        const int y0 = std::max(0, (y - 1) / 2), y1 = std::min(H - 1, (y + 1) / 2);
        const float wy = (y & 1) ? 0.75f : 0.25f;  // weight of row y0
        const float* r0 = &base[static_cast<size_t>(y0 * H * 3)];
        const float* r1 = &base[static_cast<size_t>(y1 * H * 3)];
        for (int x = 0; x < S; ++x) {
            const int x0 = std::max(0, (x - 1) / 2) * 3, x1 = std::min(H - 1, (x + 1) / 2) * 3;
            const float wx = (x & 1) ? 0.75f : 0.25f;
            Rgb c;
            c.r = wy * (wx * r0[x0] + (1 - wx) * r0[x1]) + (1 - wy) * (wx * r1[x0] + (1 - wx) * r1[x1]);
            c.g = wy * (wx * r0[x0 + 1] + (1 - wx) * r0[x1 + 1]) + (1 - wy) * (wx * r1[x0 + 1] + (1 - wx) * r1[x1 + 1]);
            c.b = wy * (wx * r0[x0 + 2] + (1 - wx) * r0[x1 + 2]) + (1 - wy) * (wx * r1[x0 + 2] + (1 - wx) * r1[x1 + 2]);
            c = times(c, 1.0f + 0.04f * (hash2(x, y, s_grain) - 0.5f));  // sensor grain
            if (hair) c = mix(c, hair_col, hair[static_cast<size_t>(y * S + x)] * 0.85f);
            if (marks) c = mix(c, Rgb{30, 28, 30}, marks[static_cast<size_t>(y * S + x)]);
            // Optics: light falloff toward the edge, white balance, the dermoscope's dark ring.
            const float rx = (static_cast<float>(x) + 0.5f) / fs - 0.5f, ry = (static_cast<float>(y) + 0.5f) / fs - 0.5f;
            const float rr2 = rx * rx + ry * ry, fall = 1.0f - 0.22f * rr2;
            c = {c.r * fall * L.cast.r, c.g * fall * L.cast.g, c.b * fall * L.cast.b};
            if (L.vignette > 0 && rr2 > ring2)
                c = mix(c, Rgb{10, 8, 8}, L.vignette * smoothstep(ring, L.vignette_radius + 0.02f, std::sqrt(rr2)));
            uint8_t* o = &img.pixels[static_cast<size_t>((y * S + x) * 4)];
            o[0] = to_byte(c.r), o[1] = to_byte(c.g), o[2] = to_byte(c.b), o[3] = 255;
        }
    }
}

}  // namespace duck::demo
