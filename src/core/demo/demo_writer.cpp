// demo_writer.cpp - turns a DemoDesign into files. The CSV follows ISIC 2020's
// train.csv byte conventions (LF, ages as 45.0, empty site when unknown) so the
// demo exercises the same loader path as the real data.
#include "core/demo/demo_writer.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "core/demo/demo_jpeg.h"
#include "core/demo/demo_paint.h"

namespace duck::demo {

namespace fs = std::filesystem;

std::string demo_csv(const DemoDesign& d) {
    std::string out(kCsvHeader);
    out += '\n';
    char age[16];
    for (const DemoLesion& l : d.lesions) {
        const DemoPatient& p = d.patients[l.patient];
        std::snprintf(age, sizeof age, "%d.0", l.age);
        out += l.image_name + ',' + p.id + ',' + std::string(sex_name(p.sex)) + ',' + age + ',';
        if (l.site != Site::Unknown) out += site_name(l.site);
        out += ',' + l.diagnosis + (l.malignant ? ",malignant,1," : ",benign,0,");
        out += l.planted_outlier ? '1' : '0';
        out += ',' + std::string(lesion_kind_name(l.look.kind)) + ',' + std::string(patient_kind_name(p.kind)) + '\n';
    }
    return out;
}

bool looks_like_demo(const Dataset& ds) {
    const auto& n = ds.extra.names;
    return std::find(n.begin(), n.end(), "planted_outlier") != n.end() &&
           std::find(n.begin(), n.end(), "demo_patient_kind") != n.end();
}

DemoSummary summarize(const DemoDesign& d) {
    DemoSummary s;
    s.patients = static_cast<int>(d.patients.size());
    s.lesions = static_cast<int>(d.lesions.size());
    for (const auto& p : d.patients) {
        int mel = 0;
        for (uint32_t i : p.lesions) {
            mel += d.lesions[i].malignant ? 1 : 0;
            s.planted_outliers += d.lesions[i].planted_outlier ? 1 : 0;
        }
        s.melanomas += mel;
        s.melanoma_patients += mel > 0 ? 1 : 0;
    }
    return s;
}

std::string demo_readme(const DemoDesign& d) {
    const DemoSummary s = summarize(d);
    char head[512];
    std::snprintf(head, sizeof head,
                  "%.*s\n\n"
                  "Every image and every row in this folder is SYNTHETIC. No patient, no real\n"
                  "photograph and no ISIC file was used: the images are painted by a program\n"
                  "(duckling-cli demo --patients %d --seed %llu) to look roughly like dermoscopy.\n"
                  "They are for trying out Duckling, never for diagnosis, training or research.\n\n"
                  "%d patients, %d images, %d melanomas in %d patients, %d planted outliers.\n\n",
                  static_cast<int>(kReadmeMarker.size()), kReadmeMarker.data(), d.options.patients,
                  static_cast<unsigned long long>(d.options.seed), s.patients, s.lesions, s.melanomas,
                  s.melanoma_patients, s.planted_outliers);
    return std::string(head) +
           "Layout (as the resized ISIC 2020 copies): train.csv and train/<image_name>.jpg.\n"
           "train.csv has the eight ISIC 2020 columns plus:\n"
           "  planted_outlier    1 for the lesion drawn unlike the patient's other lesions\n"
           "                     (a melanoma or a different benign lesion), else 0\n"
           "  demo_pattern       what was drawn: reticular, globular, homogeneous (benign nevi),\n"
           "                     atypical, melanoma, seborrheic_keratosis, blue_nevus, lentigo\n"
           "  demo_patient_kind  typical, melanoma, atypical (many similar atypical nevi, no\n"
           "                     outlier), atypical_melanoma, benign_outlier\n"
           "Sex, age and site follow the proportions of the real ISIC 2020 training set;\n"
           "about one patient in five has a melanoma. The same seed gives the same bytes.\n";
}

namespace {

Status write_file(const fs::path& path, const void* data, size_t size) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!f) return Status::fail("cannot create " + path.string());
    f.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
    f.close();
    if (!f) return Status::fail("cannot write " + path.string() + " (disk full?)");
    return Status::success();
}

bool is_previous_demo(const fs::path& dir) {
    std::ifstream f(dir / "README.txt");
    std::string first;
    std::getline(f, first);
    return first == kReadmeMarker;
}

// Makes `dir` an empty-enough target: created, or a previous demo with its images removed.
Status prepare(const fs::path& dir) {
    std::error_code ec;
    if (fs::exists(dir, ec)) {
        if (!fs::is_directory(dir, ec)) return Status::fail(dir.string() + " exists and is not a folder");
        const bool empty = fs::is_empty(dir, ec);
        if (!empty && !is_previous_demo(dir))
            return Status::fail(dir.string() + " is not empty and is not a Duckling demo folder (no " +
                                "README.txt starting with \"" + std::string(kReadmeMarker) + "\"); refusing to write there");
        for (const auto& e : fs::directory_iterator(dir / "train", ec)) {
            const std::string name = e.path().filename().string();
            if (name.rfind("ISIC_", 0) == 0 && e.path().extension() == ".jpg") fs::remove(e.path(), ec);
        }
    }
    fs::create_directories(dir / "train", ec);
    if (ec) return Status::fail("cannot create " + (dir / "train").string() + ": " + ec.message());
    return Status::success();
}

}  // namespace

Result<DemoSummary> write_demo(const std::string& dir_text, const DemoOptions& options) {
    if (dir_text.empty()) return Error{"no output folder given"};
    const fs::path dir(dir_text);
    const DemoDesign d = design_demo(options);
    if (Status st = prepare(dir); !st.ok()) return Error{st.message};

    // README first: its marker lets a rerun clean up after an interrupted run.
    const std::string csv = demo_csv(d), readme = demo_readme(d);
    if (Status st = write_file(dir / "README.txt", readme.data(), readme.size()); !st.ok()) return Error{st.message};
    DemoSummary s = summarize(d);
    ImageRGBA img;
    for (const DemoLesion& l : d.lesions) {
        paint_lesion_image(l.look, d.options.image_size, img);
        const std::vector<uint8_t> jpg = encode_jpeg(img, d.options.jpeg_quality);
        if (jpg.empty()) return Error{"JPEG encoding failed for " + l.image_name};
        if (Status st = write_file(dir / "train" / (l.image_name + ".jpg"), jpg.data(), jpg.size()); !st.ok())
            return Error{st.message};
        s.image_bytes += jpg.size();
    }
    if (Status st = write_file(dir / "train.csv", csv.data(), csv.size()); !st.ok()) return Error{st.message};
    return s;
}

}  // namespace duck::demo
