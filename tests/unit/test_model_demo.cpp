// test_model_demo.cpp - the model on the synthetic demo data, which plants one
// outlier (a melanoma or a different benign lesion) in some patients and none
// in others. Issue 6: planted outliers rank first in >= 90% of the patients
// that have one. The default demo (36 patients, seed 2020) has only 7 such
// patients, so two more seeds are added: a single miss is then ~4%, not 14%.
// Images are painted at the demo's size and reduced like the image pipeline's
// analysis image (no JPEG round trip, which the demo writer adds).
#include <doctest/doctest.h>

#include <cstdio>
#include <map>

#include "core/demo_design.h"
#include "core/demo_paint.h"
#include "core/lesion_features.h"
#include "core/outlier_score.h"
#include "core/resample.h"

using namespace duck;

namespace {

struct DemoRun {
    int planted_patients = 0, planted_first = 0;  // patients with a planted outlier / ranked 1
    int clean_patients = 0, clean_flagged = 0;    // patients without one / any lesion flagged
    int atypical_lesions = 0, atypical_flagged = 0;  // lesions of "atypical, no outlier" patients
    int typical_lesions = 0, typical_flagged = 0;    // lesions of "typical, no outlier" patients
    int planted_flagged = 0;                         // planted outliers flagged
    int scored = 0, flagged = 0;                     // every scored lesion / flagged
};

DemoRun run_demo(uint64_t seed) {
    demo::DemoOptions opt;  // the default demo (36 patients, 384 px)
    opt.seed = seed;
    const demo::DemoDesign design = demo::design_demo(opt);
    const DermFeatureExtractor fx;
    std::vector<ScoreItem> items(design.lesions.size());
    ImageRGBA painted;
    for (size_t i = 0; i < design.lesions.size(); ++i) {
        const auto& l = design.lesions[i];
        demo::paint_lesion_image(l.look, opt.image_size, painted);
        auto f = fx.extract(downscale_to_fit(painted, kAnalysisSide));
        REQUIRE(f.ok());
        items[i].patient_id = design.patients[l.patient].id;
        items[i].has_features = true;
        items[i].features = f.value().values;
        items[i].segmentation_fallback = f.value().segmentation_fallback;
    }
    const auto scores = score_lesions(items, fx.features());
    DemoRun r;
    for (const auto& p : design.patients) {
        bool any_flag = false;
        for (uint32_t li : p.lesions) {
            const auto& s = scores[li];
            any_flag |= s.flagged;
            r.scored += s.ok();
            r.flagged += s.flagged;
            if (p.kind == demo::PatientKind::Atypical) {
                r.atypical_lesions++;
                r.atypical_flagged += s.flagged;
            }
            if (p.kind == demo::PatientKind::Typical) {
                r.typical_lesions++;
                r.typical_flagged += s.flagged;
            }
            if (design.lesions[li].planted_outlier) r.planted_flagged += s.flagged;
            if (design.lesions[li].planted_outlier) {
                r.planted_patients++;
                r.planted_first += s.ok() && s.rank == 1;
                if (!(s.ok() && s.rank == 1))
                    std::printf("demo seed %llu: %s planted outlier %s has rank %d (%s)\n",
                                (unsigned long long)seed, p.id.c_str(), design.lesions[li].image_name.c_str(),
                                s.rank, s.status.c_str());
            }
        }
        if (!demo::has_planted_outlier(p.kind)) {
            r.clean_patients++;
            r.clean_flagged += any_flag;
        }
    }
    std::printf("demo seed %llu: planted outlier first in %d/%d patients (flagged %d); %d/%d patients without "
                "one have a flag; lesions flagged: %d/%d of atypical-only patients, %d/%d of typical patients, "
                "%d/%d of all\n",
                (unsigned long long)seed, r.planted_first, r.planted_patients, r.planted_flagged, r.clean_flagged,
                r.clean_patients, r.atypical_flagged, r.atypical_lesions, r.typical_flagged, r.typical_lesions,
                r.flagged, r.scored);
    return r;
}

}  // namespace

TEST_CASE("model on the demo data: planted outliers rank first in >= 90% of their patients") {
    DemoRun total;
    for (uint64_t seed : {2020ull, 1ull, 2ull}) {
        DemoRun r = run_demo(seed);
        total.planted_patients += r.planted_patients;
        total.planted_first += r.planted_first;
        total.planted_flagged += r.planted_flagged;
        total.atypical_lesions += r.atypical_lesions;
        total.atypical_flagged += r.atypical_flagged;
        total.typical_lesions += r.typical_lesions;
        total.typical_flagged += r.typical_flagged;
        total.scored += r.scored;
        total.flagged += r.flagged;
    }
    REQUIRE(total.planted_patients >= 20);
    CHECK(total.planted_first * 10 >= total.planted_patients * 9);    // measured: 28 / 30
    CHECK(total.planted_flagged * 10 >= total.planted_patients * 9);  // measured: 29 / 30
    // The level is calibrated so that about 5% of the scored lesions are flagged
    // (docs/model.md, "Calibration"); the quartile fit flagged ~10%. Measured: 99/1954.
    REQUIRE(total.scored > 1000);
    const double flag_rate = double(total.flagged) / total.scored;
    CHECK(flag_rate >= 0.02);
    CHECK(flag_rate <= 0.07);
    // Atypical among atypical: lesions of patients whose lesions are all similarly
    // atypical are flagged no more often than those of patients with ordinary nevi
    // (2 points of slack for sampling). Measured: 4/405 (1.0%) vs 35/1128 (3.1%).
    REQUIRE(total.atypical_lesions > 100);
    REQUIRE(total.typical_lesions > 100);
    const double atypical_rate = double(total.atypical_flagged) / total.atypical_lesions;
    const double typical_rate = double(total.typical_flagged) / total.typical_lesions;
    CHECK(atypical_rate <= typical_rate + 0.02);
}
