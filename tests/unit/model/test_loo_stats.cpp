// test_loo_stats.cpp - the leave-one-out median and MAD read off a sorted array
// equal, bit for bit, those selected from a copy of the other values
// (std::nth_element, as the scorer did before), for every left-out position of
// generated arrays of 2-80 values with many ties and centres inside and outside.
#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "core/base/prng.h"
#include "core/model/loo_stats.h"

using namespace duck;

namespace {
double median_of_copy(std::vector<double> v) {
    const size_t m = v.size() / 2;
    std::nth_element(v.begin(), v.begin() + long(m), v.end());
    const double hi = v[m];
    if (v.size() % 2) return hi;
    return 0.5 * (hi + *std::max_element(v.begin(), v.begin() + long(m)));
}
}  // namespace

TEST_CASE("leave-one-out median and MAD from a sorted array equal selecting from a copy") {
    SplitMix64 rng(44);
    int checked = 0;
    for (int trial = 0; trial < 400; ++trial) {
        const size_t n = 2 + rng.next() % 79;
        const bool ties = trial % 2 == 0;
        std::vector<double> s(n);
        for (auto& v : s) v = ties ? double(rng.next() % 7) * 0.5 : double(rng.unit()) * 10 - 5;
        std::sort(s.begin(), s.end());
        for (size_t skip = 0; skip < n; ++skip) {
            std::vector<double> others;
            for (size_t q = 0; q < n; ++q)
                if (q != skip) others.push_back(s[q]);
            const double med = median_without(s.data(), n, skip);
            CHECK(med == median_of_copy(others));
            // About the median of the others (as the scorer uses it), and about
            // centres off it, even outside the values.
            for (double c : {med, s[0] - 1.0, s[n - 1] + 2.5, double(rng.unit()) * 6 - 3}) {
                std::vector<double> dev;
                for (double v : others) dev.push_back(std::fabs(v - c));
                REQUIRE(mad_without(s.data(), n, skip, c) == 1.4826 * median_of_copy(dev));
                ++checked;
            }
        }
    }
    CHECK(checked > 10000);
}
