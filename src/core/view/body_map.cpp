// body_map.cpp - the figure geometry (front + back), hit testing and site counts.
#include "core/view/body_map.h"

#include <algorithm>
#include <cmath>

namespace duck {

namespace {

using Poly = std::vector<Vec2>;

Poly ellipse(float cx, float cy, float rx, float ry, int n) {
    Poly p;
    for (int i = 0; i < n; ++i) {
        const float a = 6.2831853f * static_cast<float>(i) / static_cast<float>(n);
        p.push_back({cx + rx * std::cos(a), cy + ry * std::sin(a)});
    }
    return p;
}

// The figure is drawn for its left half (viewer's left, x < 50); the right half mirrors it.
Poly mirror(const Poly& p) {
    Poly m;
    for (auto it = p.rbegin(); it != p.rend(); ++it) m.push_back({100.f - it->x, it->y});
    return m;
}

Poly shift(Poly p, float dx) {
    for (auto& v : p) v.x += dx;
    return p;
}

// Signed area with y down: positive means clockwise in maths terms, i.e. a
// consistent winding for ImDrawList. Every shape is normalised to positive.
float signed_area(const Poly& p) {
    float a = 0;
    for (size_t i = 0; i < p.size(); ++i) {
        const Vec2& u = p[i];
        const Vec2& v = p[(i + 1) % p.size()];
        a += u.x * v.y - v.x * u.y;
    }
    return a * 0.5f;
}

Poly oriented(Poly p) {
    if (signed_area(p) < 0) std::reverse(p.begin(), p.end());
    return p;
}

std::vector<BodyShape> build_shapes() {
    // Left half of one figure, in units of a 100 x 222 box.
    const Poly upper_arm{{29, 44}, {21, 46}, {14, 82}, {22, 84}};
    const Poly forearm{{14, 82}, {22, 84}, {18, 117}, {10, 115}};
    const Poly hand{{10, 115}, {18, 117}, {19, 127}, {14, 134}, {8, 127}};
    const Poly thigh{{31, 118}, {49, 118}, {47, 165}, {35, 165}};
    const Poly shin{{35, 165}, {47, 165}, {45, 207}, {37, 207}};
    const Poly foot{{37, 207}, {45, 207}, {48, 216}, {46, 219}, {33, 219}, {33, 215}};
    const Poly head = ellipse(50, 18, 12, 15, 20);
    const Poly neck{{45, 31}, {55, 31}, {56, 43}, {44, 43}};
    const Poly torso{{29, 42}, {71, 42}, {72, 58}, {70, 119}, {30, 119}, {28, 58}};
    const Poly mouth = ellipse(50, 26.5f, 4.5f, 2.2f, 10);
    const Poly genital{{44, 112}, {56, 112}, {50, 125}};

    std::vector<BodyShape> out;
    auto add = [&](Site s, BodyView v, const Poly& p) {
        out.push_back({s, v, oriented(shift(p, v == BodyView::Back ? 120.f : 0.f))});
    };
    for (BodyView v : {BodyView::Front, BodyView::Back}) {
        add(Site::Torso, v, torso);
        add(Site::HeadNeck, v, neck);
        add(Site::HeadNeck, v, head);
        for (const Poly* limb : {&upper_arm, &forearm}) {
            add(Site::UpperExtremity, v, *limb);
            add(Site::UpperExtremity, v, mirror(*limb));
        }
        for (const Poly* limb : {&thigh, &shin}) {
            add(Site::LowerExtremity, v, *limb);
            add(Site::LowerExtremity, v, mirror(*limb));
        }
        // Anatomical position: palms face the viewer, soles face the back.
        const Site hand_site = v == BodyView::Front ? Site::PalmsSoles : Site::UpperExtremity;
        const Site foot_site = v == BodyView::Front ? Site::LowerExtremity : Site::PalmsSoles;
        add(hand_site, v, hand);
        add(hand_site, v, mirror(hand));
        add(foot_site, v, foot);
        add(foot_site, v, mirror(foot));
    }
    add(Site::OralGenital, BodyView::Front, mouth);
    add(Site::OralGenital, BodyView::Front, genital);
    return out;
}

}  // namespace

const std::vector<BodyShape>& body_shapes() {
    static const std::vector<BodyShape> shapes = build_shapes();
    return shapes;
}

Vec2 site_anchor(Site s) {
    switch (s) {
        case Site::HeadNeck: return {50, 14};
        case Site::UpperExtremity: return {18, 70};
        case Site::LowerExtremity: return {40, 160};
        case Site::Torso: return {50, 78};
        case Site::PalmsSoles: return {160, 212};  // the back figure's soles
        case Site::OralGenital: return {50, 117};
        case Site::Unknown: break;
    }
    return {(kUnknownSlotMin.x + kUnknownSlotMax.x) / 2, (kUnknownSlotMin.y + kUnknownSlotMax.y) / 2};
}

bool point_in_polygon(Vec2 p, std::span<const Vec2> poly) {
    bool inside = false;
    for (size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
        const Vec2& a = poly[i];
        const Vec2& b = poly[j];
        if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) inside = !inside;
    }
    return inside;
}

bool body_hit(Vec2 p, Site& out) {
    const auto& shapes = body_shapes();
    for (auto it = shapes.rbegin(); it != shapes.rend(); ++it)
        if (point_in_polygon(p, it->points)) {
            out = it->site;
            return true;
        }
    if (p.x >= kUnknownSlotMin.x && p.x <= kUnknownSlotMax.x && p.y >= kUnknownSlotMin.y && p.y <= kUnknownSlotMax.y) {
        out = Site::Unknown;
        return true;
    }
    return false;
}

BodyMapFit fit_body_map(float x, float y, float w, float h) {
    BodyMapFit f;
    f.scale = std::max(1e-3f, std::min(w / kBodyMapWidth, h / kBodyMapHeight));
    f.ox = x + (w - kBodyMapWidth * f.scale) * 0.5f;
    f.oy = y + (h - kBodyMapHeight * f.scale) * 0.5f;
    return f;
}

int SiteCounts::max_lesions() const { return *std::max_element(lesions.begin(), lesions.end()); }

SiteCounts count_sites(const Dataset& ds, std::span<const uint32_t> lesions) {
    SiteCounts c;
    for (uint32_t li : lesions) {
        if (li >= ds.lesions.size()) continue;
        const Lesion& l = ds.lesions[li];
        const int s = std::clamp(static_cast<int>(l.site), 0, kSiteCount - 1);
        ++c.lesions[s];
        if (l.label == Label::Malignant) ++c.melanomas[s];
    }
    return c;
}

SiteCounts count_sites(const Dataset& ds) {
    SiteCounts c;
    for (const Lesion& l : ds.lesions) {
        const int s = std::clamp(static_cast<int>(l.site), 0, kSiteCount - 1);
        ++c.lesions[s];
        if (l.label == Label::Malignant) ++c.melanomas[s];
    }
    return c;
}

std::array<float, 4> site_heat(int count, int max, bool dark) {
    if (count <= 0 || max <= 0) return dark ? std::array<float, 4>{0.27f, 0.29f, 0.33f, 1} : std::array<float, 4>{0.86f, 0.87f, 0.89f, 1};
    // Square-root scale so a single lesion is visible next to a site holding dozens.
    const float t = std::sqrt(std::clamp(static_cast<float>(count) / static_cast<float>(max), 0.f, 1.f));
    // From a pale amber to a deep orange-red (readable on both themes).
    const float lo[3] = {0.99f, 0.86f, 0.60f}, hi[3] = {0.80f, 0.20f, 0.09f};
    return {lo[0] + (hi[0] - lo[0]) * t, lo[1] + (hi[1] - lo[1]) * t, lo[2] + (hi[2] - lo[2]) * t, 1};
}

}  // namespace duck
