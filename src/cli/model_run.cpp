// model_run.cpp - CSV + image folder -> features -> patient-context scores.
#include "cli/model_run.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "core/data/dataset_load.h"
#include "core/data/file_match.h"
#include "core/image/image_pipeline.h"
#include "core/model/lesion_features.h"

namespace duck::cli {

namespace {

bool read_bytes(const std::string& path, std::string& out) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    std::stringstream ss;
    ss << f.rdbuf();
    out = ss.str();
    return true;
}

double ms_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

std::string find_image_files(const std::string& images_dir, std::unordered_map<std::string, std::string>& files) {
    // Images by name (file_match rules); JPEG preferred over DICOM for a name.
    std::error_code ec;
    if (!std::filesystem::is_directory(images_dir, ec)) return "images folder '" + images_dir + "' not found";
    for (auto it = std::filesystem::recursive_directory_iterator(images_dir, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        std::string p = it->path().string();
        std::string name = image_name_from_path(p);
        if (name.empty()) continue;
        auto found = files.find(name);
        if (found == files.end() || (is_dicom_path(found->second) && !is_dicom_path(p))) files[name] = p;
    }
    return "";
}

std::string run_model(const std::string& csv_path, const std::string& images_dir, ModelRun& out,
                      bool progress) {
    std::string csv;
    if (!read_bytes(csv_path, csv)) return "cannot read CSV file '" + csv_path + "'";
    LoadResult lr = load_csv(csv, std::filesystem::path(csv_path).filename().string());
    out.problems = lr.problems;
    if (!lr.ok) return "CSV '" + csv_path + "' not recognised: " +
                       (lr.problems.empty() ? std::string("no image_name column") : lr.problems.front().message);
    out.dataset = std::move(lr.dataset);

    std::unordered_map<std::string, std::string> files;
    if (std::string e = find_image_files(images_dir, files); !e.empty()) return e;

    const DermFeatureExtractor extractor;
    auto t0 = std::chrono::steady_clock::now();
    const auto& lesions = out.dataset.lesions;
    out.items.resize(lesions.size());
    for (size_t i = 0; i < lesions.size(); ++i) {
        ScoreItem& it = out.items[i];
        it.patient_id = lesions[i].patient_id;
        auto f = files.find(lesions[i].image_name);
        std::string bytes;
        if (f == files.end() || !read_bytes(f->second, bytes)) {
            it.unavailable = "image_missing";
            continue;
        }
        // Same decode and reduction as the app's image worker (core/image_pipeline.h),
        // so the CLI and the browser compute features from identical analysis pixels.
        PipelineRequest rq;
        rq.thumb_side = 0;
        rq.analysis_side = kAnalysisSide;
        auto d = process_image(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()), rq);
        if (!d.ok()) {
            it.unavailable = "image_" + std::string(image_status_name(d.status));
            out.problems.push_back({Severity::Error, it.unavailable, f->second, d.error});
            continue;
        }
        auto feats = extractor.extract(d.analysis);
        if (!feats.ok()) {
            it.unavailable = "image_unusable";
            out.problems.push_back({Severity::Error, "image_unusable", f->second, feats.error().message});
            continue;
        }
        it.has_features = true;
        it.features = std::move(feats.value().values);
        it.segmentation_fallback = feats.value().segmentation_fallback;
        if (progress && (i + 1) % 50 == 0)
            std::fprintf(stderr, "features: %zu / %zu images\n", i + 1, lesions.size());
    }
    out.feature_ms = ms_since(t0);
    t0 = std::chrono::steady_clock::now();
    out.scores = score_lesions(out.items, extractor.features(), {}, &out.model);
    out.score_ms = ms_since(t0);
    return "";
}

}  // namespace duck::cli
