// dataset_merge.cpp - combining several ISIC CSVs (e.g. train.csv + GroundTruth
// v2 for lesion ids + the duplicates list) into one Dataset, reporting every
// value on which two files disagree instead of silently picking one.
#include <algorithm>
#include <cmath>
#include <string>

#include "core/data/dataset_load.h"

namespace duck {

namespace {

std::string label_text(Label l) { return l == Label::Malignant ? "malignant" : l == Label::Benign ? "benign" : "unknown"; }

struct Merger {
    Dataset& base;
    const Dataset& other;
    Problems& out;
    uint16_t source_offset;
    std::vector<int> extra_col;  // other's extra column -> base's
    std::vector<int> measure_col;  // other's measurement column -> base's

    void conflict(Severity sev, const Lesion& b, const Lesion& o, const char* field, const std::string& bv, const std::string& ov) {
        out.push_back({sev, "merge_conflict", other.where(o),
                       b.image_name + ": " + field + " is '" + ov + "' here but '" + bv + "' in " + base.where(b) +
                           "; keeping '" + bv + "'"});
    }
    // Text fields: fill when base is empty, report when both are set and differ.
    void text(Lesion& b, const Lesion& o, SmallString Lesion::*m, const char* name) {
        if ((o.*m).empty() || b.*m == o.*m) return;
        if ((b.*m).empty()) b.*m = o.*m;
        else conflict(Severity::Warning, b, o, name, b.*m, o.*m);
    }

    void merge_row(Lesion& b, const Lesion& o) {
        text(b, o, &Lesion::patient_id, "patient_id");
        text(b, o, &Lesion::lesion_id, "lesion_id");
        text(b, o, &Lesion::diagnosis, "diagnosis");
        text(b, o, &Lesion::duplicate_of, "duplicate_of");
        if (o.sex != Sex::Unknown && b.sex != o.sex) {
            if (b.sex == Sex::Unknown) b.sex = o.sex;
            else conflict(Severity::Warning, b, o, "sex", std::string(sex_name(b.sex)), std::string(sex_name(o.sex)));
        }
        if (!std::isnan(o.age)) {
            if (std::isnan(b.age)) b.age = o.age;
            else if (std::fabs(b.age - o.age) > 1e-3f)  // "45" and "45.0" agree
                conflict(Severity::Warning, b, o, "age_approx", std::to_string(b.age), std::to_string(o.age));
        }
        if (o.site != Site::Unknown && b.site != o.site) {
            if (b.site == Site::Unknown) b.site = o.site, b.site_side = o.site_side;
            else conflict(Severity::Warning, b, o, "site", std::string(site_name(b.site)), std::string(site_name(o.site)));
        }
        if (b.site == o.site && b.site_side == SiteSide::Unspecified) b.site_side = o.site_side;  // a finer site fills in
        if (o.label != Label::Unknown && b.label != o.label) {
            if (b.label == Label::Unknown) b.label = o.label;
            else conflict(Severity::Error, b, o, "label", label_text(b.label), label_text(o.label));
        }
        if (b.tbp_location == TbpLocation::None) b.tbp_location = o.tbp_location;
        copy_extras(b, o);
        copy_measures(b, o);
    }

    // Measurements the base row lacks (NaN) are filled in from the other file.
    void copy_measures(Lesion& b, const Lesion& o) {
        if (o.measure_row == kNone || measure_col.empty()) return;
        const size_t n = base.measures.names.size();
        if (b.measure_row == kNone) {
            b.measure_row = static_cast<uint32_t>(base.measures.rows());
            base.measures.values.resize(base.measures.values.size() + n, NAN);
        }
        for (size_t c = 0; c < measure_col.size(); ++c) {
            float& v = base.measures.values[size_t(b.measure_row) * n + size_t(measure_col[c])];
            if (std::isnan(v)) v = other.measures.get(o, static_cast<int>(c));
        }
    }

    void copy_extras(Lesion& b, const Lesion& o) {
        if (o.extra_row == kNone || o.extra_row >= other.extra.rows.size()) return;
        if (b.extra_row == kNone) {
            b.extra_row = static_cast<uint32_t>(base.extra.rows.size());
            base.extra.rows.emplace_back();
        }
        auto& row = base.extra.rows[b.extra_row];
        row.resize(base.extra.names.size());
        const auto& orow = other.extra.rows[o.extra_row];
        for (size_t c = 0; c < orow.size() && c < extra_col.size(); ++c)
            if (row[extra_col[c]].empty()) row[extra_col[c]] = orow[c];
    }
};

}  // namespace

void merge_into(Dataset& base, const Dataset& other, Problems& problems) {
    if (base.sources.empty() && base.lesions.empty()) base.schema = other.schema;
    Merger m{base, other, problems, static_cast<uint16_t>(base.sources.size()), {}, {}};
    for (const auto& s : other.sources) base.sources.push_back(s);
    for (const auto& name : other.extra.names) {
        auto it = std::find(base.extra.names.begin(), base.extra.names.end(), name);
        m.extra_col.push_back(static_cast<int>(it - base.extra.names.begin()));
        if (it == base.extra.names.end()) base.extra.names.push_back(name);
    }
    // New measurement columns widen every base row (NaN: not measured there).
    const size_t old_width = base.measures.names.size();
    for (const auto& name : other.measures.names) {
        int c = base.measures.column(name);
        if (c < 0) {
            c = static_cast<int>(base.measures.names.size());
            base.measures.names.push_back(name);
        }
        m.measure_col.push_back(c);
    }
    if (base.measures.names.size() != old_width && old_width > 0) {
        const size_t rows = base.measures.values.size() / old_width, width = base.measures.names.size();
        std::vector<float> wide(rows * width, NAN);
        for (size_t r = 0; r < rows; ++r)
            std::copy_n(base.measures.values.begin() + long(r * old_width), old_width, wide.begin() + long(r * width));
        base.measures.values = std::move(wide);
    }
    if (base.by_image.size() != base.lesions.size()) base.reindex();
    const bool annotations_only = other.schema == CsvSchema::Duplicates && base.schema != CsvSchema::Duplicates;
    for (const Lesion& o : other.lesions) {
        const uint32_t i = base.find_lesion(o.image_name);
        if (i != kNone) {
            m.merge_row(base.lesions[i], o);
            continue;
        }
        if (annotations_only) {
            problems.push_back({Severity::Warning, "merge_unknown_image", other.where(o),
                                "the duplicates list names " + o.image_name + " (duplicate of " + o.duplicate_of +
                                    "), which is not in the dataset; ignored"});
            continue;
        }
        Lesion n = o;
        n.source = static_cast<uint16_t>(o.source + m.source_offset);
        n.extra_row = kNone;
        n.measure_row = kNone;
        base.lesions.push_back(std::move(n));
        base.index_lesion(static_cast<uint32_t>(base.lesions.size() - 1));
        m.copy_extras(base.lesions.back(), o);
        m.copy_measures(base.lesions.back(), o);
    }
    base.group_patients();
}

Dataset merge_all(std::vector<LoadResult> parts, Problems& problems) {
    // Row files first (in the given order), duplicates lists last, so pairs can
    // annotate lesions whichever order the user picked the files in.
    std::stable_partition(parts.begin(), parts.end(),
                          [](const LoadResult& p) { return p.dataset.schema != CsvSchema::Duplicates; });
    Dataset out;
    for (auto& p : parts) problems.insert(problems.end(), p.problems.begin(), p.problems.end());
    for (auto& p : parts) {
        if (!p.ok) continue;
        if (out.sources.empty()) out = std::move(p.dataset);
        else merge_into(out, p.dataset, problems);
    }
    return out;
}

}  // namespace duck
