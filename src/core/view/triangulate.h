// triangulate.h - splits a simple polygon (any shape, no holes) into triangles,
// so the figure's concave outlines can be filled with a GPU triangle list
// (ImGui 1.90 fills only convex polygons).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

namespace duck {

struct Vec2;

// Signed area, positive when the points run clockwise on a y-down screen.
float polygon_area(std::span<const Vec2> poly);

// Ear clipping: indices into `poly`, three per triangle, n - 2 triangles for an
// n-point simple polygon of either winding. Empty when `poly` has fewer than 3
// points or is not simple enough to be clipped (self-intersecting): the caller
// reports it.
std::vector<uint32_t> triangulate(std::span<const Vec2> poly);

}  // namespace duck
