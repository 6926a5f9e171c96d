// prediction_widgets.cpp - classifier predictions in the viewer and the
// overview (see prediction_widgets.h). Read-only views of App::predictions but
// for the overview's score column picker and its "Remove" button.
#include "ui/prediction_widgets.h"

#include <cmath>
#include <cstdio>

#include "app/app_predictions.h"
#include "core/model/outlier_score.h"

namespace duck::ui {

namespace {

// The file's score column; a combo when the file offers several candidates.
void column_picker(App& app, size_t k) {
    const LoadedPredictions& m = app.predictions.models[k];
    if (m.file.score_columns.size() < 2) return ImGui::TextDisabled("score column: %s", m.file.column.c_str());
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("class_1_oof").x * 2);
    std::string pick;
    if (ImGui::BeginCombo("score column", m.file.column.c_str())) {
        for (const auto& c : m.file.score_columns)
            if (ImGui::Selectable(c.c_str(), c == m.file.column)) pick = c;
        ImGui::EndCombo();
    }
    if (m.file.ambiguous) {
        ImGui::SameLine();
        ImGui::TextDisabled("(guessed: no column has a usual score name; please check)");
    }
    if (!pick.empty() && pick != m.file.column) set_prediction_column(app, k, pick);
}

}  // namespace

void draw_eval_table(const char* id, const EvalReport& r) {
    if (!ImGui::BeginTable(id, 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) return;
    ImGui::TableSetupColumn("metric");
    ImGui::TableSetupColumn("model [95% CI]");
    ImGui::TableSetupColumn("random");
    ImGui::TableHeadersRow();
    auto row = [](const char* name, const EvalMetric& m) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(name);
        ImGui::TableNextColumn();
        ImGui::Text("%.3f  [%.3f - %.3f]", m.value, m.lo, m.hi);
        ImGui::TableNextColumn();
        ImGui::Text("%.3f", m.random);
    };
    if (r.patients_with_auc > 0) row("per-patient AUC", r.auc);
    row("top-1 hit rate", r.top1);
    row("top-3 hit rate", r.top3);
    row("mean reciprocal rank", r.mrr);
    ImGui::EndTable();
}

void draw_lesion_predictions(App& app) {
    const uint32_t li = app.view.lesion;
    const auto& models = app.predictions.models;
    if (models.empty() || li >= app.dataset.lesions.size()) return;
    const uint32_t patient = app.dataset.lesions[li].patient;
    const size_t n = patient < app.dataset.patients.size() ? app.dataset.patients[patient].lesions.size() : 0;
    if (!ImGui::BeginTable("lesion_predictions", 3, ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_RowBg)) return;
    ImGui::TableSetupColumn("model");
    ImGui::TableSetupColumn("score");
    ImGui::TableSetupColumn("rank");
    ImGui::TableHeadersRow();
    const auto& ud = app.model.scores();
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("ugly duckling");
    ImGui::TableNextColumn();
    if (li < ud.size() && ud[li].ok()) {
        ImGui::Text("%.3f", ud[li].level);
        ImGui::TableNextColumn();
        ImGui::Text("%d of %zu", ud[li].rank, n);
    } else {
        ImGui::TextDisabled("-");
        ImGui::TableNextColumn();
        ImGui::TextDisabled("-");
    }
    for (const auto& m : models) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(m.file.name.c_str());
        ImGui::TableNextColumn();
        const bool has = li < m.match.score.size() && !std::isnan(m.match.score[li]);
        if (!has) {
            ImGui::TextDisabled("no row");
            ImGui::TableNextColumn();
            continue;
        }
        ImGui::Text("%.4f", m.match.score[li]);
        ImGui::TableNextColumn();
        ImGui::Text("%u of %zu", m.ranks[li], n);
    }
    ImGui::EndTable();
}

void draw_predictions_overview(App& app) {
    auto& models = app.predictions.models;
    if (models.empty() && app.predictions.loading == 0) return;
    ImGui::SeparatorText("Classifier predictions (per patient, melanoma patients with >= 4 scored lesions)");
    if (app.predictions.loading > 0) ImGui::TextDisabled("Loading %d predictions file(s)...", app.predictions.loading);
    for (size_t k = 0; k < models.size(); ++k) {
        const LoadedPredictions& m = models[k];
        ImGui::PushID(static_cast<int>(k));
        ImGui::TextUnformatted(m.file.name.c_str());
        ImGui::SameLine();
        const bool remove = ImGui::SmallButton("Remove");
        ImGui::TextWrapped("%s", match_summary(m.file, m.match).c_str());
        column_picker(app, k);
        const EvalReport& r = m.eval;
        if (!m.match.labelled) {
            ImGui::TextDisabled("No labels: ranks and disagreements only; metrics need labelled lesions.");
        } else if (app.explorer.labels_hidden) {
            ImGui::TextDisabled("Labels are hidden (l).");
        } else if (r.patients == 0) {
            ImGui::TextDisabled("No patient with a melanoma and >= %d scored lesions.", kMinContextLesions);
        } else {
            ImGui::TextDisabled("%d patients (%d melanomas, %d lesions); %d bootstrap resamples of patients.", r.patients,
                                r.melanomas, r.lesions, r.bootstrap);
            draw_eval_table("pred_eval", r);
        }
        ImGui::PopID();
        if (remove) {
            remove_predictions(app, k);
            break;  // the list changed under the loop
        }
    }
}

}  // namespace duck::ui
