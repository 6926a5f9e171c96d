// slice3d_synthetic.cpp - synthetic SLICE-3D rows (see slice3d_synthetic.h).
#include "core/demo/slice3d_synthetic.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/base/prng.h"
#include "core/data/tbp_location.h"

namespace duck {

namespace {

// The public test metadata's header (44 columns), in its order.
constexpr const char* kHeader =
    "isic_id,patient_id,age_approx,sex,anatom_site_general,clin_size_long_diam_mm,image_type,tbp_tile_type,"
    "tbp_lv_A,tbp_lv_Aext,tbp_lv_B,tbp_lv_Bext,tbp_lv_C,tbp_lv_Cext,tbp_lv_H,tbp_lv_Hext,tbp_lv_L,tbp_lv_Lext,"
    "tbp_lv_areaMM2,tbp_lv_area_perim_ratio,tbp_lv_color_std_mean,tbp_lv_deltaA,tbp_lv_deltaB,tbp_lv_deltaL,"
    "tbp_lv_deltaLB,tbp_lv_deltaLBnorm,tbp_lv_eccentricity,tbp_lv_location,tbp_lv_location_simple,"
    "tbp_lv_minorAxisMM,tbp_lv_nevi_confidence,tbp_lv_norm_border,tbp_lv_norm_color,tbp_lv_perimeterMM,"
    "tbp_lv_radial_color_std_max,tbp_lv_stdL,tbp_lv_stdLExt,tbp_lv_symm_2axis,tbp_lv_symm_2axis_angle,"
    "tbp_lv_x,tbp_lv_y,tbp_lv_z,attribution,copyright_license";

// A made-up height (mm) and horizontal offset per location, so positions agree
// with the named location in the generated rows; left is negative x here.
void place(TbpLocation l, float& x, float& y) {
    const BodySide side = tbp_body_side(l);
    const float sx = side == BodySide::Left ? -1.f : 1.f;
    switch (l) {
        case TbpLocation::HeadNeck: x = 0, y = 1600; return;
        case TbpLocation::TorsoFrontTopHalf: case TbpLocation::TorsoBackTopThird: x = 0, y = 1400; return;
        case TbpLocation::TorsoBackMiddleThird: case TbpLocation::TorsoFront: case TbpLocation::TorsoBack: x = 0, y = 1250; return;
        case TbpLocation::TorsoFrontBottomHalf: case TbpLocation::TorsoBackBottomThird: x = 0, y = 1100; return;
        case TbpLocation::LeftArmUpper: case TbpLocation::RightArmUpper: case TbpLocation::LeftArm: case TbpLocation::RightArm:
            x = sx * 220, y = 1300; return;
        case TbpLocation::LeftArmLower: case TbpLocation::RightArmLower: x = sx * 260, y = 1000; return;
        case TbpLocation::LeftLegUpper: case TbpLocation::RightLegUpper: case TbpLocation::LeftLeg: case TbpLocation::RightLeg:
            x = sx * 110, y = 650; return;
        case TbpLocation::LeftLegLower: case TbpLocation::RightLegLower: x = sx * 100, y = 300; return;
        default: x = 0, y = 900; return;
    }
}

std::string_view general_site(TbpLocation l) {
    const Site s = tbp_site(l);
    if (s == Site::Torso) return tbp_side(l) == SiteSide::Posterior ? "posterior torso" : "anterior torso";
    return s == Site::Unknown ? "" : site_name(s);
}

}  // namespace

std::string slice3d_synthetic_csv(const Slice3dSynthetic& spec) {
    SplitMix64 rng(spec.seed);
    auto normal = [&rng]() {  // Box-Muller: a standard normal draw
        const double u = std::max(1e-9f, rng.unit()), v = rng.unit();
        return static_cast<float>(std::sqrt(-2 * std::log(u)) * std::cos(6.283185307179586 * v));
    };
    std::string out = kHeader;
    if (spec.with_target) out += ",target";
    out += '\n';
    char buf[160];
    for (int p = 0; p < spec.patients; ++p) {
        const int age = 30 + static_cast<int>(rng.below(50));
        const char* sex = rng.below(2) ? "male" : "female";
        for (int k = 0; k < spec.lesions_per_patient; ++k) {
            // Every named location but "Unknown" and the coarse ones, in turn.
            const auto loc = static_cast<TbpLocation>(2 + k % (kTbpLocationCount - 2));
            const bool odd = spec.plant_outlier && k == 0;
            float x, y;
            place(loc, x, y);
            x += 30 * normal(), y += 40 * normal();
            const float z = 60 * normal();
            const float diam = 3 + std::fabs(normal()) * (odd ? 4 : 1);
            std::snprintf(buf, sizeof buf, "SYN_%04d_%04d,SYNP_%04d,%d.0,%s,", p + 1, k + 1, p + 1, age, sex);
            out += buf;
            out += general_site(loc);
            std::snprintf(buf, sizeof buf, ",%.2f,TBP tile: close-up,3D: XP", diam);
            out += buf;
            // tbp_lv_A .. tbp_lv_eccentricity (19 colour / size columns): plain noise
            // around made-up centres; the planted outlier is darker (L) and larger.
            const float centres[19] = {20, 15, 28, 25, 34, 30, 55, 60, 50, 62, diam * diam * 0.6f, 15, 1,
                                       5, 4, -10, 12, 6, 0.7f};
            for (int c = 0; c < 19; ++c) {
                float v = centres[c] + std::fabs(centres[c]) * 0.08f * normal();
                if (odd && (c == 8 || c == 9)) v -= 20;  // L, Lext: a dark lesion
                std::snprintf(buf, sizeof buf, ",%.4f", double(v));
                out += buf;
            }
            out += ',';
            out += tbp_location_name(loc);
            out += ',';
            out += tbp_location_name(tbp_simple(loc));
            // minorAxisMM, nevi_confidence, norm_border, norm_color, perimeterMM,
            // radial_color_std_max, stdL, stdLExt, symm_2axis, symm_2axis_angle.
            const float border = odd ? 9.5f : 4 + 0.5f * normal(), colour = odd ? 8.f : 2 + 0.4f * normal();
            const float symm = odd ? 0.9f : 0.35f + 0.05f * normal();
            const float tail[10] = {diam * 0.7f, 60 + 20 * normal(), border, colour, diam * 3.3f,
                                    1 + 0.3f * normal(), 2 + 0.3f * normal(), 1.5f + 0.2f * normal(), symm,
                                    90 + 40 * normal()};
            for (float v : tail) {
                std::snprintf(buf, sizeof buf, ",%.4f", double(v));
                out += buf;
            }
            std::snprintf(buf, sizeof buf, ",%.3f,%.3f,%.3f,Synthetic (not ISIC data),CC-0", double(x), double(y), double(z));
            out += buf;
            if (spec.with_target) out += odd ? ",1" : ",0";
            out += '\n';
        }
    }
    return out;
}

}  // namespace duck
