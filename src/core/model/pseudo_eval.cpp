// pseudo_eval.cpp - pseudo-patients of real single-lesion images: drawing,
// scoring as one dataset, and the melanoma's rank against two baselines.
#include "core/model/pseudo_eval.h"

#include <algorithm>
#include <cmath>

#include "core/data/csv.h"
#include "core/image/image_status.h"
#include "core/image/image_pipeline.h"
#include "core/base/prng.h"

namespace duck {

namespace {

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

std::vector<int> assign_folds(const std::vector<LabelledImage>& images, const std::vector<int>& usable, int folds,
                              uint64_t seed) {
    std::vector<int> fold(images.size(), -1);
    for (bool mel : {true, false}) {
        std::vector<int> pool;
        for (int i : usable)
            if (images[i].melanoma == mel) pool.push_back(i);
        SplitMix64 rng(seed ^ (mel ? 0x6d656cull : 0x6e76ull));
        for (size_t i = pool.size(); i > 1; --i) std::swap(pool[i - 1], pool[rng.below(i)]);
        for (size_t i = 0; i < pool.size(); ++i) fold[pool[i]] = int(i % size_t(folds));
    }
    return fold;
}

Result<std::vector<LabelledImage>> parse_pseudo_labels(std::string_view csv, int& other) {
    other = 0;
    CsvReader reader(csv);
    std::vector<std::string_view> header;
    if (!reader.next(header)) return Error{"labels file is empty"};
    int id_col = -1, dx_col = -1;
    for (size_t i = 0; i < header.size(); ++i) {
        std::string h = lower(std::string(trim(header[i])));
        if (h == "image_id" || h == "image_name" || h == "image") id_col = int(i);
        if (h == "dx" || h == "diagnosis") dx_col = int(i);
    }
    if (id_col < 0 || dx_col < 0) return Error{"labels file needs the columns image_id and dx"};
    std::vector<LabelledImage> out;
    std::vector<std::string_view> row;
    while (reader.next(row)) {
        if (row.size() <= size_t(std::max(id_col, dx_col)) || trim(row[size_t(id_col)]).empty()) continue;
        std::string dx = lower(std::string(trim(row[size_t(dx_col)])));
        if (dx != "mel" && dx != "nv") {
            ++other;
            continue;
        }
        LabelledImage img;
        img.id = std::string(trim(row[size_t(id_col)]));
        img.melanoma = dx == "mel";
        out.push_back(std::move(img));
    }
    return out;
}

float grey_level_sd(const ImageRGBA& img) {
    double s = 0, s2 = 0;
    const size_t n = size_t(img.width) * img.height;
    for (size_t i = 0; i < n; ++i) {
        const uint8_t* p = &img.pixels[4 * i];
        double g = 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
        s += g;
        s2 += g * g;
    }
    if (n == 0) return 0;
    double m = s / double(n);
    return float(std::sqrt(std::max(0.0, s2 / double(n) - m * m)));
}

void measure_labelled_image(std::span<const uint8_t> bytes, LabelledImage& img) {
    PipelineRequest rq;
    rq.thumb_side = 0;
    rq.analysis_side = kAnalysisSide;
    auto d = process_image(bytes, rq);
    if (!d.ok()) {
        img.error = d.error.empty() ? std::string(image_status_name(d.status)) : d.error;
        return;
    }
    auto f = DermFeatureExtractor().extract(d.analysis);
    if (!f.ok()) {
        img.error = f.error().message;
        return;
    }
    img.features = std::move(f.value().values);
    img.fallback = f.value().segmentation_fallback;
    img.grey_sd = grey_level_sd(d.analysis);
    img.ok = true;
}

std::vector<std::vector<int>> draw_pseudo_patients(const std::vector<int>& melanomas,
                                                   const std::vector<int>& nevi, int k, int count,
                                                   uint64_t seed) {
    std::vector<std::vector<int>> out;
    if (melanomas.empty() || int(nevi.size()) < k || k < 0) return out;
    SplitMix64 rng(seed);
    std::vector<int> pool = nevi;
    for (int p = 0; p < count; ++p) {
        std::vector<int> patient;
        patient.push_back(melanomas[rng.below(melanomas.size())]);
        // k distinct nevi: a partial Fisher-Yates shuffle of the pool.
        for (int i = 0; i < k; ++i) {
            size_t j = size_t(i) + rng.below(pool.size() - size_t(i));
            std::swap(pool[size_t(i)], pool[j]);
            patient.push_back(pool[size_t(i)]);
        }
        for (size_t i = patient.size(); i > 1; --i) std::swap(patient[i - 1], patient[rng.below(i)]);
        out.push_back(std::move(patient));
    }
    return out;
}

double melanoma_auc(const std::vector<double>& score, const std::vector<bool>& melanoma) {
    // Mann-Whitney by sorting: average ranks of ties.
    std::vector<size_t> order(score.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return score[a] < score[b]; });
    double rank_sum = 0, n_mel = 0;
    for (size_t i = 0; i < order.size();) {
        size_t j = i;
        while (j < order.size() && score[order[j]] == score[order[i]]) ++j;
        double avg = 0.5 * double(i + 1 + j);  // mean of ranks i+1 .. j
        for (size_t t = i; t < j; ++t)
            if (melanoma[order[t]]) rank_sum += avg, n_mel += 1;
        i = j;
    }
    double n_nev = double(score.size()) - n_mel;
    if (n_mel == 0 || n_nev == 0) return 0.5;
    return (rank_sum - n_mel * (n_mel + 1) / 2) / (n_mel * n_nev);
}

RankSummary summarise_ranks(const std::vector<EvalLesion>& lesions, int bootstrap, uint64_t seed) {
    RankSummary out;
    out.report = evaluate_ranking(lesions, kMinContextLesions, bootstrap, seed);
    // Mean rank of each patient's (single) melanoma: ties broken by file order,
    // as evaluate_ranking breaks them.
    std::vector<double> rank;
    double random = 0;
    for (size_t i = 0; i < lesions.size();) {
        size_t j = i;
        while (j < lesions.size() && lesions[j].patient_id == lesions[i].patient_id) ++j;
        int n = 0, mel = -1;
        for (size_t t = i; t < j; ++t) {
            if (!lesions[t].scored) continue;
            ++n;
            if (lesions[t].label == Label::Malignant) mel = int(t);
        }
        if (mel >= 0 && n >= kMinContextLesions) {
            int r = 1;
            for (size_t t = i; t < j; ++t)
                if (lesions[t].scored && int(t) != mel &&
                    (lesions[t].score > lesions[mel].score || (lesions[t].score == lesions[mel].score && int(t) < mel)))
                    ++r;
            rank.push_back(r);
            random += 0.5 * (n + 1);
        }
        i = j;
    }
    if (rank.empty()) return out;
    double sum = 0;
    for (double r : rank) sum += r;
    out.mean_rank.value = sum / double(rank.size());
    out.mean_rank.random = random / double(rank.size());
    SplitMix64 rng(seed ^ 0x72616e6bull);
    std::vector<double> b;
    for (int t = 0; t < bootstrap; ++t) {
        double s = 0;
        for (size_t i = 0; i < rank.size(); ++i) s += rank[rng.below(rank.size())];
        b.push_back(s / double(rank.size()));
    }
    std::sort(b.begin(), b.end());
    if (!b.empty()) {
        out.mean_rank.lo = b[size_t(0.025 * double(b.size() - 1))];
        out.mean_rank.hi = b[size_t(std::ceil(0.975 * double(b.size() - 1)))];
    }
    return out;
}

Result<PseudoReport> evaluate_pseudo_patients(const std::vector<LabelledImage>& images, const PseudoOptions& opt) {
    PseudoReport rep;
    const auto& info = DermFeatureExtractor().features();
    std::vector<int> usable;
    for (size_t i = 0; i < images.size(); ++i) {
        if (!images[i].ok || images[i].features.size() != info.size()) {
            ++rep.unusable;
            continue;
        }
        usable.push_back(int(i));
        ++(images[i].melanoma ? rep.melanomas : rep.nevi);
    }
    rep.images = int(usable.size());
    const int folds = std::max(1, opt.folds);
    if (rep.melanomas < folds || rep.nevi < folds * opt.k)
        return Error{"too few usable images: " + std::to_string(rep.melanomas) + " melanomas and " +
                     std::to_string(rep.nevi) + " nevi for " + std::to_string(folds) + " folds of pseudo-patients with " +
                     std::to_string(opt.k) + " nevi (need >= " + std::to_string(folds) + " and >= " +
                     std::to_string(folds * opt.k) + ")"};

    // Per-feature AUC over all usable images (descriptive, nothing is fitted).
    std::vector<bool> is_mel;
    for (int i : usable) is_mel.push_back(images[i].melanoma);
    for (size_t j = 0; j < info.size(); ++j) {
        std::vector<double> v;
        for (int i : usable) v.push_back(images[i].features[j]);
        rep.feature_auc.push_back({info[j].key, melanoma_auc(v, is_mel)});
    }

    std::vector<EvalLesion> model_lesions, grey_lesions;
    std::vector<double> position(images.size(), 0.0);
    for (uint64_t seed : opt.seeds) {
        const std::vector<int> fold = assign_folds(images, usable, folds, seed);
        for (int f = 0; f < folds; ++f) {
            // The learned direction, trained on the other folds' images only.
            MalignancyModel learned;
            if (opt.learned) {
                std::vector<std::vector<float>> rows;
                std::vector<bool> mel;
                for (int i : usable)
                    if (folds == 1 || fold[i] != f) {
                        rows.push_back(images[i].features);
                        mel.push_back(images[i].melanoma);
                    }
                learned = train_malignancy(rows, mel, info, opt.training);
            }
            std::vector<int> mel_pool, nev_pool;
            for (int i : usable)
                if (fold[i] == f) {
                    (images[i].melanoma ? mel_pool : nev_pool).push_back(i);
                    if (seed == opt.seeds.front() && !learned.empty()) position[i] = learned.position(images[i].features);
                }
            // Patients of this fold: the seed's count spread evenly over the folds.
            int count = opt.patients / folds + (f < opt.patients % folds ? 1 : 0);
            auto patients = draw_pseudo_patients(mel_pool, nev_pool, opt.k, count, seed * 1000003ull + uint64_t(f));
            std::vector<ScoreItem> items;
            std::vector<EvalLesion> lesions;
            for (size_t p = 0; p < patients.size(); ++p) {
                std::string pid = "s" + std::to_string(seed) + "f" + std::to_string(f) + "p" + std::to_string(p);
                for (int i : patients[p]) {
                    ScoreItem it;
                    it.patient_id = pid;
                    it.has_features = true;
                    it.features = images[i].features;
                    it.segmentation_fallback = images[i].fallback;
                    items.push_back(std::move(it));
                    EvalLesion l;
                    l.patient_id = pid;
                    l.label = images[i].melanoma ? Label::Malignant : Label::Benign;
                    l.scored = true;
                    l.score = images[i].grey_sd;
                    lesions.push_back(l);
                }
            }
            ScoreOptions so;
            so.malignancy = &learned;
            auto scores = score_lesions(items, info, so);
            for (size_t t = 0; t < lesions.size(); ++t) {
                grey_lesions.push_back(lesions[t]);
                EvalLesion m = lesions[t];
                m.scored = scores[t].ok();
                m.score = scores[t].score;
                model_lesions.push_back(std::move(m));
            }
        }
    }
    if (opt.learned) {
        std::vector<double> v;
        for (int i : usable) v.push_back(position[i]);
        rep.malignancy_auc = melanoma_auc(v, is_mel);
    }
    rep.model = summarise_ranks(model_lesions, opt.bootstrap, 20181);
    rep.grey_sd = summarise_ranks(grey_lesions, opt.bootstrap, 20181);
    return rep;
}

}  // namespace duck
