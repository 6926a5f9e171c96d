// test_neighbour_eval.cpp - leave-one-out neighbour shares: a case worked by
// hand, the bootstrap summary, and on a fixed subset of the real derm2018
// images only what is stable (melanomas gather near melanomas more than chance).
#include <doctest/doctest.h>

#include <algorithm>

#include "core/model/neighbour_eval.h"
#include "derm2018_subset.h"

using namespace duck;

TEST_CASE("neighbour shares: leave-one-out on a line of six lesions, worked by hand") {
    // Positions 0, 1, 2 | 10, 11, 13; melanomas at 0, 1 and 13.
    const std::vector<FeatureInfo> info = {{"x", "x", "", "higher", "lower", 1, 0.01f}};
    const std::vector<float> raw = {0, 1, 2, 10, 11, 13};
    const std::vector<bool> mel = {true, true, false, false, false, true};
    const SimilarSpace s = build_similar_space(raw, 6, {}, info, SimilarOptions{0, nullptr, 1});
    // k = 2. Row 0: nearest 1 (mel), 2 (nv) -> 1/2. Row 1: 0 and 2 (tie at 1: both) -> 1/2.
    // Row 5: 4 (nv), 3 (nv) -> 0. Nevi: row 2: 1 (mel), 0 (mel) -> 0; row 3: 4, 5 -> 1/2;
    // row 4: 3 (distance 1) then 5 (2) -> 1/2.
    const auto m = same_label_shares(s, mel, {0, 1, 5}, 2);
    REQUIRE(m.size() == 3);
    CHECK(m[0] == doctest::Approx(0.5));
    CHECK(m[1] == doctest::Approx(0.5));
    CHECK(m[2] == doctest::Approx(0.0));
    const auto n = same_label_shares(s, mel, {2, 3, 4}, 2);
    CHECK(n[0] == doctest::Approx(0.0));
    CHECK(n[1] == doctest::Approx(0.5));
    CHECK(n[2] == doctest::Approx(0.5));
    // Melanoma base rate with one left out: 2 of the 5 others. Mean share 1/3 -> 0.83x.
    const ShareSummary sum = summarise_shares(m, 2.0 / 5.0, 0, 1);
    CHECK(sum.queries == 3);
    CHECK(sum.share == doctest::Approx(1.0 / 3.0));
    CHECK(sum.enrichment == doctest::Approx((1.0 / 3.0) / 0.4));
}

TEST_CASE("neighbour shares: the bootstrap interval holds the mean and is deterministic") {
    const std::vector<double> shares = {0, 0.1, 0.2, 0.5, 0.5, 0.6, 0.9, 1.0};
    const ShareSummary a = summarise_shares(shares, 0.25, 500, 7), b = summarise_shares(shares, 0.25, 500, 7);
    CHECK(a.share == doctest::Approx(0.475));
    CHECK(a.lo < a.share);
    CHECK(a.hi > a.share);
    CHECK(a.lo >= 0.0);
    CHECK(a.hi <= 1.0);
    CHECK(a.lo == b.lo);
    CHECK(a.hi == b.hi);
    CHECK(a.enrichment_lo == doctest::Approx(a.lo / 0.25));
}

TEST_CASE("neighbour evaluation: too few images or one class only is a clear error") {
    const auto& info = DermFeatureExtractor().features();
    std::vector<LabelledImage> imgs(3);
    for (size_t i = 0; i < imgs.size(); ++i) {
        imgs[i].id = "I" + std::to_string(i);
        imgs[i].ok = true;
        imgs[i].features.assign(info.size(), float(i));
    }
    NeighbourOptions o;
    o.k = 10;
    auto r = evaluate_neighbours(imgs, info, o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("too few usable images (3) for k = 10") == 0);
    o.k = 1;
    r = evaluate_neighbours(imgs, info, o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "need at least one melanoma and one nevus");
}

// Real images: the first 20 melanomas and 60 nevi of derm2018 by image id (the
// subset test_pseudo_eval.cpp uses). Only the direction of the effect is
// asserted: melanomas' neighbours hold more melanomas than chance, features
// alone and with the cross-validated direction, and nevi more nevi.
TEST_CASE("neighbour evaluation on real derm2018 images: melanomas gather near melanomas") {
    const std::vector<LabelledImage> subset = test::derm2018_subset(20, 60);
    const auto& info = DermFeatureExtractor().features();
    NeighbourOptions o;
    o.k = 10;
    o.bootstrap = 200;
    for (NeighbourDirection dir : {NeighbourDirection::None, NeighbourDirection::CrossValidated}) {
        o.direction = dir;
        auto r = evaluate_neighbours(subset, info, o);
        REQUIRE(r.ok());
        const NeighbourReport& rep = r.value();
        MESSAGE("direction " << int(dir) << ": melanoma share " << rep.melanoma.share << " (base "
                             << rep.melanoma.base << ", " << rep.melanoma.enrichment << "x); nevus share "
                             << rep.nevus.share << " (base " << rep.nevus.base << ")");
        CHECK(rep.images == 80);
        CHECK(rep.melanoma.queries == 20);
        CHECK(rep.nevus.queries == 60);
        CHECK(rep.melanoma.base == doctest::Approx(19.0 / 79.0));
        CHECK(rep.melanoma.enrichment > 1.0);
        CHECK(rep.nevus.share > rep.nevus.base);
    }
}
