// test_similar.cpp - the similar-lesion space and search on small matrices
// worked by hand: robust standardisation with floors, k nearest without the
// query, ties to the lower row, the within-patient restriction, rows without a
// vector, and the plain-words reasons. (The SIMD loop is compared with this
// scalar path in tests/wasm/test_similar_simd.cpp.)
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/model/similar.h"
#include "core/model/similar_distance.h"

using namespace duck;

namespace {

std::vector<FeatureInfo> two_features() {
    return {{"x", "x value", "", "higher x", "lower x", 1, 0.1f}, {"y", "y value", "%", "higher y", "lower y", 0, 0.1f}};
}

bool contains(const std::vector<std::string>& lines, const std::string& part) {
    for (const auto& l : lines)
        if (l.find(part) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST_CASE("similar space: median centre, MAD x 1.4826 spread, floors, clipping, padding") {
    // x: 1..5 (median 3, MAD 1); y constant 7 (MAD 0 -> the floor 0.1).
    const std::vector<float> raw = {1, 7, 2, 7, 3, 7, 4, 7, 5, 7};
    SimilarOptions o;
    o.clip = 1.0;
    const SimilarSpace s = build_similar_space(raw, 5, {}, two_features(), o);
    CHECK(s.features == 2);
    CHECK(s.columns == 2);
    CHECK(s.stride == 4);
    CHECK(s.centre[0] == doctest::Approx(3));
    CHECK(s.scale[0] == doctest::Approx(1.4826));
    CHECK(s.centre[1] == doctest::Approx(7));
    CHECK(s.scale[1] == doctest::Approx(0.1));
    // Row 0: x = (1 - 3) / 1.4826 = -1.349, clipped to -1, times 1/sqrt(2); padding zero.
    CHECK(s.row(0)[0] == doctest::Approx(-1.0 / std::sqrt(2.0)));
    CHECK(s.row(3)[0] == doctest::Approx((1 / 1.4826) / std::sqrt(2.0)));
    CHECK(s.row(0)[2] == 0.0f);
    CHECK(s.row(0)[3] == 0.0f);
}

TEST_CASE("nearest lesions: nearest first, never the query, ties to the lower row, k honoured") {
    // One feature at 0, 1, 2, 3, 10 and a second at 0 (no spread: the floor).
    const std::vector<float> raw = {0, 0, 1, 0, 2, 0, 3, 0, 10, 0};
    SimilarOptions o;
    o.clip = 0;
    const SimilarSpace s = build_similar_space(raw, 5, {}, two_features(), o);
    auto nb = nearest_lesions(s, 1, 3);
    REQUIRE(nb.size() == 3);
    // Rows 0 and 2 are both 1 away from row 1: the lower row first; then row 3.
    CHECK(nb[0].row == 0);
    CHECK(nb[1].row == 2);
    CHECK(nb[2].row == 3);
    CHECK(nb[0].distance == nb[1].distance);
    CHECK(nb[2].distance == doctest::Approx(2 * nb[0].distance));
    // k larger than the others: all four, the far one last.
    nb = nearest_lesions(s, 0, 12);
    REQUIRE(nb.size() == 4);
    CHECK(nb.back().row == 4);
    for (const auto& n : nb) CHECK(n.row != 0);
    CHECK(nearest_lesions(s, 0, 0).empty());
    CHECK(nearest_lesions(s, 7, 3).empty());
    CHECK(nearest_lesions(s, -1, 3).empty());
}

TEST_CASE("nearest lesions: within-patient rows only, lesions without a vector skipped") {
    const std::vector<float> raw = {0, 0, 1, 0, 2, 0, 3, 0, 10, 0, 0.5f, 0};
    const std::vector<uint8_t> present = {1, 1, 1, 1, 1, 0};  // row 5 not indexed (its values are ignored)
    const SimilarSpace s = build_similar_space(raw, 6, present, two_features(), SimilarOptions{0, nullptr, 1});
    // Row 5 would be the nearest to row 0 but has no vector.
    auto nb = nearest_lesions(s, 0, 1);
    REQUIRE(nb.size() == 1);
    CHECK(nb[0].row == 1);
    // The query has no vector: nothing.
    CHECK(nearest_lesions(s, 5, 3).empty());
    // Within rows {4, 3, 0, 5, 99, 3}: the query, the missing row, an out-of-range
    // and a repeated row are skipped.
    const std::vector<int> patient = {4, 3, 0, 5, 99, 3};
    nb = nearest_lesions(s, 0, 12, patient);
    REQUIRE(nb.size() == 2);
    CHECK(nb[0].row == 3);
    CHECK(nb[1].row == 4);
}

TEST_CASE("similar distance: the scalar loop is the squared Euclidean distance") {
    const int stride = 8;
    std::vector<float> q(stride), rows(3 * stride);
    for (int j = 0; j < stride; ++j) q[size_t(j)] = 0.25f * float(j);
    for (size_t i = 0; i < rows.size(); ++i) rows[i] = float(i % 7) - 2.0f;
    std::vector<float> out(3);
    simkern::sq_distances(q.data(), rows.data(), 3, stride, out.data(), kern::Path::Scalar);
    for (int i = 0; i < 3; ++i) {
        double want = 0;
        for (int j = 0; j < stride; ++j) {
            const double d = double(q[size_t(j)]) - rows[size_t(i * stride + j)];
            want += d * d;
        }
        CHECK(out[size_t(i)] == doctest::Approx(want).epsilon(1e-6));
    }
}

TEST_CASE("similar space: the direction column is the position along the unit direction") {
    MalignancyModel m;
    m.name = "test";
    m.keys = {"x", "y"};
    m.mean = {0, 0};
    m.sd = {1, 1};
    m.weight = {3, 4};  // |w| = 5
    const std::vector<float> raw = {1, 1, 0, 0, 2, 0};
    SimilarOptions o;
    o.malignancy = &m;
    o.direction_weight = 2;
    const SimilarSpace s = build_similar_space(raw, 3, {}, two_features(), o);
    CHECK(s.columns == 3);
    CHECK(s.row(0)[2] == doctest::Approx(2.0 * 7.0 / 5.0));
    CHECK(s.row(1)[2] == doctest::Approx(0));
    CHECK(s.row(2)[2] == doctest::Approx(2.0 * 6.0 / 5.0));
    // A model for other features is not used.
    m.weight = {1};
    CHECK(build_similar_space(raw, 3, {}, two_features(), o).columns == 2);
}

TEST_CASE("explain similarity: shared unusual traits first, in plain words with both values") {
    const auto& info = DermFeatureExtractor().features();
    const size_t d = info.size();
    auto index = [&](const char* key) {
        for (size_t j = 0; j < d; ++j)
            if (std::string(info[j].key) == key) return j;
        FAIL("no feature " << key);
        return size_t(0);
    };
    // 21 ordinary lesions spread around the same values, then two unusual ones
    // that sit at the ordinary lesions' median except for three shared traits.
    std::vector<float> raw;
    for (int i = 0; i < 21; ++i)
        for (size_t j = 0; j < d; ++j) raw.push_back(10.0f + float(i % 7) + float(j));
    const size_t colours = index("n_colours"), blue = index("blue_white_pct"), asym = index("shape_asymmetry");
    // The ordinary lesions: mostly 1 colour, little blue, little asymmetry.
    for (int i = 0; i < 21; ++i) {
        raw[size_t(i) * d + colours] = float(1 + (i % 4 == 0));
        raw[size_t(i) * d + blue] = float(i % 3);
        raw[size_t(i) * d + asym] = 10.0f + float(i % 5);
    }
    std::vector<float> a(raw.begin() + long(3 * d), raw.begin() + long(4 * d)), b = a;
    a[colours] = 3, b[colours] = 3;
    a[blue] = 30, b[blue] = 28;
    a[asym] = 60, b[asym] = 58;
    raw.insert(raw.end(), a.begin(), a.end());
    raw.insert(raw.end(), b.begin(), b.end());
    const SimilarSpace s = build_similar_space(raw, 23, {}, info);
    const auto top = similar_features(s, a, b);
    REQUIRE(top.size() == 3);
    const auto words = explain_similarity(s, a, b, info);
    REQUIRE(words.size() == 3);
    MESSAGE(words[0] << " | " << words[1] << " | " << words[2]);
    CHECK(contains(words, "both have 3 colours incl. blue-grey or white"));
    CHECK(contains(words, "both more asymmetric in shape than most lesions (shape asymmetry 60% and 58%)"));
    CHECK(contains(words, "both more blue-grey or white areas than most lesions"));
    // Two ordinary lesions share no unusual trait: the closest features, "similar ...".
    const std::vector<float> o1(raw.begin(), raw.begin() + long(d)), o2(raw.begin() + long(d), raw.begin() + long(2 * d));
    const auto plain = explain_similarity(s, o1, o2, info);
    REQUIRE(plain.size() == 3);
    CHECK(plain[0].rfind("similar ", 0) == 0);
}
