// panel_patients.cpp - the patient list (left sidebar). Placeholder for the
// explorer (issue 7): ids with lesion counts, click to select. Rows on screen
// are recorded as "patients/<id>" for the browser tests.
#include <cstdio>

#include "ui/ui.h"

namespace duck::ui {

void draw_patients_panel(App& app, UiContext& ctx) {
    const auto& l = ctx.layout;
    if (begin_area("Patients", l.sidebar_pos, l.sidebar_size)) {
        const auto& patients = app.dataset.patients;
        if (patients.empty()) {
            ImGui::TextDisabled(app.load.pending > 0 ? "Loading..." : "No patients loaded.");
        } else {
            ImGui::Text("%zu patients", patients.size());
            ImGui::Separator();
            ImGui::BeginChild("patient_rows");
            ImGuiListClipper clipper;
            clipper.Begin(static_cast<int>(patients.size()));
            while (clipper.Step()) {
                for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                    const auto& p = patients[i];
                    char label[96];
                    std::snprintf(label, sizeof label, "%s  (%zu)", p.id.c_str(), p.lesions.size());
                    ImGui::PushID(i);
                    if (ImGui::Selectable(label, app.view.patient == uint32_t(i))) app.select_patient(uint32_t(i));
                    record_item(app, "patients/" + p.id);
                    ImGui::PopID();
                }
            }
            ImGui::EndChild();
        }
    }
    ImGui::End();
}

}  // namespace duck::ui
