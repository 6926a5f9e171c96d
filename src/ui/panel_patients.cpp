// panel_patients.cpp - the patient browser (left sidebar): search by patient id
// or image name, filters (sex, age, site, melanoma, lesion count, diagnosis), a
// sortable table (id, sex, age, lesions, melanomas, top score, and the top score
// of a loaded classifier predictions file, with its "disagreements" filter) with virtual
// scrolling, and a drag handle to resize the sidebar. Rows on screen are
// recorded as "patients/<id>" for the browser tests.
#include <cmath>
#include <cstdio>
#include <cstring>

#include "app/app_predictions.h"
#include "imgui_internal.h"  // ActivateItemByID, TableSetColumnSortDirection
#include "ui/explorer_widgets.h"

namespace duck::ui {

namespace {
const char* const kSexItems[] = {"Any sex", "Male", "Female", "Unknown sex"};
const char* const kLabelItems[] = {"Any label", "Has melanoma", "No melanoma", "Unlabelled"};

// Search field bound to filter.search, through the App's edit buffer (UiState::search_text).
bool search_box(App& app) {
    auto& buf = app.ui.search_text;
    auto& f = app.explorer.filter;
    if (f.search != buf.data()) std::snprintf(buf.data(), buf.size(), "%s", f.search.c_str());  // changed by a link
    ImGui::SetNextItemWidth(-FLT_MIN);
    const bool changed = ImGui::InputTextWithHint("##search", "Search patient id or image name", buf.data(), buf.size());
    record_item(app, "patients/search");
    if (app.ui.focus_search) {
        // '/' pressed: activate the text field directly. (SetKeyboardFocusHere goes
        // through a tabbing request that a window not yet focused ignores.)
        ImGui::ActivateItemByID(ImGui::GetItemID());
        app.ui.focus_search = false;
        app.request_redraw();
    }
    if (changed) f.search = buf.data();
    return changed;
}

bool filters(App& app) {
    auto& f = app.explorer.filter;
    const auto& ix = app.explorer.index();
    bool changed = false;
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
    int sex = static_cast<int>(f.sex);
    ImGui::SetNextItemWidth(half);
    if (ImGui::Combo("##sex", &sex, kSexItems, 4)) f.sex = static_cast<SexFilter>(sex), changed = true;
    ImGui::SameLine();
    int label = static_cast<int>(f.label);
    ImGui::SetNextItemWidth(half);
    ImGui::BeginDisabled(!app.dataset.has_labels);
    if (ImGui::Combo("##label", &label, kLabelItems, 4)) f.label = static_cast<LabelFilter>(label), changed = true;
    ImGui::EndDisabled();
    record_item(app, "patients/filter_label");

    int age[2] = {static_cast<int>(f.age_min), static_cast<int>(f.age_max)};
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::DragIntRange2("##age", &age[0], &age[1], 1.f, static_cast<int>(kAgeFilterMin), static_cast<int>(kAgeFilterMax),
                             "age %d", "to %d")) {
        f.age_min = static_cast<float>(age[0]), f.age_max = static_cast<float>(age[1]), changed = true;
    }
    const int max_l = std::max(1, ix.max_lesions());
    int les[2] = {std::max(0, f.lesions_min), f.lesions_max == INT_MAX ? max_l : f.lesions_max};
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::DragIntRange2("##lesions", &les[0], &les[1], 0.3f, 0, max_l, "%d lesions", "to %d")) {
        f.lesions_min = les[0];
        f.lesions_max = les[1] >= max_l ? INT_MAX : les[1];
        changed = true;
    }
    // Sites: one small toggle per site; any selected site must be present.
    ImGui::TextDisabled("Has a lesion on:");
    for (int s = 0; s < kSiteCount; ++s) {
        const std::string name(site_name(static_cast<Site>(s)));
        bool on = f.site_mask & (1u << s);
        if (s % 2) ImGui::SameLine(half + ImGui::GetStyle().ItemSpacing.x + ImGui::GetStyle().WindowPadding.x);
        if (ImGui::Checkbox(name.c_str(), &on)) {
            f.site_mask = static_cast<uint8_t>(on ? f.site_mask | (1u << s) : f.site_mask & ~(1u << s));
            changed = true;
        }
    }
    const auto& dx = ix.diagnoses();
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::BeginCombo("##diagnosis", f.diagnosis.empty() ? "Any diagnosis" : f.diagnosis.c_str())) {
        if (ImGui::Selectable("Any diagnosis", f.diagnosis.empty())) f.diagnosis.clear(), changed = true;
        for (const auto& d : dx)
            if (ImGui::Selectable(d.c_str(), f.diagnosis == d)) f.diagnosis = d, changed = true;
        ImGui::EndCombo();
    }
    if (f.active()) {
        if (ImGui::SmallButton("Clear filters")) f = PatientFilter{}, changed = true;
        record_item(app, "patients/clear_filters");
    }
    return changed;
}

// Classifier predictions files: which one the "Model" column shows and sorts by,
// and the filter keeping patients whose classifier top lesion is not the
// ugly-duckling one (among the patients the ugly-duckling model has scored).
bool prediction_options(App& app) {
    auto& st = app.explorer;
    const auto& models = app.predictions.models;
    bool changed = false;
    auto name = [&](int k) { return k >= 0 && k < int(models.size()) ? models[size_t(k)].file.name.c_str() : "off"; };
    ImGui::SetNextItemWidth(-FLT_MIN);
    if (ImGui::BeginCombo("##pred_column", (std::string("Model column: ") + name(std::max(0, app.ui.model_column))).c_str())) {
        for (int k = 0; k < int(models.size()); ++k)
            if (ImGui::Selectable(name(k), app.ui.model_column == k)) {
                app.ui.model_column = k;
                if (st.sort_model >= 0) st.sort_model = k, changed = true;
            }
        ImGui::EndCombo();
    }
    record_item(app, "patients/pred_column");
    bool dis = st.disagreement_model >= 0;
    if (ImGui::Checkbox("Disagreements only", &dis)) {
        st.disagreement_model = dis ? std::max(0, app.ui.model_column) : -1;
        changed = true;
    }
    record_item(app, "patients/disagreements");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Patients where %s's top lesion is not the ugly-duckling top lesion\n"
                          "(among patients the ugly-duckling model has scored so far).", name(std::max(0, app.ui.model_column)));
    return changed;
}

// The sort a table shows, as one int for ImGui's state storage: 0 = none yet,
// else 1 + 2 * column index + descending.
int sort_code(int column, bool descending) { return 1 + 2 * column + (descending ? 1 : 0); }

// The explorer's sort is the truth (a deep link sets it before the first frame);
// the table's header follows it. On its first frame the table reports its default
// sort (Patient, ascending) as if chosen: that is not the user's choice and must not
// overwrite a link's sort. Only a sort the table shows that differs from the one it
// showed the frame before (a header click) changes the explorer's sort.
void sort_from_table(App& app, bool model_col) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (!specs) return;
    auto& st = app.explorer;
    ImGuiStorage* store = ImGui::GetStateStorage();
    const ImGuiID shown_id = ImGui::GetID("patient_table_sort_shown");
    const int last = store->GetInt(shown_id, 0);
    int shown = 0;
    if (specs->SpecsCount > 0)
        shown = sort_code(specs->Specs[0].ColumnUserID, specs->Specs[0].SortDirection == ImGuiSortDirection_Descending);
    if (specs->SpecsDirty && last != 0 && shown != last && specs->SpecsCount > 0) {
        const auto id = specs->Specs[0].ColumnUserID;
        // The "Model" column (after the patient list's own columns) sorts by a predictions file.
        st.sort_model = id >= kPatientColumnCount ? std::max(0, app.ui.model_column) : -1;
        if (id < kPatientColumnCount) st.sort.column = static_cast<PatientColumn>(id);
        st.sort.descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
        st.invalidate();
    }
    specs->SpecsDirty = false;
    // Show the explorer's sort in the header (a link's, or the one just clicked).
    const int column = st.sort_model >= 0 && model_col ? kPatientColumnCount : static_cast<int>(st.sort.column);
    const int wanted = sort_code(column, st.sort.descending);
    if (wanted != shown) {
        ImGui::TableSetColumnSortDirection(column, st.sort.descending ? ImGuiSortDirection_Descending : ImGuiSortDirection_Ascending,
                                           false);
        app.request_redraw();  // the header's arrow moves on the next frame
    }
    store->SetInt(shown_id, wanted);
}

void table(App& app) {
    auto& st = app.explorer;
    const auto& ds = app.dataset;
    const Palette& pal = palette(app);
    const ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit;
    const bool model_col = !app.predictions.models.empty();
    const int model = std::clamp(app.ui.model_column, 0, std::max(0, int(app.predictions.models.size()) - 1));
    if (!ImGui::BeginTable("patient_table", kPatientColumnCount + (model_col ? 1 : 0), flags,
                           ImGui::GetContentRegionAvail()))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    // Fixed columns fit their header plus the sort arrow.
    auto w = [](const char* t) { return ImGui::CalcTextSize(t).x + ImGui::GetFontSize() + 4; };
    const auto desc = ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_PreferSortDescending;
    ImGui::TableSetupColumn("Patient", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_DefaultSort, 0, 0);
    ImGui::TableSetupColumn("Sex", ImGuiTableColumnFlags_WidthFixed, w("Sex"), 1);
    ImGui::TableSetupColumn("Age", ImGuiTableColumnFlags_WidthFixed, w("Age"), 2);
    ImGui::TableSetupColumn("Les.", desc, w("Les."), 3);
    ImGui::TableSetupColumn("Mel.", desc, w("Mel."), 4);
    ImGui::TableSetupColumn("Score", desc, w("Score"), 5);
    if (model_col) ImGui::TableSetupColumn("Model", desc, w("Model"), kPatientColumnCount);
    // The header row by hand (as TableHeadersRow does) to record each header (browser tests click them).
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < ImGui::TableGetColumnCount(); ++c) {
        if (!ImGui::TableSetColumnIndex(c)) continue;
        const char* name = ImGui::TableGetColumnName(c);
        ImGui::PushID(c);
        ImGui::TableHeader(name);
        ImGui::PopID();
        record_item(app, std::string("patients/header/") + name);
    }
    sort_from_table(app, model_col);

    // Keep the selected patient visible when it changed by keyboard (j/k) or link.
    int scroll_to = -1;
    if (app.patient_revision != app.ui.patient_list_revision) {
        for (size_t i = 0; i < st.patients.size(); ++i)
            if (st.patients[i] == app.view.patient) scroll_to = static_cast<int>(i);
        app.ui.patient_list_revision = app.patient_revision;
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(st.patients.size()));
    if (scroll_to >= 0) clipper.IncludeItemByIndex(scroll_to);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const uint32_t p = st.patients[i];
            const PatientRow& r = st.index().row(p);
            const Patient& pat = ds.patients[p];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(static_cast<int>(p));
            const bool sel = app.view.patient == p;
            if (ImGui::Selectable(pat.id.c_str(), sel, ImGuiSelectableFlags_SpanAllColumns)) {
                app.open_patient(p);
                app.ui.patient_list_revision = app.patient_revision;  // clicked: already in view
            }
            record_item(app, "patients/" + pat.id);
            if (i == scroll_to) ImGui::SetScrollHereY(0.4f);
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.sex == Sex::Male ? "M" : r.sex == Sex::Female ? "F" : "-");
            ImGui::TableNextColumn();
            if (std::isnan(r.age))
                ImGui::TextDisabled("-");
            else
                ImGui::Text("%.0f", r.age);
            ImGui::TableNextColumn();
            ImGui::Text("%d", r.lesions);
            ImGui::TableNextColumn();
            if (!r.labelled || st.labels_hidden)
                ImGui::TextDisabled("-");
            else if (r.melanomas > 0)
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(pal.melanoma), "%d", r.melanomas);
            else
                ImGui::TextUnformatted("0");
            ImGui::TableNextColumn();
            if (std::isnan(r.top_score))
                ImGui::TextDisabled("-");
            else
                ImGui::Text("%.2f", r.top_score);
            if (model_col) {
                ImGui::TableNextColumn();
                const float t = st.prediction_top(model, p);
                if (std::isnan(t))
                    ImGui::TextDisabled("-");
                else
                    ImGui::Text("%.3f", t);
            }
        }
    }
    ImGui::EndTable();
}

// A 6-pixel handle on the sidebar's right edge: drag to resize (remembered).
void splitter(App& app, const Layout& l) {
    ImGui::SetCursorScreenPos(ImVec2(l.sidebar_pos.x + l.sidebar_size.x - 6, l.sidebar_pos.y));
    ImGui::InvisibleButton("##sidebar_splitter", ImVec2(6, l.sidebar_size.y));
    if (ImGui::IsItemHovered() || ImGui::IsItemActive()) ImGui::SetMouseCursor(ImGuiMouseCursor_ResizeEW);
    if (ImGui::IsItemActive()) {
        app.ui.sidebar_width += ImGui::GetIO().MouseDelta.x;
        app.request_redraw();
    }
    const ImU32 c = ImGui::IsItemActive() || ImGui::IsItemHovered() ? palette(app).accent : ImGui::GetColorU32(ImGuiCol_Separator);
    ImGui::GetWindowDrawList()->AddLine(ImVec2(l.sidebar_pos.x + l.sidebar_size.x - 1, l.sidebar_pos.y),
                                        ImVec2(l.sidebar_pos.x + l.sidebar_size.x - 1, l.sidebar_pos.y + l.sidebar_size.y), c);
}
}  // namespace

void draw_patients_panel(App& app, UiContext& ctx) {
    const auto& l = ctx.layout;
    auto& st = app.explorer;
    if (begin_area("Patients", l.sidebar_pos, l.sidebar_size, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar)) {
        if (app.dataset.patients.empty()) {
            ImGui::TextDisabled(app.load.pending > 0 || app.opening.active ? "Loading..." : "No patients loaded.");
            ImGui::TextWrapped("Open the synthetic demo data from the Data menu, or load ISIC metadata.");
        } else {
            ImGui::Text("Patients");
            ImGui::SameLine();
            ImGui::TextDisabled("%zu of %zu", st.patients.size(), app.dataset.patients.size());
            bool changed = search_box(app);
            const bool open = ImGui::CollapsingHeader(st.filter.active() ? "Filters (active)###filters" : "Filters###filters");
            record_item(app, "patients/filters");
            if (open) changed |= filters(app);
            if (!app.predictions.models.empty()) changed |= prediction_options(app);
            if (changed) {
                st.invalidate();
                st.refresh(app.dataset, app.data_generation);
                app.request_redraw();
            }
            if (st.patients.empty())
                ImGui::TextDisabled("No patient matches these filters.");
            else
                table(app);
        }
        splitter(app, l);
    }
    ImGui::End();
}

}  // namespace duck::ui
