// figure_path.h - the small path language of the body figure asset: the SVG path
// subset M L H V C Q Z (upper case absolute, lower case relative), numbers
// separated by spaces or commas. Curves are flattened here, once, into polylines,
// so drawing and hit testing work on plain points.
#pragma once
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace duck {

struct Vec2;

// One subpath of a parsed path: its points (curves flattened) and whether it
// ended with Z. A closed subpath does not repeat its first point at the end.
struct FigurePolyline {
    std::vector<Vec2> points;
    bool closed = false;
};

// Parses `d`. `tolerance` is the largest distance (path units) a flattened curve
// may stray from the true one. Errors name the offending character position.
Result<std::vector<FigurePolyline>> parse_figure_path(std::string_view d, float tolerance = 0.05f);

}  // namespace duck
