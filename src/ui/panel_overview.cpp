// panel_overview.cpp - the dataset at a glance: the ISIC 2020 paper's Table 1
// computed from what is loaded (core/stats), histograms of patient age and
// lesions per patient, the body-site map with dataset-wide counts, and the
// loading/validation report with links to the affected patients.
#include <cmath>
#include <cstdio>
#include <cctype>

#include "app/app_index.h"
#include "app/app_model.h"
#include "core/data/stats.h"
#include "core/model/outlier_score.h"
#include "ui/explorer_widgets.h"
#include "ui/prediction_widgets.h"

namespace duck {

// The overview's statistics of one dataset (App::ui.overview).
struct OverviewCache {
    uint64_t data_generation = 0;  // App::data_generation they were computed for
    DatasetStats stats;
    std::vector<int> age_bins, lesion_bins;
    int lesion_bin_width = 1;
    SiteCounts sites;
    AreaCounts areas;  // the same lesions, torso sides apart (the map)
};

namespace ui {

namespace {
using Cache = OverviewCache;

const Cache& cache_for(App& app) {
    if (app.ui.overview && app.ui.overview->data_generation == app.data_generation) return *app.ui.overview;
    app.ui.overview = std::make_shared<Cache>();
    Cache& c = *app.ui.overview;
    const Dataset& ds = app.dataset;
    c.data_generation = app.data_generation;
    c.stats = compute_stats(ds);
    c.sites = count_sites(ds);
    c.areas = count_areas(ds);
    const auto& ix = app.explorer.index();
    c.age_bins.assign(19, 0);  // 0-4, 5-9, ..., 90+
    int max_l = 1;
    for (size_t p = 0; p < ix.size(); ++p) max_l = std::max(max_l, ix.row(static_cast<uint32_t>(p)).lesions);
    c.lesion_bin_width = max_l > 60 ? 5 : max_l > 30 ? 2 : 1;
    c.lesion_bins.assign(static_cast<size_t>(max_l / c.lesion_bin_width + 1), 0);
    for (size_t p = 0; p < ix.size(); ++p) {
        const PatientRow& r = ix.row(static_cast<uint32_t>(p));
        if (!std::isnan(r.age)) ++c.age_bins[std::clamp(static_cast<int>(r.age / 5.f), 0, 18)];
        ++c.lesion_bins[static_cast<size_t>(r.lesions / c.lesion_bin_width)];
    }
    return c;
}

// A bar chart with ImDrawList: bars, a baseline, x labels every few bins, the maximum.
void histogram(App& app, const char* title, const std::vector<int>& bins, int bin_width, int first_value, ImVec2 size) {
    const Palette& pal = palette(app);
    ImGui::TextUnformatted(title);
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float lh = ImGui::GetTextLineHeight();
    const float plot_h = size.y - lh - 4;
    int max = 1;
    for (int b : bins) max = std::max(max, b);
    const float bw = size.x / static_cast<float>(std::max<size_t>(1, bins.size()));
    int hovered = -1;
    const ImVec2 m = ImGui::GetIO().MousePos;
    for (size_t i = 0; i < bins.size(); ++i) {
        const float h = plot_h * static_cast<float>(bins[i]) / static_cast<float>(max);
        const ImVec2 a(o.x + bw * i + 1, o.y + plot_h - h), b(o.x + bw * (i + 1) - 1, o.y + plot_h);
        const bool hot = m.x >= o.x + bw * i && m.x < o.x + bw * (i + 1) && m.y >= o.y && m.y < o.y + plot_h;
        if (hot) hovered = static_cast<int>(i);
        dl->AddRectFilled(a, b, hot ? pal.accent : (pal.accent & 0x00FFFFFF) | 0xB0000000, 2.f);
    }
    dl->AddLine(ImVec2(o.x, o.y + plot_h), ImVec2(o.x + size.x, o.y + plot_h), pal.text_dim);
    const int every = std::max(1, static_cast<int>(std::ceil(40.f / bw)));
    for (size_t i = 0; i < bins.size(); i += every) {
        const std::string t = std::to_string(first_value + static_cast<int>(i) * bin_width);
        dl->AddText(ImVec2(o.x + bw * i, o.y + plot_h + 2), pal.text_dim, t.c_str());
    }
    char mx[32];
    std::snprintf(mx, sizeof mx, "max %d", max);
    dl->AddText(ImVec2(o.x + size.x - ImGui::CalcTextSize(mx).x, o.y), pal.text_dim, mx);
    if (hovered >= 0) {
        const int lo = first_value + hovered * bin_width;
        if (bin_width > 1)
            ImGui::SetTooltip("%d-%d: %d patients", lo, lo + bin_width - 1, bins[hovered]);
        else
            ImGui::SetTooltip("%d: %d patients", lo, bins[hovered]);
    }
}

void table1(App& app, const DatasetStats& s) {
    const bool lab = s.labelled && !app.explorer.labels_hidden;
    const int cols = lab ? 4 : 2;
    if (!ImGui::BeginTable("table1", cols, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp))
        return;
    ImGui::TableSetupColumn("", 0, 1.5f);
    ImGui::TableSetupColumn("All");
    if (lab) {
        ImGui::TableSetupColumn("Melanoma");
        ImGui::TableSetupColumn("No melanoma");
    }
    ImGui::TableHeadersRow();
    auto row = [&](const char* k, const std::string& all, const std::string& mel = "", const std::string& non = "") {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextDisabled("%s", k);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(all.c_str());
        if (lab) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(mel.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(non.c_str());
        }
    };
    auto n = [](size_t v) { return std::to_string(v); };
    auto f1 = [](double v) {
        char b[32];
        std::snprintf(b, sizeof b, std::isnan(v) ? "-" : "%.1f", v);
        return std::string(b);
    };
    auto f0 = [](double v) { return std::isnan(v) ? std::string("-") : std::to_string(static_cast<int>(std::lround(v))); };
    auto q = [&](const CountSummary& c) { return f0(c.median) + " [" + f0(c.q1) + "-" + f0(c.q3) + "]"; };
    row("Patients", n(s.patients), n(s.patients_with_melanoma), n(s.patients_without_melanoma));
    row("  male", n(s.sex[1].patients), n(s.sex[1].with_melanoma), n(s.sex[1].patients - s.sex[1].with_melanoma));
    row("  female", n(s.sex[2].patients), n(s.sex[2].with_melanoma), n(s.sex[2].patients - s.sex[2].with_melanoma));
    if (s.sex[0].patients) row("  sex unknown", n(s.sex[0].patients), n(s.sex[0].with_melanoma), n(s.sex[0].patients - s.sex[0].with_melanoma));
    row("Mean age", f1(s.mean_age_all), f1(s.mean_age_with_melanoma), f1(s.mean_age_without_melanoma));
    row("Lesions", n(s.lesions), n(s.lesions_in_melanoma_patients), n(s.lesions_in_other_patients));
    if (lab) row("  melanomas", n(s.melanomas), n(s.melanomas), "0");
    row("Lesions/patient*", q(s.per_patient), q(s.per_patient_with_melanoma), q(s.per_patient_without_melanoma));
    for (int i = 0; i < kSiteCount; ++i) {
        const auto& r = s.sites[i];
        const std::string name = "  " + std::string(site_name(static_cast<Site>(i)));
        row(name.c_str(), n(r.lesions), lab ? n(r.melanomas) + " mel" : "", "");
    }
    ImGui::EndTable();
    ImGui::TextDisabled("* median [quartiles]; mel = melanomas");
}

// Patient ids and image names mentioned in a problem, resolved to patients.
std::vector<uint32_t> affected_patients(const Dataset& ds, const Problem& p) {
    std::vector<uint32_t> out;
    const std::string text = p.where + " " + p.message;
    for (size_t i = 0; i < text.size(); ++i) {
        const bool ip = text.compare(i, 3, "IP_") == 0, isic = text.compare(i, 5, "ISIC_") == 0;
        if (!ip && !isic) continue;
        size_t e = i + (ip ? 3 : 5);
        while (e < text.size() && std::isalnum(static_cast<unsigned char>(text[e]))) ++e;
        const std::string t = text.substr(i, e - i);
        i = e;
        uint32_t pi = kNone;
        if (ip) pi = ds.find_patient(t);
        else if (const uint32_t li = ds.find_lesion(t); li != kNone) pi = ds.lesions[li].patient;
        if (pi != kNone && pi < ds.patients.size() && std::find(out.begin(), out.end(), pi) == out.end()) out.push_back(pi);
    }
    return out;
}

void problems(App& app) {
    const Palette& pal = palette(app);
    if (app.problems.empty()) {
        ImGui::TextDisabled("No problems found while loading.");
        record_item(app, "overview/no_problems");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerH |
                                  ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("problems", 4, flags, ImVec2(0, ImGui::GetContentRegionAvail().y))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Kind", 0, 1.f);
    ImGui::TableSetupColumn("Where", 0, 1.2f);
    ImGui::TableSetupColumn("Problem", 0, 3.f);
    ImGui::TableSetupColumn("Patients", 0, 1.2f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(static_cast<int>(app.problems.size()));
    while (clip.Step())
        for (int i = clip.DisplayStart; i < clip.DisplayEnd; ++i) {
            const Problem& p = app.problems[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(p.severity == Severity::Error ? pal.melanoma : pal.warn), "%s", p.kind.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(p.where.c_str());
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", p.message.c_str());
            ImGui::TableNextColumn();
            ImGui::PushID(i);
            for (uint32_t pi : affected_patients(app.dataset, p)) {
                if (ImGui::SmallButton(app.dataset.patients[pi].id.c_str())) {
                    app.open_patient(pi);
                    app.set_mode(ViewMode::Grid);
                }
                ImGui::SameLine();
            }
            ImGui::NewLine();
            ImGui::PopID();
        }
    ImGui::EndTable();
    record_item(app, "overview/problems");  // the whole table (browser tests)
}
// How well the ugly-duckling score finds melanomas among the patients scored so
// far (duckling-cli eval computes the same for a whole folder).
void model_evaluation(App& app) {
    ImGui::SeparatorText("Model evaluation (patients scored so far)");
    // Dataset-wide: with a lesion index every lesion is scored, not only the patients opened.
    const ModelCounts mc = model_counts(app);
    if (app.index.status == "loaded")
        ImGui::Text("Lesion index: %zu of %zu lesions indexed, %zu flagged by the model.", mc.indexed,
                    app.dataset.lesions.size(), mc.flagged);
    else
        ImGui::TextDisabled("%zu of %zu lesions have features, %zu flagged (no lesion index%s).", mc.indexed,
                            app.dataset.lesions.size(), mc.flagged, app.index.status == "refused" ? ": refused" : "");
    record_item(app, "overview/index_counts");
    if (!app.dataset.has_labels) return ImGui::TextDisabled("No labels in this dataset.");
    if (app.explorer.labels_hidden) return ImGui::TextDisabled("Labels are hidden (l).");
    const EvalReport& r = model_eval_report(app);
    ImGui::TextDisabled("%zu lesions featured. Eligible: %d patients with a melanoma and >= %d scored lesions "
                        "(%d melanomas, %d lesions); skipped %d without a melanoma, %d with too few lesions.",
                        app.model.featured(), r.patients, kMinContextLesions, r.melanomas, r.lesions,
                        r.skipped_no_melanoma, r.skipped_few_lesions);
    if (r.patients == 0) return ImGui::TextDisabled("Open patients with a melanoma to evaluate the model on them.");
    draw_eval_table("model_eval", r);  // prediction_widgets.cpp
}
}  // namespace

void draw_overview_panel(App& app, UiContext&) {
    if (app.dataset.lesions.empty()) {
        ImGui::TextDisabled("No dataset loaded.");
        return;
    }
    const Cache& c = cache_for(app);
    if (app.source.kind == SourceKind::Demo)
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette(app).warn), "Synthetic demo data: these are not real patients.");
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float col_w = (avail.x - 2 * gap) / 3.f;
    const float top_h = std::max(260.f, avail.y * 0.62f);
    ImGui::BeginChild("ov_table", ImVec2(col_w * 1.2f, top_h));
    ImGui::SeparatorText("Summary (Table 1)");
    table1(app, c.stats);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("ov_hist", ImVec2(col_w * 0.95f, top_h));
    ImGui::SeparatorText("Distributions");
    const float hh = (top_h - ImGui::GetTextLineHeightWithSpacing() * 4) * 0.5f;
    const float hw = ImGui::GetContentRegionAvail().x - 4;
    histogram(app, "Patient age (mean, years)", c.age_bins, 5, 0, ImVec2(hw, hh));
    histogram(app, "Lesions per patient", c.lesion_bins, c.lesion_bin_width, 0, ImVec2(hw, hh));
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("ov_map", ImVec2(0, top_h));
    ImGui::SeparatorText("Body sites (all lesions)");
    // Dataset-wide counts are large: numbers only on the map, melanomas in the tooltip and Table 1.
    const BodyMapEvents ev = draw_body_map(app, "overview/body_map", ImGui::GetContentRegionAvail(), c.areas,
                                           app.dataset.has_labels && !app.explorer.labels_hidden, -1,
                                           app.explorer.filter.site_mask, false);
    if (ev.clicked >= 0) {  // filter the patient list by that site
        app.explorer.filter.site_mask ^= static_cast<uint8_t>(1u << ev.clicked);
        app.explorer.invalidate();
    }
    ImGui::EndChild();
    model_evaluation(app);
    draw_predictions_overview(app);  // one metrics table per classifier predictions file
    char title[64];
    std::snprintf(title, sizeof title, "Loading and validation report (%zu)", app.problems.size());
    ImGui::SeparatorText(title);
    problems(app);
}

}  // namespace ui
}  // namespace duck
