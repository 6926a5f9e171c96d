// stats.cpp - Table-1 statistics (see stats.h). Patient classes come from the
// labels: a patient "with melanoma" has at least one malignant row.
#include "core/data/stats.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace duck {

namespace {
double mean_of(const std::vector<double>& v) {
    if (v.empty()) return NAN;
    double s = 0;
    for (double x : v) s += x;
    return s / static_cast<double>(v.size());
}
// Type-7 quantile of sorted values.
double quantile(const std::vector<double>& sorted, double p) {
    const double h = (static_cast<double>(sorted.size()) - 1) * p;
    const size_t lo = static_cast<size_t>(h);
    if (lo + 1 >= sorted.size()) return sorted.back();
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[lo + 1] - sorted[lo]);
}
// An undefined mean is JSON null (not a NaN number, which JSON cannot hold).
nlohmann::json num(double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); }
}  // namespace

CountSummary summarize_counts(std::vector<double> v) {
    CountSummary c;
    if (v.empty()) return c;
    std::sort(v.begin(), v.end());
    c.mean = mean_of(v);
    c.q1 = quantile(v, 0.25);
    c.median = quantile(v, 0.5);
    c.q3 = quantile(v, 0.75);
    return c;
}

DatasetStats compute_stats(const Dataset& ds) {
    DatasetStats s;
    s.labelled = ds.has_labels;
    std::vector<double> age_all, age_with, age_without, n_all, n_with, n_without;
    for (const Patient& p : ds.patients) {
        const bool mel = p.melanomas > 0;
        const double n = static_cast<double>(p.lesions.size());
        ++s.patients;
        (mel ? s.patients_with_melanoma : s.patients_without_melanoma)++;
        auto& row = s.sex[static_cast<int>(p.sex)];
        ++row.patients;
        row.with_melanoma += mel;
        n_all.push_back(n);
        (mel ? n_with : n_without).push_back(n);
        (mel ? s.lesions_in_melanoma_patients : s.lesions_in_other_patients) += p.lesions.size();
        if (!std::isnan(p.mean_age)) {
            age_all.push_back(p.mean_age);
            (mel ? age_with : age_without).push_back(p.mean_age);
        }
    }
    for (const Lesion& l : ds.lesions) {
        ++s.lesions;
        const bool mel = l.label == Label::Malignant;
        s.melanomas += mel;
        s.lesions_without_patient += l.patient == kNone;
        auto& site = s.sites[static_cast<int>(l.site)];
        ++site.lesions;
        site.melanomas += mel;
    }
    const Measurements& m = ds.measures;
    for (const auto& pc : ds.lesions) s.tbp.present |= pc.tbp_location != TbpLocation::None;
    s.tbp.present |= !m.empty();
    if (s.tbp.present) {
        s.tbp.measurements = m.names;
        const int x = m.column("tbp_lv_x"), y = m.column("tbp_lv_y"), z = m.column("tbp_lv_z");
        for (const Lesion& l : ds.lesions) {
            ++s.tbp.locations[static_cast<int>(l.tbp_location)];
            s.tbp.with_location += l.tbp_location != TbpLocation::None && l.tbp_location != TbpLocation::Unknown;
            s.tbp.with_position += !std::isnan(m.get(l, x)) && !std::isnan(m.get(l, y)) && !std::isnan(m.get(l, z));
            bool any = false;
            for (size_t c = 0; c < m.names.size() && !any; ++c) any = !std::isnan(m.get(l, static_cast<int>(c)));
            s.tbp.with_measurements += any;
        }
    }
    s.mean_age_all = mean_of(age_all);
    s.mean_age_with_melanoma = mean_of(age_with);
    s.mean_age_without_melanoma = mean_of(age_without);
    s.per_patient = summarize_counts(std::move(n_all));
    s.per_patient_with_melanoma = summarize_counts(std::move(n_with));
    s.per_patient_without_melanoma = summarize_counts(std::move(n_without));
    return s;
}

nlohmann::json stats_to_json(const DatasetStats& s) {
    using nlohmann::json;
    auto counts = [](const CountSummary& c) {
        return json{{"mean", num(c.mean)}, {"q1", num(c.q1)}, {"median", num(c.median)}, {"q3", num(c.q3)}};
    };
    json j;
    j["labelled"] = s.labelled;
    j["patients"] = {{"total", s.patients}, {"with_melanoma", s.patients_with_melanoma},
                     {"without_melanoma", s.patients_without_melanoma}};
    for (Sex x : {Sex::Male, Sex::Female, Sex::Unknown}) {
        const auto& r = s.sex[static_cast<int>(x)];
        j["sex"][std::string(sex_name(x))] = {{"patients", r.patients}, {"with_melanoma", r.with_melanoma}};
    }
    j["mean_age"] = {{"all", num(s.mean_age_all)}, {"with_melanoma", num(s.mean_age_with_melanoma)},
                     {"without_melanoma", num(s.mean_age_without_melanoma)}};
    j["lesions"] = {{"total", s.lesions}, {"in_melanoma_patients", s.lesions_in_melanoma_patients},
                    {"in_other_patients", s.lesions_in_other_patients}, {"melanoma", s.melanomas}};
    j["lesions_without_patient"] = s.lesions_without_patient;
    j["lesions_per_patient"] = counts(s.per_patient);
    j["lesions_per_patient_by_class"] = {{"with_melanoma", counts(s.per_patient_with_melanoma)},
                                         {"without_melanoma", counts(s.per_patient_without_melanoma)}};
    j["sites"] = json::object();
    for (int i = 0; i < kSiteCount; ++i)
        j["sites"][std::string(site_name(static_cast<Site>(i)))] = {{"lesions", s.sites[i].lesions},
                                                                    {"melanomas", s.sites[i].melanomas}};
    if (s.tbp.present) {
        json loc = json::object();
        for (int i = 0; i < kTbpLocationCount; ++i) {
            const auto l = static_cast<TbpLocation>(i);
            if (s.tbp.locations[i]) loc[l == TbpLocation::None ? "(none)" : std::string(tbp_location_name(l))] = s.tbp.locations[i];
        }
        j["tbp"] = {{"lesions_with_location", s.tbp.with_location},
                    {"lesions_with_position", s.tbp.with_position},
                    {"lesions_with_measurements", s.tbp.with_measurements},
                    {"measurements", s.tbp.measurements},
                    {"locations", loc}};
    }
    return j;
}

std::string stats_table(const DatasetStats& s) {
    std::string out;
    char buf[160];
    auto pct = [](size_t a, size_t b) { return b ? 100.0 * static_cast<double>(a) / static_cast<double>(b) : 0.0; };
    auto row3 = [&](const char* name, size_t with, size_t without) {
        const size_t t = with + without;
        std::snprintf(buf, sizeof buf, "  %-22s %7zu (%3.0f%%) %7zu (%3.0f%%) %7zu\n", name, with, pct(with, t), without,
                      pct(without, t), t);
        out += buf;
    };
    auto num3 = [&](const char* name, double a, double b, double c, const char* fmt) {
        std::snprintf(buf, sizeof buf, fmt, name, a, b, c);
        out += buf;
    };
    out += s.labelled ? "" : "(no labels in this file: melanoma counts are 0)\n";
    std::snprintf(buf, sizeof buf, "  %-22s %15s %15s %7s\n", "", ">=1 melanoma", "0 melanoma", "total");
    out += buf;
    row3("Patients", s.patients_with_melanoma, s.patients_without_melanoma);
    for (Sex x : {Sex::Male, Sex::Female, Sex::Unknown}) {
        const auto& r = s.sex[static_cast<int>(x)];
        row3(("  " + std::string(sex_name(x))).c_str(), r.with_melanoma, r.patients - r.with_melanoma);
    }
    num3("Mean age (years)", s.mean_age_with_melanoma, s.mean_age_without_melanoma, s.mean_age_all,
         "  %-22s %15.1f %15.1f %7.1f\n");
    row3("Lesions", s.lesions_in_melanoma_patients, s.lesions_in_other_patients);
    std::snprintf(buf, sizeof buf, "  %-22s %15zu %15s %7zu\n", "  Melanoma", s.melanomas, "", s.melanomas);
    out += buf;
    if (s.lesions_without_patient) {
        std::snprintf(buf, sizeof buf, "  %-22s %31s %7zu\n", "  Without patient", "", s.lesions_without_patient);
        out += buf;
    }
    out += "Lesions per patient\n";
    const CountSummary &w = s.per_patient_with_melanoma, &o = s.per_patient_without_melanoma, &a = s.per_patient;
    num3("Mean", w.mean, o.mean, a.mean, "  %-22s %15.1f %15.1f %7.1f\n");
    num3("Q1", w.q1, o.q1, a.q1, "  %-22s %15g %15g %7g\n");
    num3("Median", w.median, o.median, a.median, "  %-22s %15g %15g %7g\n");
    num3("Q3", w.q3, o.q3, a.q3, "  %-22s %15g %15g %7g\n");
    std::snprintf(buf, sizeof buf, "Lesions per anatomic site %15s %15s %7s\n", "melanoma", "benign/unlabelled", "total");
    out += buf;
    for (int i = 0; i < kSiteCount; ++i) {
        const auto& r = s.sites[i];
        row3(std::string(site_name(static_cast<Site>(i))).c_str(), r.melanomas, r.lesions - r.melanomas);
    }
    if (s.tbp.present) {
        std::snprintf(buf, sizeof buf,
                      "ISIC 2024 total-body photography: %zu lesions with a named location, %zu with a 3D position, "
                      "%zu with measurements (%zu columns)\n",
                      s.tbp.with_location, s.tbp.with_position, s.tbp.with_measurements, s.tbp.measurements.size());
        out += buf;
        for (int i = 0; i < kTbpLocationCount; ++i) {
            const auto l = static_cast<TbpLocation>(i);
            if (!s.tbp.locations[i]) continue;
            std::snprintf(buf, sizeof buf, "  %-26s %7zu\n",
                          l == TbpLocation::None ? "(no location)" : std::string(tbp_location_name(l)).c_str(), s.tbp.locations[i]);
            out += buf;
        }
    }
    return out;
}

}  // namespace duck
