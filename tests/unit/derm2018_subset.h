// derm2018_subset.h - a fixed subset of the real ISIC 2018 images (derm2018 in
// ../shared, read in place): the first `melanomas` melanomas and `nevi` nevi by
// image id, decoded and featured as the evaluations measure them.
#pragma once
#include <algorithm>
#include <span>
#include <vector>

#include <doctest/doctest.h>

#include "core/model/pseudo_eval.h"
#include "test_helpers.h"

namespace duck::test {

inline std::vector<LabelledImage> derm2018_subset(int melanomas, int nevi) {
    int other = 0;
    auto parsed = parse_pseudo_labels(read_file(shared_path("data/derm2018/labels.csv")), other);
    REQUIRE(parsed.ok());
    auto all = parsed.value();
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    std::vector<LabelledImage> subset;
    int n_mel = 0, n_nev = 0;
    for (auto& img : all) {
        int& n = img.melanoma ? n_mel : n_nev;
        if (n >= (img.melanoma ? melanomas : nevi)) continue;
        ++n;
        std::string bytes = read_file(shared_path("data/derm2018/images/" + img.id + ".jpg"));
        REQUIRE(!bytes.empty());
        measure_labelled_image(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()),
                               img);
        REQUIRE(img.ok);
        subset.push_back(img);
    }
    REQUIRE(subset.size() == size_t(melanomas + nevi));
    return subset;
}

}  // namespace duck::test
