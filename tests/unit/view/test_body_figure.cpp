// test_body_figure.cpp - the figure asset's path language, triangulation, the
// shipped figure's regions and hit testing, and the parser's messages.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "core/view/body_figure.h"
#include "core/view/figure_path.h"
#include "core/view/triangulate.h"

using namespace duck;

namespace {
const BodyFigure& shipped() {
    const auto& r = shipped_body_figure();
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().message));
    return r.value();
}
const FigureView& view_named(const BodyFigure& f, std::string_view name) {
    for (const auto& v : f.views)
        if (v.name == name) return v;
    FAIL("no view " << name);
    return f.views.front();
}
// The area under a point given in a view's own coordinates (its box's corner at min).
BodyArea hit_in(const BodyFigure& f, std::string_view view, float x, float y, float box_x0) {
    const FigureView& v = view_named(f, view);
    FigureHit h;
    REQUIRE(figure_hit(f, {v.min.x + (x - box_x0), v.min.y + y}, h));
    return h.area;
}
float triangles_area(const std::vector<Vec2>& pts, const std::vector<uint32_t>& tri) {
    float a = 0;
    for (size_t i = 0; i + 2 < tri.size(); i += 3) {
        const Vec2 t[3] = {pts[tri[i]], pts[tri[i + 1]], pts[tri[i + 2]]};
        a += std::fabs(polygon_area(t));
    }
    return a;
}
// A JSON figure of one view with the given regions (for the error messages).
std::string figure_json(const std::string& regions, const std::string& anchors) {
    return R"({"format":"duckling-body-figure-1","views":[{"name":"front","label":"Front","box":[0,0,100,100],"regions":[)" +
           regions + R"(],"anchors":[)" + anchors + "]}]}";
}
}  // namespace

TEST_CASE("figure paths: lines, curves, relative moves and closing") {
    auto r = parse_figure_path("M 0 0 L 10 0 l 0 10 H 0 Z");
    REQUIRE(r.ok());
    REQUIRE(r->size() == 1);
    CHECK(r->front().closed);
    REQUIRE(r->front().points.size() == 4);
    CHECK(r->front().points[2].x == doctest::Approx(10));
    CHECK(r->front().points[2].y == doctest::Approx(10));
    // A cubic is flattened into points on the curve: its midpoint for this symmetric arch is (5, 7.5).
    auto c = parse_figure_path("M0,0 C 0 10 10 10 10 0", 0.01f);
    REQUIRE(c.ok());
    const auto& pts = c->front().points;
    CHECK(pts.size() > 8);
    CHECK_FALSE(c->front().closed);
    CHECK(pts.back().x == doctest::Approx(10));
    float top = 0;
    for (const auto& p : pts) top = std::max(top, p.y);
    CHECK(top == doctest::Approx(7.5f).epsilon(0.01));
    // Pairs after M are line-tos; two subpaths stay apart.
    auto m = parse_figure_path("M 0 0 5 5 M 1 1 L 2 2");
    REQUIRE(m.ok());
    REQUIRE(m->size() == 2);
    CHECK(m->front().points.size() == 2);
}

TEST_CASE("figure paths: bad input gets a message naming the place") {
    auto bad = parse_figure_path("M 0 0 X 3 4");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("'X'") != std::string::npos);
    CHECK(bad.error().message.find("character 7") != std::string::npos);
    CHECK_FALSE(parse_figure_path("L 1 2").ok());
    CHECK(parse_figure_path("L 1 2").error().message.find("start with M") != std::string::npos);
    CHECK(parse_figure_path("M 1").error().message.find("M needs two numbers") != std::string::npos);
    CHECK(parse_figure_path("M 0 0 C 1 2 3").error().message.find("C needs six numbers") != std::string::npos);
    CHECK(parse_figure_path("").error().message == "the path is empty");
    CHECK_FALSE(parse_figure_path("M 0 0 L 1e9 0").ok());
}

TEST_CASE("triangulation covers a concave polygon exactly, in either winding") {
    // An L shape: area 3.
    std::vector<Vec2> l{{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}};
    auto t = triangulate(l);
    CHECK(t.size() == (l.size() - 2) * 3);
    CHECK(triangles_area(l, t) == doctest::Approx(3));
    std::vector<Vec2> rev(l.rbegin(), l.rend());
    CHECK(triangles_area(rev, triangulate(rev)) == doctest::Approx(3));
    // A bow tie crosses itself: no triangles, so the parser refuses it.
    std::vector<Vec2> bow{{0, 0}, {2, 2}, {2, 0}, {0, 2}};
    CHECK(triangles_area(bow, triangulate(bow)) != doctest::Approx(2));
}

TEST_CASE("the shipped figure has front, back and side views, every region fills its outline") {
    const BodyFigure& f = shipped();
    REQUIRE(f.views.size() == 3);
    CHECK(f.views[0].name == "front");
    CHECK(f.views[1].name == "back");
    CHECK(f.views[2].name == "side");
    int regions = 0;
    for (const auto& v : f.views) {
        CHECK(v.min.x < v.max.x);
        for (const auto& r : v.regions) {
            ++regions;
            CHECK(r.outline.size() >= 8);  // curves, not boxes
            CHECK(triangles_area(r.outline, r.triangles) == doctest::Approx(std::fabs(polygon_area(r.outline))).epsilon(0.001));
            for (const auto& p : r.outline) {
                CHECK(p.x >= v.min.x - 1e-3f);
                CHECK(p.x <= v.max.x + 1e-3f);
            }
        }
    }
    CHECK(regions >= 30);
    // Every count has a place to go, each view its own.
    for (int a = 0; a < kBodyAreaCount; ++a) {
        Vec2 at;
        CHECK(f.anchor(static_cast<BodyArea>(a), at));
    }
    Vec2 back, front, side;
    REQUIRE(f.anchor(BodyArea::PosteriorTorso, back));
    REQUIRE(f.anchor(BodyArea::AnteriorTorso, front));
    REQUIRE(f.anchor(BodyArea::LateralTorso, side));
    CHECK(front.x < f.views[0].max.x);
    CHECK(back.x > f.views[1].min.x);
    CHECK(back.x < f.views[1].max.x);
    CHECK(side.x > f.views[2].min.x);
}

TEST_CASE("points on the shipped figure hit the region drawn there") {
    const BodyFigure& f = shipped();
    // Front and back boxes start at x = 12 in the asset, the side's at 34.
    CHECK(hit_in(f, "front", 50, 12, 12) == BodyArea::HeadNeck);
    CHECK(hit_in(f, "front", 50, 23.8f, 12) == BodyArea::OralGenital);   // mouth over the face
    CHECK(hit_in(f, "front", 50, 60, 12) == BodyArea::AnteriorTorso);
    CHECK(hit_in(f, "front", 50, 116, 12) == BodyArea::OralGenital);     // genitals over the torso
    CHECK(hit_in(f, "front", 26, 70, 12) == BodyArea::UpperExtremity);
    CHECK(hit_in(f, "front", 74, 70, 12) == BodyArea::UpperExtremity);   // the mirrored arm
    CHECK(hit_in(f, "front", 21, 124, 12) == BodyArea::PalmsSoles);      // palm
    CHECK(hit_in(f, "front", 40, 150, 12) == BodyArea::LowerExtremity);
    CHECK(hit_in(f, "back", 50, 60, 12) == BodyArea::PosteriorTorso);
    CHECK(hit_in(f, "back", 21, 124, 12) == BodyArea::UpperExtremity);   // back of the hand
    CHECK(hit_in(f, "back", 43, 214, 12) == BodyArea::PalmsSoles);       // sole
    CHECK(hit_in(f, "back", 50, 116, 12) != BodyArea::OralGenital);      // no genitals behind
    CHECK(hit_in(f, "side", 44, 70, 34) == BodyArea::LateralTorso);
    CHECK(hit_in(f, "side", 56, 70, 34) == BodyArea::UpperExtremity);   // the arm hangs over the flank
    // Between the legs and beside the head there is no body.
    FigureHit h;
    const FigureView& fr = view_named(f, "front");
    CHECK_FALSE(figure_hit(f, {fr.min.x + (50 - 12), 180}, h));
    CHECK_FALSE(figure_hit(f, {fr.min.x + (20 - 12), 10}, h));
    // The unknown slot below the figures.
    REQUIRE(figure_hit(f, {(f.unknown_min.x + f.unknown_max.x) / 2, (f.unknown_min.y + f.unknown_max.y) / 2}, h));
    CHECK(h.area == BodyArea::Unknown);
}

TEST_CASE("the figure fits a screen box keeping its aspect, and maps back") {
    const BodyFigure& f = shipped();
    const BodyMapFit fit = fit_figure(f, 10, 20, f.width * 2, 5000);  // width-limited: scale 2
    CHECK(fit.scale == doctest::Approx(2));
    const Vec2 s = fit.to_screen({50, 80});
    CHECK(s.x == doctest::Approx(10 + 100));
    const Vec2 m = fit.to_map(s);
    CHECK(m.x == doctest::Approx(50));
    CHECK(m.y == doctest::Approx(80));
    CHECK(fit.oy > 20);  // centred vertically
}

TEST_CASE("areas: sided torso lesions go to their view, a torso without side lies on every torso region") {
    CHECK(body_area(Site::Torso, SiteSide::Posterior) == BodyArea::PosteriorTorso);
    CHECK(body_area(Site::Torso, SiteSide::Anterior) == BodyArea::AnteriorTorso);
    CHECK(body_area(Site::Torso, SiteSide::Lateral) == BodyArea::LateralTorso);
    CHECK(body_area(Site::Torso, SiteSide::Unspecified) == BodyArea::Torso);
    CHECK(body_area(Site::HeadNeck, SiteSide::Unspecified) == BodyArea::HeadNeck);
    CHECK(area_site(BodyArea::LateralTorso) == Site::Torso);
    AreaCounts c;
    c.lesions[static_cast<int>(BodyArea::Torso)] = 2;
    c.lesions[static_cast<int>(BodyArea::PosteriorTorso)] = 3;
    c.melanomas[static_cast<int>(BodyArea::PosteriorTorso)] = 1;
    c.lesions[static_cast<int>(BodyArea::HeadNeck)] = 4;
    CHECK(c.region_lesions(BodyArea::PosteriorTorso) == 5);
    CHECK(c.region_lesions(BodyArea::AnteriorTorso) == 2);
    CHECK(c.region_melanomas(BodyArea::PosteriorTorso) == 1);
    CHECK(c.region_lesions(BodyArea::HeadNeck) == 4);
    CHECK(c.max_region_lesions() == 5);
    for (int a = 0; a < kBodyAreaCount; ++a) {
        BodyArea back{};
        REQUIRE(parse_area_name(area_name(static_cast<BodyArea>(a)), back));
        CHECK(static_cast<int>(back) == a);
    }
}

TEST_CASE("a broken figure asset is refused with a message saying where") {
    CHECK(parse_body_figure("[").error().message == "body figure: not a JSON object");
    CHECK(parse_body_figure(R"({"format":"x"})").error().message.find("expected 'duckling-body-figure-1'") != std::string::npos);
    const std::string square = R"({"area":"head/neck","path":"M 10 10 L 20 10 L 20 20 L 10 20 Z"})";
    auto r = parse_body_figure(figure_json(R"({"area":"elbow","path":"M 0 0 L 1 0 L 1 1 Z"})", ""));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("view 1 ('front'), region 1: area 'elbow' is not one of") != std::string::npos);
    r = parse_body_figure(figure_json(R"({"area":"head/neck","path":"M 0 0 L 1 0 L 1 1"})", ""));
    CHECK(r.error().message.find("one closed outline") != std::string::npos);
    r = parse_body_figure(figure_json(R"({"area":"head/neck","path":"M 0 0 L 10 10 L 10 0 L 0 10 Z"})", ""));
    CHECK(r.error().message.find("crosses itself") != std::string::npos);
    r = parse_body_figure(figure_json(R"({"area":"head/neck","path":"M 0 0 L 200 0 L 0 10 Z"})", ""));
    CHECK(r.error().message.find("outside the view's box") != std::string::npos);
    r = parse_body_figure(figure_json(R"({"area":"head/neck","path":"M 0 0 L 5 0 Q 7 3 q 1 2 Z"})", ""));
    CHECK(r.error().message.find("region 1 (head/neck): Q needs four numbers") != std::string::npos);
    // A figure must show every area of the vocabulary.
    r = parse_body_figure(figure_json(square, R"({"area":"head/neck","at":[15,15]})"));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "body figure: no region shows 'upper extremity'");
    r = parse_body_figure(figure_json(square, R"({"area":"head/neck","at":[15,15]},{"area":"head/neck","at":[12,12]})"));
    CHECK(r.error().message.find("anchored twice") != std::string::npos);
}
