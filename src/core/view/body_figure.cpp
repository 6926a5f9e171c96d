// body_figure.cpp - reads the figure asset (views, region outlines, anchors) into
// map-space geometry, and answers which region a point falls in.
#include "core/view/body_figure.h"

#include <algorithm>
#include <cmath>

#include <nlohmann/json.hpp>

#include "core/view/figure_path.h"
#include "core/view/triangulate.h"

namespace duck {

// The embedded asset (generated from assets/body/figure.json by CMake).
extern const char* const kBodyFigureJson;

namespace {

constexpr std::string_view kAreaNames[kBodyAreaCount] = {
    "head/neck",       "upper extremity", "lower extremity", "torso",        "anterior torso",
    "posterior torso", "lateral torso",   "palms/soles",     "oral/genital", "unknown"};

constexpr float kViewGap = 8.f;       // map units between two views
constexpr float kUnknownGap = 12.f;   // between the figures and the unknown slot
constexpr float kUnknownHeight = 24.f;
constexpr float kUnknownWidth = 80.f;

using Json = nlohmann::json;

std::string in_quotes(std::string_view s) { return "'" + std::string(s) + "'"; }

bool read_box(const Json& j, Vec2& lo, Vec2& hi) {
    if (!j.is_array() || j.size() != 4) return false;
    for (const auto& v : j)
        if (!v.is_number()) return false;
    lo = {j[0].get<float>(), j[1].get<float>()};
    hi = {j[2].get<float>(), j[3].get<float>()};
    return hi.x > lo.x && hi.y > lo.y;
}

std::string text_of(const Json& j, const char* key) {
    if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return {};
    return j[key].get<std::string>();
}

}  // namespace

std::string_view area_name(BodyArea a) {
    const auto i = static_cast<int>(a);
    return i >= 0 && i < kBodyAreaCount ? kAreaNames[i] : kAreaNames[kBodyAreaCount - 1];
}

bool parse_area_name(std::string_view text, BodyArea& out) {
    for (int i = 0; i < kBodyAreaCount; ++i)
        if (text == kAreaNames[i]) {
            out = static_cast<BodyArea>(i);
            return true;
        }
    return false;
}

BodyArea body_area(Site site, SiteSide side) {
    switch (site) {
        case Site::HeadNeck: return BodyArea::HeadNeck;
        case Site::UpperExtremity: return BodyArea::UpperExtremity;
        case Site::LowerExtremity: return BodyArea::LowerExtremity;
        case Site::PalmsSoles: return BodyArea::PalmsSoles;
        case Site::OralGenital: return BodyArea::OralGenital;
        case Site::Torso:
            switch (side) {
                case SiteSide::Anterior: return BodyArea::AnteriorTorso;
                case SiteSide::Posterior: return BodyArea::PosteriorTorso;
                case SiteSide::Lateral: return BodyArea::LateralTorso;
                case SiteSide::Unspecified: break;
            }
            return BodyArea::Torso;
        case Site::Unknown: break;
    }
    return BodyArea::Unknown;
}

Site area_site(BodyArea a) {
    switch (a) {
        case BodyArea::HeadNeck: return Site::HeadNeck;
        case BodyArea::UpperExtremity: return Site::UpperExtremity;
        case BodyArea::LowerExtremity: return Site::LowerExtremity;
        case BodyArea::Torso:
        case BodyArea::AnteriorTorso:
        case BodyArea::PosteriorTorso:
        case BodyArea::LateralTorso: return Site::Torso;
        case BodyArea::PalmsSoles: return Site::PalmsSoles;
        case BodyArea::OralGenital: return Site::OralGenital;
        case BodyArea::Unknown: break;
    }
    return Site::Unknown;
}

bool area_shows(BodyArea region, BodyArea lesion) {
    if (region == lesion) return true;
    return lesion == BodyArea::Torso && area_site(region) == Site::Torso;
}

bool BodyFigure::anchor(BodyArea a, Vec2& out) const {
    if (a == BodyArea::Unknown) {
        out = {(unknown_min.x + unknown_max.x) / 2, (unknown_min.y + unknown_max.y) / 2};
        return true;
    }
    for (const auto& v : views)
        for (const auto& [area, at] : v.anchors)
            if (area == a) {
                out = at;
                return true;
            }
    return false;
}

Result<BodyFigure> parse_body_figure(std::string_view text) {
    const Json j = Json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return Error{"body figure: not a JSON object"};
    if (text_of(j, "format") != "duckling-body-figure-1")
        return Error{"body figure: \"format\" is " + in_quotes(text_of(j, "format")) + ", expected 'duckling-body-figure-1'"};
    if (!j.contains("views") || !j["views"].is_array() || j["views"].empty())
        return Error{"body figure: \"views\" must be a non-empty array"};
    BodyFigure fig;
    std::array<bool, kBodyAreaCount> has_region{}, has_anchor{};
    float x = 0;
    for (size_t vi = 0; vi < j["views"].size(); ++vi) {
        const Json& jv = j["views"][vi];
        FigureView view;
        view.name = text_of(jv, "name");
        view.label = text_of(jv, "label");
        const std::string where = "body figure: view " + std::to_string(vi + 1) + " (" + in_quotes(view.name) + ")";
        if (view.name.empty() || view.label.empty()) return Error{where + " needs a \"name\" and a \"label\""};
        Vec2 lo, hi;
        if (!jv.contains("box") || !read_box(jv["box"], lo, hi))
            return Error{where + ": \"box\" must be [x0, y0, x1, y1] with x1 > x0 and y1 > y0"};
        // View coordinates -> map: boxes side by side from x = 0, tops at y = 0.
        const float dx = x - lo.x, dy = -lo.y;
        auto to_map = [&](Vec2 p) { return Vec2{p.x + dx, p.y + dy}; };
        auto inside = [&](Vec2 p) { return p.x >= lo.x && p.x <= hi.x && p.y >= lo.y && p.y <= hi.y; };
        view.min = to_map(lo);
        view.max = to_map(hi);
        if (!jv.contains("regions") || !jv["regions"].is_array() || jv["regions"].empty())
            return Error{where + ": \"regions\" must be a non-empty array"};
        for (size_t ri = 0; ri < jv["regions"].size(); ++ri) {
            const Json& jr = jv["regions"][ri];
            const std::string rwhere = where + ", region " + std::to_string(ri + 1);
            FigureRegion region;
            const std::string area = text_of(jr, "area");
            if (!parse_area_name(area, region.area) || region.area == BodyArea::Unknown || region.area == BodyArea::Torso)
                return Error{rwhere + ": area " + in_quotes(area) +
                             " is not one of head/neck, upper extremity, lower extremity, anterior torso, posterior "
                             "torso, lateral torso, palms/soles, oral/genital"};
            auto path = parse_figure_path(text_of(jr, "path"));
            if (!path) return Error{rwhere + " (" + area + "): " + path.error().message};
            if (path->size() != 1 || !path->front().closed)
                return Error{rwhere + " (" + area + "): the path must be one closed outline (a single M ... Z)"};
            for (const Vec2& p : path->front().points) {
                if (!inside(p)) return Error{rwhere + " (" + area + "): a point lies outside the view's box"};
                region.outline.push_back(to_map(p));
            }
            region.triangles = triangulate(region.outline);
            if (region.outline.size() < 3 || std::fabs(polygon_area(region.outline)) < 1e-3f || region.triangles.empty())
                return Error{rwhere + " (" + area + "): the outline is empty or crosses itself"};
            has_region[static_cast<int>(region.area)] = true;
            view.regions.push_back(std::move(region));
        }
        if (jv.contains("details")) {
            if (!jv["details"].is_array()) return Error{where + ": \"details\" must be an array of paths"};
            for (size_t di = 0; di < jv["details"].size(); ++di) {
                const std::string d = jv["details"][di].is_string() ? jv["details"][di].get<std::string>() : "";
                auto path = parse_figure_path(d);
                if (!path) return Error{where + ", detail " + std::to_string(di + 1) + ": " + path.error().message};
                for (const auto& pl : path.value()) {
                    std::vector<Vec2> pts;
                    for (const Vec2& p : pl.points) pts.push_back(to_map(p));
                    if (pl.closed && !pts.empty()) pts.push_back(pts.front());
                    view.details.push_back(std::move(pts));
                }
            }
        }
        if (jv.contains("anchors")) {
            if (!jv["anchors"].is_array()) return Error{where + ": \"anchors\" must be an array"};
            for (size_t ai = 0; ai < jv["anchors"].size(); ++ai) {
                const Json& ja = jv["anchors"][ai];
                const std::string area = text_of(ja, "area");
                BodyArea a;
                Vec2 at, unused;
                if (!parse_area_name(area, a) || a == BodyArea::Unknown)
                    return Error{where + ", anchor " + std::to_string(ai + 1) + ": unknown area " + in_quotes(area)};
                if (!ja.contains("at") || !ja["at"].is_array() || ja["at"].size() != 2 || !ja["at"][0].is_number() ||
                    !ja["at"][1].is_number())
                    return Error{where + ", anchor " + std::to_string(ai + 1) + " (" + area + "): \"at\" must be [x, y]"};
                at = {ja["at"][0].get<float>(), ja["at"][1].get<float>()};
                if (!inside(at)) return Error{where + ", anchor " + std::to_string(ai + 1) + " (" + area + ") lies outside the view's box"};
                if (has_anchor[static_cast<int>(a)])
                    return Error{where + ": area " + in_quotes(area) + " is anchored twice (one count per area)"};
                has_anchor[static_cast<int>(a)] = true;
                view.anchors.emplace_back(a, to_map(at));
            }
        }
        fig.height = std::max(fig.height, view.max.y);
        x = view.max.x + kViewGap;
        fig.views.push_back(std::move(view));
    }
    for (int a = 0; a < kBodyAreaCount; ++a) {
        const auto area = static_cast<BodyArea>(a);
        if (area == BodyArea::Unknown) continue;
        if (area != BodyArea::Torso && !has_region[a])
            return Error{"body figure: no region shows " + in_quotes(area_name(area))};
        if (!has_anchor[a]) return Error{"body figure: no anchor for " + in_quotes(area_name(area)) + "'s count"};
    }
    fig.width = x - kViewGap;
    const float cx = fig.width / 2, top = fig.height + kUnknownGap;
    fig.unknown_min = {cx - kUnknownWidth / 2, top};
    fig.unknown_max = {cx + kUnknownWidth / 2, top + kUnknownHeight};
    fig.height = fig.unknown_max.y + 4;
    return fig;
}

const Result<BodyFigure>& shipped_body_figure() {
    static const Result<BodyFigure> fig = parse_body_figure(kBodyFigureJson);
    return fig;
}

bool figure_hit(const BodyFigure& fig, Vec2 p, FigureHit& out) {
    for (size_t v = 0; v < fig.views.size(); ++v) {
        const FigureView& view = fig.views[v];
        if (p.x < view.min.x || p.x > view.max.x || p.y < view.min.y || p.y > view.max.y) continue;
        for (size_t r = view.regions.size(); r-- > 0;)
            if (point_in_polygon(p, view.regions[r].outline)) {
                out = {view.regions[r].area, static_cast<int>(v), static_cast<int>(r)};
                return true;
            }
    }
    if (p.x >= fig.unknown_min.x && p.x <= fig.unknown_max.x && p.y >= fig.unknown_min.y && p.y <= fig.unknown_max.y) {
        out = {BodyArea::Unknown, -1, -1};
        return true;
    }
    return false;
}

BodyMapFit fit_figure(const BodyFigure& fig, float x, float y, float w, float h) {
    BodyMapFit f;
    const float fw = std::max(fig.width, 1.f), fh = std::max(fig.height, 1.f);
    f.scale = std::max(1e-3f, std::min(w / fw, h / fh));
    f.ox = x + (w - fw * f.scale) * 0.5f;
    f.oy = y + (h - fh * f.scale) * 0.5f;
    return f;
}

int AreaCounts::region_lesions(BodyArea region) const {
    int n = 0;
    for (int a = 0; a < kBodyAreaCount; ++a)
        if (area_shows(region, static_cast<BodyArea>(a))) n += lesions[a];
    return n;
}

int AreaCounts::region_melanomas(BodyArea region) const {
    int n = 0;
    for (int a = 0; a < kBodyAreaCount; ++a)
        if (area_shows(region, static_cast<BodyArea>(a))) n += melanomas[a];
    return n;
}

int AreaCounts::max_region_lesions() const {
    int m = 0;
    for (int a = 0; a < kBodyAreaCount; ++a) m = std::max(m, region_lesions(static_cast<BodyArea>(a)));
    return m;
}

namespace {
void count_one(AreaCounts& c, const Lesion& l) {
    const auto a = static_cast<int>(body_area(l.site, l.site_side));
    ++c.lesions[a];
    if (l.label == Label::Malignant) ++c.melanomas[a];
}
}  // namespace

AreaCounts count_areas(const Dataset& ds, std::span<const uint32_t> lesions) {
    AreaCounts c;
    for (uint32_t li : lesions)
        if (li < ds.lesions.size()) count_one(c, ds.lesions[li]);
    return c;
}

AreaCounts count_areas(const Dataset& ds) {
    AreaCounts c;
    for (const Lesion& l : ds.lesions) count_one(c, l);
    return c;
}

}  // namespace duck
