// figure_path.cpp - parser and curve flattening for the figure's path language.
#include "core/view/figure_path.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/view/body_map.h"

namespace duck {

namespace {

struct PathReader {
    std::string_view d;
    size_t i = 0;

    void skip() {
        while (i < d.size() && (std::isspace(static_cast<unsigned char>(d[i])) || d[i] == ',')) ++i;
    }
    bool at_number() {
        skip();
        return i < d.size() && (std::isdigit(static_cast<unsigned char>(d[i])) || d[i] == '-' || d[i] == '+' || d[i] == '.');
    }
    // A plain decimal: sign, digits, optional fraction (no exponent, no locale).
    bool number(float& out) {
        skip();
        const size_t start = i;
        if (i < d.size() && (d[i] == '-' || d[i] == '+')) ++i;
        bool digits = false;
        while (i < d.size() && std::isdigit(static_cast<unsigned char>(d[i]))) ++i, digits = true;
        if (i < d.size() && d[i] == '.') {
            ++i;
            while (i < d.size() && std::isdigit(static_cast<unsigned char>(d[i]))) ++i, digits = true;
        }
        if (!digits) {
            i = start;
            return false;
        }
        const std::string s(d.substr(start, i - start));
        out = std::strtof(s.c_str(), nullptr);
        return std::isfinite(out) && std::fabs(out) < 1e6f;
    }
};

std::string at(size_t pos) { return " at character " + std::to_string(pos + 1); }

float dist(Vec2 a, Vec2 b) { return std::hypot(b.x - a.x, b.y - a.y); }

// Segments for a curve whose control polygon is `len` long: enough that the chord
// error (about len^2 / (8 n^2) for these gentle curves) stays under `tol`.
int segments_for(float len, float tol) {
    const float n = std::ceil(len / std::sqrt(8.f * tol));
    return static_cast<int>(std::clamp(n, 2.f, 64.f));
}

}  // namespace

Result<std::vector<FigurePolyline>> parse_figure_path(std::string_view d, float tolerance) {
    PathReader r{d};
    std::vector<FigurePolyline> out;
    Vec2 cur{}, start{};
    char cmd = 0;
    const float tol = std::max(tolerance, 1e-4f);
    auto line_to = [&](Vec2 p) {
        out.back().points.push_back(p);
        cur = p;
    };
    while (true) {
        r.skip();
        if (r.i >= d.size()) break;
        const char c = d[r.i];
        if (std::isalpha(static_cast<unsigned char>(c))) {
            if (!std::strchr("MLHVCQZmlhvcqz", c))
                return Error{"path command '" + std::string(1, c) + "' is not one of M L H V C Q Z" + at(r.i)};
            cmd = c;
            ++r.i;
        } else if (cmd == 0) {
            return Error{"path must start with M (a move), found '" + std::string(1, c) + "'" + at(r.i)};
        } else if (cmd == 'Z' || cmd == 'z') {
            return Error{"a number follows Z" + at(r.i)};
        }
        const bool rel = std::islower(static_cast<unsigned char>(cmd));
        const char up = static_cast<char>(std::toupper(static_cast<unsigned char>(cmd)));
        if (up != 'M' && up != 'Z' && out.empty()) return Error{"path must start with M (a move)" + at(r.i)};
        const size_t cmd_pos = r.i;
        auto read = [&](int n, float* v) -> bool {
            for (int k = 0; k < n; ++k)
                if (!r.number(v[k])) return false;
            return true;
        };
        auto point = [&](float x, float y) { return rel ? Vec2{cur.x + x, cur.y + y} : Vec2{x, y}; };
        float v[6];
        switch (up) {
            case 'Z':
                if (out.empty()) return Error{"Z before any M" + at(cmd_pos)};
                out.back().closed = true;
                cur = start;
                break;
            case 'M':
                if (!read(2, v)) return Error{"M needs two numbers" + at(r.i)};
                cur = point(v[0], v[1]);
                start = cur;
                out.push_back({{cur}, false});
                cmd = rel ? 'l' : 'L';  // further pairs are line-tos (SVG's rule)
                break;
            case 'L':
                if (!read(2, v)) return Error{"L needs two numbers" + at(r.i)};
                line_to(point(v[0], v[1]));
                break;
            case 'H':
                if (!read(1, v)) return Error{"H needs a number" + at(r.i)};
                line_to({rel ? cur.x + v[0] : v[0], cur.y});
                break;
            case 'V':
                if (!read(1, v)) return Error{"V needs a number" + at(r.i)};
                line_to({cur.x, rel ? cur.y + v[0] : v[0]});
                break;
            case 'C': {
                if (!read(6, v)) return Error{"C needs six numbers" + at(r.i)};
                const Vec2 p0 = cur, p1 = point(v[0], v[1]), p2 = point(v[2], v[3]), p3 = point(v[4], v[5]);
                const int n = segments_for(dist(p0, p1) + dist(p1, p2) + dist(p2, p3), tol);
                for (int k = 1; k <= n; ++k) {
                    const float t = static_cast<float>(k) / static_cast<float>(n), u = 1 - t;
                    const float a = u * u * u, b = 3 * u * u * t, cc = 3 * u * t * t, e = t * t * t;
                    out.back().points.push_back({a * p0.x + b * p1.x + cc * p2.x + e * p3.x,
                                                 a * p0.y + b * p1.y + cc * p2.y + e * p3.y});
                }
                cur = p3;
                break;
            }
            case 'Q': {
                if (!read(4, v)) return Error{"Q needs four numbers" + at(r.i)};
                const Vec2 p0 = cur, p1 = point(v[0], v[1]), p2 = point(v[2], v[3]);
                const int n = segments_for(dist(p0, p1) + dist(p1, p2), tol);
                for (int k = 1; k <= n; ++k) {
                    const float t = static_cast<float>(k) / static_cast<float>(n), u = 1 - t;
                    out.back().points.push_back({u * u * p0.x + 2 * u * t * p1.x + t * t * p2.x,
                                                 u * u * p0.y + 2 * u * t * p1.y + t * t * p2.y});
                }
                cur = p2;
                break;
            }
            default: break;
        }
        // A command letter with no numbers after it (other than Z) is an error;
        // repeated number groups reuse the last command.
        if (up != 'Z' && !r.at_number()) {
            r.skip();
            if (r.i < d.size() && !std::isalpha(static_cast<unsigned char>(d[r.i])))
                return Error{"unexpected '" + std::string(1, d[r.i]) + "' in path" + at(r.i)};
        }
    }
    if (out.empty()) return Error{"the path is empty"};
    // A closed subpath whose last point lands on its first (e.g. "... L x0 y0 Z") keeps one copy.
    for (auto& pl : out)
        if (pl.closed && pl.points.size() > 1 && dist(pl.points.front(), pl.points.back()) < 1e-5f) pl.points.pop_back();
    return out;
}

}  // namespace duck
