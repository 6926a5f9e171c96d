// test_similar_simd.cpp - the wasm_simd128 distance loop of the similar-lesion
// search against the scalar reference: bit-identical distances (one summation
// order, see core/model/similar_distance.h) for every row, with odd row counts
// (the SIMD loop takes rows in pairs), and the same neighbours from the search
// on both paths, over the whole set and within a patient. Built only into the
// web build's test binary (CTest wasm/similar_simd, run under node).
#if !(defined(__wasm_simd128__) && defined(DUCK_SIMD))
#error "test_similar_simd.cpp compares the wasm SIMD distance loop: build it only with -msimd128 and DUCK_SIMD"
#endif
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "core/base/prng.h"
#include "core/model/similar.h"
#include "core/model/similar_distance.h"

using namespace duck;

namespace {

// n lesions x 61 features, deterministic, with a few rows missing.
SimilarSpace random_space(size_t n, uint64_t seed) {
    const auto& info = DermFeatureExtractor().features();
    const size_t d = info.size();
    SplitMix64 rng(seed);
    std::vector<float> raw(n * d);
    for (auto& v : raw) v = rng.unit() * 40.0f - 10.0f;
    std::vector<uint8_t> present(n, 1);
    for (size_t i = 0; i < n; i += 17) present[i] = 0;
    SimilarOptions o;
    o.malignancy = &shipped_malignancy_model();
    return build_similar_space(raw, n, present, info, o);
}

}  // namespace

TEST_CASE("similar distance: SIMD equals scalar bit for bit on every row") {
    for (size_t n : {size_t(1), size_t(2), size_t(7), size_t(1001)}) {
        const SimilarSpace s = random_space(n, 41 + n);
        REQUIRE(s.stride % 4 == 0);
        std::vector<float> sc(n), si(n);
        for (size_t q = 0; q < n; q += (n > 20 ? 97 : 1)) {
            simkern::sq_distances(s.row(q), s.rows.data(), n, s.stride, sc.data(), kern::Path::Scalar);
            simkern::sq_distances(s.row(q), s.rows.data(), n, s.stride, si.data(), kern::Path::Simd);
            size_t bad = 0, first = 0;
            for (size_t i = 0; i < n; ++i)
                if (std::memcmp(&sc[i], &si[i], sizeof(float)) != 0 && bad++ == 0) first = i;
            INFO("n " << n << ", query " << q << ": " << bad << " rows differ; first " << first << " (scalar "
                      << sc[first] << ", simd " << si[first] << ")");
            CHECK(bad == 0);
        }
    }
}

TEST_CASE("similar search: SIMD and scalar give the same neighbours, whole set and within a patient") {
    const size_t n = 3001;
    const SimilarSpace s = random_space(n, 7);
    std::vector<int> patient;
    for (int i = 5; i < int(n); i += 211) patient.push_back(i);
    for (int q : {1, 2, 500, 1234, 3000}) {
        for (bool within : {false, true}) {
            const std::span<const int> rows = within ? std::span<const int>(patient) : std::span<const int>();
            const auto a = nearest_lesions(s, q, 12, rows, kern::Path::Scalar);
            const auto b = nearest_lesions(s, q, 12, rows, kern::Path::Simd);
            REQUIRE(a.size() == b.size());
            size_t expected = 0;  // patient rows with a vector, other than the query
            for (int r : patient) expected += r != q && r % 17 != 0;
            CHECK(a.size() == (within ? std::min<size_t>(12, expected) : 12u));
            for (size_t i = 0; i < a.size(); ++i) {
                CHECK(a[i].row == b[i].row);
                CHECK(a[i].distance == b[i].distance);
            }
        }
    }
}
