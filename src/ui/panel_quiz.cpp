// panel_quiz.cpp - "Find the ugly duckling". Setup (random set from the
// current filters with a seed, or the curated set from a #quiz= link), then one
// patient per case with labels, diagnoses and scores hidden: the resident picks up
// to three lesions to biopsy (most suspicious first) or answers "none", then sees
// the truth, the model's ranking and how the two compare; a summary at the end.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/app_model.h"
#include "app/app_share.h"
#include "app/texture_keys.h"
#include "core/teach/quiz.h"
#include "ui/ui.h"

namespace duck::ui {

namespace {

// Colours of the quiz tiles (the same in light and dark themes: they carry meaning).
struct QuizColours {
    ImU32 tile_bg = IM_COL32(60, 64, 72, 255), selection = IM_COL32(40, 140, 255, 255),
          melanoma = IM_COL32(220, 50, 50, 255), badge = IM_COL32(20, 20, 24, 220), text = IM_COL32(240, 240, 240, 255),
          hover = IM_COL32(255, 200, 60, 255);
};

// The lesion's thumbnail (or full image) if the image pipeline has put it on the GPU.
platform::TextureId lesion_texture(UiContext& ctx, const Lesion& l) {
    if (platform::TextureId t = ctx.textures.find(thumb_key(l.image_name))) return t;
    return ctx.textures.find(full_key(l.image_name));
}

void draw_setup(App& app, UiContext& ctx) {
    ShareState& sh = app.share;
    ImGui::TextUnformatted("Find the ugly duckling");
    ImGui::Separator();
    ImGui::TextWrapped("Each case is one patient. Labels, diagnoses and model scores are hidden. Pick the lesion(s) "
                       "you would biopsy, most suspicious first, or answer that none needs a biopsy. Then see the "
                       "truth and the model's ranking.");
    ImGui::Spacing();
    if (!app.dataset.has_labels) {
        ImGui::TextColored(ImVec4(1, 0.6f, 0.2f, 1), "The loaded data has no labels: a quiz needs train.csv labels.");
        return;
    }
    if (!sh.quiz_link_cases.empty()) {
        char label[96];
        std::snprintf(label, sizeof label, "Start the linked quiz (%zu cases)", sh.quiz_link_cases.size());
        if (ImGui::Button(label)) start_link_quiz(app);
        record_item(app, "quiz/start_link");
        ImGui::Spacing();
    }
    ImGui::TextUnformatted("Random cases from the current patient list:");
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("Cases", &sh.quiz_options.count);
    sh.quiz_options.count = std::clamp(sh.quiz_options.count, 1, kLinkMaxQuizCount);
    ImGui::SetNextItemWidth(120);
    ImGui::InputScalar("Seed", ImGuiDataType_U32, &sh.quiz_options.seed);
    ImGui::Checkbox("Include patients without melanoma (right answer: none)", &sh.quiz_options.include_none);
    char label[96];
    std::snprintf(label, sizeof label, "Start random quiz (%zu patients listed)", app.explorer.patients.size());
    if (ImGui::Button(label)) start_random_quiz(app);
    record_item(app, "quiz/start_random");
    if (!sh.quiz_error.empty()) ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", sh.quiz_error.c_str());
    for (const auto& n : sh.quiz_notes) ImGui::TextDisabled("%s", n.c_str());
    (void)ctx;
}

void draw_score_line(const QuizSummary& s) {
    ImGui::Text("Correct %d of %d", s.correct, s.cases);
    ImGui::SameLine();
    ImGui::TextDisabled("| melanomas found %d of %d", s.hits, s.melanoma_cases);
    if (s.hits > 0) {
        ImGui::SameLine();
        ImGui::TextDisabled("| mean rank among your picks %.2f", s.mean_rank_in_picks);
    }
    if (s.none_cases > 0) {
        ImGui::SameLine();
        ImGui::TextDisabled("| 'none' right %d of %d", s.none_correct, s.none_cases);
    }
}

void draw_summary(App& app, UiContext& ctx) {
    ShareState& sh = app.share;
    const QuizSummary s = sh.quiz.summary();
    ImGui::TextUnformatted("Quiz finished");
    ImGui::Separator();
    draw_score_line(s);
    if (s.model_scored > 0)
        ImGui::Text("The model (same number of picks) found %d of %d melanomas; its mean rank for them: %.2f",
                    s.model_correct, s.model_scored, s.mean_model_rank);
    else
        ImGui::TextDisabled("No model scores were available for these patients.");
    ImGui::Spacing();
    if (ImGui::BeginTable("##quiz_summary", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders)) {
        ImGui::TableSetupColumn("Case");
        ImGui::TableSetupColumn("Patient");
        ImGui::TableSetupColumn("Answer");
        ImGui::TableSetupColumn("Rank in picks");
        ImGui::TableSetupColumn("Model rank");
        ImGui::TableHeadersRow();
        int i = 0;
        for (const auto& r : sh.quiz.results()) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%d", ++i);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(app.dataset.patients[r.patient].id.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.correct ? "correct" : (r.melanoma_case ? "missed" : "false alarm"));
            ImGui::TableNextColumn();
            if (r.rank_in_picks) ImGui::Text("%d", r.rank_in_picks); else ImGui::TextDisabled("-");
            ImGui::TableNextColumn();
            if (r.model_rank) ImGui::Text("%d of %d", r.model_rank, r.lesion_count); else ImGui::TextDisabled("-");
        }
        ImGui::EndTable();
    }
    if (ImGui::Button("Download results (CSV)")) export_quiz_csv(app);
    record_item(app, "quiz/export");
    ImGui::SameLine();
    if (ImGui::Button("Copy link to this case set")) copy_link(app, ctx.time);
    record_item(app, "quiz/copy_link");
    ImGui::SameLine();
    if (ImGui::Button("End quiz")) end_quiz(app);
    record_item(app, "quiz/end");
}

// One lesion tile: image (labels hidden), pick number, and after reveal the truth
// (red frame + "melanoma") and the model's rank.
void draw_tile(App& app, UiContext& ctx, uint32_t li, int index, float size, const std::vector<uint32_t>& order,
               const QuizCaseResult* result) {
    const QuizColours pal;
    const Quiz& q = app.share.quiz;
    const Lesion& l = app.dataset.lesions[li];
    ImGui::PushID(static_cast<int>(li));
    const ImVec2 a = ImGui::GetCursorScreenPos(), b(a.x + size, a.y + size);
    if (ImGui::InvisibleButton("##tile", ImVec2(size, size)) && !q.revealed()) app.share.quiz.toggle_pick(li);
    record_item(app, "quiz/tile/" + std::to_string(index));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(a, b, pal.tile_bg, 4.0f);
    if (platform::TextureId tex = lesion_texture(ctx, l)) {
        const ImVec2 ts = ctx.textures.size(tex);
        const float s = std::min(size / std::max(1.0f, ts.x), size / std::max(1.0f, ts.y));
        const ImVec2 d(ts.x * s, ts.y * s), o(a.x + (size - d.x) / 2, a.y + (size - d.y) / 2);
        dl->AddImage(platform::imgui_texture(tex), o, ImVec2(o.x + d.x, o.y + d.y));
    } else {
        const char* wait = "image loading";
        const ImVec2 ts = ImGui::CalcTextSize(wait);
        dl->AddText(ImVec2(a.x + (size - ts.x) / 2, a.y + (size - ts.y) / 2), IM_COL32(170, 170, 170, 255), wait);
    }
    const auto& picks = result ? result->picks : q.picks();
    const auto pick = std::find(picks.begin(), picks.end(), li);
    if (pick != picks.end()) {
        dl->AddRect(a, b, pal.selection, 4.0f, 0, 4.0f);
        char n[16];
        std::snprintf(n, sizeof n, "%d", static_cast<int>(pick - picks.begin()) + 1);
        dl->AddCircleFilled(ImVec2(a.x + 14, a.y + 14), 11, pal.selection);
        dl->AddText(ImVec2(a.x + 10, a.y + 7), IM_COL32_WHITE, n);
    }
    if (result) {
        const bool mel = std::find(result->melanomas.begin(), result->melanomas.end(), li) != result->melanomas.end();
        if (mel) {
            dl->AddRect(ImVec2(a.x - 3, a.y - 3), ImVec2(b.x + 3, b.y + 3), pal.melanoma, 4.0f, 0, 3.0f);
            dl->AddRectFilled(ImVec2(a.x, b.y - 20), b, pal.melanoma);
            dl->AddText(ImVec2(a.x + 4, b.y - 18), IM_COL32_WHITE, "melanoma");
        }
        const auto it = std::find(order.begin(), order.end(), li);
        const auto scores = app.explorer.scores();
        if (it != order.end() && li < scores.size() && std::isfinite(scores[li])) {
            char r[32];
            std::snprintf(r, sizeof r, "model #%d", static_cast<int>(it - order.begin()) + 1);
            const ImVec2 ts = ImGui::CalcTextSize(r);
            dl->AddRectFilled(ImVec2(b.x - ts.x - 8, a.y), ImVec2(b.x, a.y + ts.y + 4), pal.badge);
            dl->AddText(ImVec2(b.x - ts.x - 4, a.y + 2), pal.text, r);
        }
    }
    if (ImGui::IsItemHovered()) dl->AddRect(a, b, pal.hover, 4.0f, 0, 2.0f);
    ImGui::PopID();
}

void draw_case(App& app, UiContext& ctx) {
    ShareState& sh = app.share;
    Quiz& q = sh.quiz;
    const Dataset& ds = app.dataset;
    const uint32_t p = q.current_patient();
    const Patient& pt = ds.patients[p];
    ImGui::Text("Case %zu of %zu   patient %s   %zu lesions", q.current_index() + 1, q.case_count(), pt.id.c_str(),
                pt.lesions.size());
    draw_score_line(q.summary());
    ImGui::Separator();
    const QuizCaseResult* result = q.revealed() ? &q.results().back() : nullptr;
    if (!result)
        ImGui::TextWrapped("Pick up to %d lesions you would biopsy, most suspicious first (click again to unpick), "
                           "or answer that none needs a biopsy.", q.max_picks());
    const std::vector<uint32_t> order = model_order(ds, p, app.explorer.scores());

    // Buttons first so they stay visible above a long grid.
    if (!result) {
        const bool none = q.picks().empty();
        if (ImGui::Button(none ? "None needs a biopsy" : "Biopsy my picks - reveal")) q.reveal();
        record_item(app, "quiz/reveal");
        if (!none) {
            ImGui::SameLine();
            if (ImGui::Button("Clear picks")) q.clear_picks();
        }
    } else {
        if (result->melanoma_case) {
            if (result->hits > 0)
                ImGui::TextColored(ImVec4(0.4f, 0.9f, 0.5f, 1), "Found: the melanoma was your pick #%d.", result->rank_in_picks);
            else
                ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "Missed: the melanoma (red frame) was not among your picks.");
        } else {
            ImGui::TextColored(result->correct ? ImVec4(0.4f, 0.9f, 0.5f, 1) : ImVec4(1, 0.5f, 0.4f, 1), "%s",
                               result->correct ? "Right: this patient has no melanoma."
                                               : "This patient has no melanoma: no biopsy was needed.");
        }
        if (result->model_top != kNone) {
            if (result->melanoma_case)
                ImGui::Text("The model ranked the melanoma #%d of %d lesions; its top pick was %s.", result->model_rank,
                            result->lesion_count, ds.lesions[result->model_top].image_name.c_str());
            else
                ImGui::Text("The model's most outstanding lesion was %s.", ds.lesions[result->model_top].image_name.c_str());
            // Its reasons, in the words the viewer uses, wrapped at the panel edge.
            auto reasons = [&](const char* title, uint32_t li) {
                ImGui::TextDisabled("%s %s - %s", title, ds.lesions[li].image_name.c_str(), model_summary(app, li).c_str());
                for (const auto& line : model_explanation(app, li)) {
                    ImGui::Bullet();
                    ImGui::TextWrapped("%s", line.c_str());
                }
            };
            reasons("Model's top pick:", result->model_top);
            for (uint32_t mel : result->melanomas)
                if (mel != result->model_top) reasons("Melanoma:", mel);
        } else {
            ImGui::TextDisabled("No model scores for this patient yet.");
        }
        if (ImGui::Button(q.current_index() + 1 < q.case_count() ? "Next case" : "See the summary")) quiz_next(app);
        record_item(app, "quiz/next");
    }
    ImGui::Spacing();

    const float avail = ImGui::GetContentRegionAvail().x;
    const float size = std::clamp(app.explorer.tile_size, 96.0f, 220.0f);
    const int cols = std::max(1, static_cast<int>((avail + 8) / (size + 8)));
    ImGui::BeginChild("##quiz_grid", ImVec2(0, 0), false);
    int i = 0;
    for (uint32_t li : pt.lesions) {
        if (i % cols != 0) ImGui::SameLine(0, 8);
        draw_tile(app, ctx, li, i, size, order, result);
        ++i;
    }
    ImGui::EndChild();
}

}  // namespace

void draw_quiz_panel(App& app, UiContext& ctx) {
    const Layout& l = ctx.layout;
    if (begin_area("##quiz", l.main_pos, l.main_size)) {
        const Quiz& q = app.share.quiz;
        if (!q.active()) draw_setup(app, ctx);
        else if (q.finished()) draw_summary(app, ctx);
        else draw_case(app, ctx);
    }
    ImGui::End();
}

}  // namespace duck::ui
