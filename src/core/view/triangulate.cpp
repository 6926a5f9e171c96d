// triangulate.cpp - ear clipping (O(n^2); the figure's outlines have a few
// hundred points and are triangulated once, when the asset is read).
#include "core/view/triangulate.h"

#include <algorithm>
#include <cmath>

#include "core/view/body_map.h"

namespace duck {

namespace {
// Twice the signed area of (a, b, c): positive for a clockwise turn on screen.
float cross(Vec2 a, Vec2 b, Vec2 c) { return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x); }

bool in_triangle(Vec2 p, Vec2 a, Vec2 b, Vec2 c) {
    // Points on an edge count as inside, so an ear never swallows a touching vertex.
    return cross(a, b, p) >= 0 && cross(b, c, p) >= 0 && cross(c, a, p) >= 0;
}
}  // namespace

float polygon_area(std::span<const Vec2> p) {
    float a = 0;
    for (size_t i = 0; i < p.size(); ++i) {
        const Vec2& u = p[i];
        const Vec2& v = p[(i + 1) % p.size()];
        a += u.x * v.y - v.x * u.y;
    }
    return a * 0.5f;
}

std::vector<uint32_t> triangulate(std::span<const Vec2> poly) {
    std::vector<uint32_t> tris;
    const size_t n = poly.size();
    if (n < 3) return tris;
    // Work on a clockwise (screen) index ring.
    std::vector<uint32_t> ring(n);
    for (size_t i = 0; i < n; ++i) ring[i] = static_cast<uint32_t>(i);
    if (polygon_area(poly) < 0) std::reverse(ring.begin(), ring.end());
    tris.reserve((n - 2) * 3);
    size_t misses = 0;  // consecutive vertices that were not ears
    size_t i = 0;
    while (ring.size() > 3) {
        const size_t m = ring.size();
        const uint32_t ia = ring[(i + m - 1) % m], ib = ring[i % m], ic = ring[(i + 1) % m];
        const Vec2 a = poly[ia], b = poly[ib], c = poly[ic];
        const float turn = cross(a, b, c);
        bool ear = turn > 0;
        if (std::abs(turn) <= 1e-9f) {
            // A straight (or doubled) vertex adds no area: drop it.
            ring.erase(ring.begin() + static_cast<std::ptrdiff_t>(i % m));
            misses = 0;
            continue;
        }
        for (size_t k = 0; ear && k < m; ++k) {
            const uint32_t q = ring[k];
            if (q == ia || q == ib || q == ic) continue;
            const Vec2 p = poly[q];
            if ((p.x == a.x && p.y == a.y) || (p.x == b.x && p.y == b.y) || (p.x == c.x && p.y == c.y)) continue;
            if (in_triangle(p, a, b, c)) ear = false;
        }
        if (ear) {
            tris.insert(tris.end(), {ia, ib, ic});
            ring.erase(ring.begin() + static_cast<std::ptrdiff_t>(i % m));
            misses = 0;
            continue;
        }
        i = (i + 1) % m;
        if (++misses > m) return {};  // no ear left: not a simple polygon
    }
    if (cross(poly[ring[0]], poly[ring[1]], poly[ring[2]]) != 0) tris.insert(tris.end(), {ring[0], ring[1], ring[2]});
    return tris;
}

}  // namespace duck
