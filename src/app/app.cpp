// app.cpp - App intents: small state transitions that keep selection, mode and
// redraw requests consistent no matter which panel triggered them.
#include "app/app.h"

#include <utility>

#include "core/view/grid_layout.h"
#include "core/view/patient_list.h"

namespace duck {

namespace {
constexpr std::string_view kSourceNames[] = {"none", "demo", "url", "folder"};
}  // namespace

std::string_view source_kind_name(SourceKind k) { return kSourceNames[static_cast<int>(k)]; }

void App::select_patient(uint32_t patient) {
    const uint32_t was_patient = view.patient, was_lesion = view.lesion;
    if (patient >= dataset.patients.size()) {
        view.patient = kNone;
        view.lesion = kNone;
    } else if (view.patient != patient) {
        view.patient = patient;
        const auto& ls = dataset.patients[patient].lesions;
        view.lesion = ls.empty() ? kNone : ls.front();
    }
    if (view.patient != was_patient) ++patient_revision;
    if (view.patient != was_patient || view.lesion != was_lesion) view_changed();
    request_redraw();
}

void App::select_lesion(uint32_t lesion) {
    const uint32_t was_patient = view.patient, was_lesion = view.lesion;
    if (lesion >= dataset.lesions.size()) {
        view.lesion = kNone;
    } else {
        view.lesion = lesion;
        view.patient = dataset.lesions[lesion].patient;
    }
    if (view.patient != was_patient) ++patient_revision;
    if (view.patient != was_patient || view.lesion != was_lesion) view_changed();
    request_redraw();
}

void App::set_compare(uint32_t lesion) {
    if (lesion >= dataset.lesions.size()) lesion = kNone;
    if (explorer.compare_lesion == lesion) return;
    explorer.compare_lesion = lesion;
    if (view.mode == ViewMode::Compare) view_changed();  // only the compare view shows it
    request_redraw();
}

void App::view_changed() {
    ++view_revision;
    request_redraw();
}

void App::set_source(DataSource s) {
    // The same place again (a reload) keeps its images; the label alone is no new
    // source, but the link shows it (a folder's name), so it is a new view.
    if (s.kind != source.kind || s.base != source.base) ++source_generation;
    const bool shown = s.kind != source.kind || s.base != source.base || s.label != source.label;
    source = std::move(s);
    if (shown) view_changed();
    request_redraw();
}

void App::open_patient(uint32_t patient) {
    if (patient < dataset.patients.size() && patient != view.patient) {
        select_patient(patient);
        // What belonged to the previous patient: its body-map site filter, its
        // compare partner and the viewer's zoom/pan.
        explorer.grid_sites = 0;
        set_compare(kNone);
        explorer.view.fit = true;
    }
    if (view.mode == ViewMode::Overview) set_mode(ViewMode::Grid);
    request_redraw();
}

void App::step_patient(int delta) {
    const uint32_t next = duck::step_patient(explorer.patients, view.patient, delta);
    if (next == kNone || next == view.patient) return;
    open_patient(next);
}

void App::step_lesion(int delta) {
    const auto& st = explorer;
    const auto order = flatten(arrange_tiles(dataset, view.patient, st.tile_order, st.scores(), st.grid_sites));
    const uint32_t next = duck::step_patient(order, view.lesion, delta);  // same clamped stepping
    if (next == kNone || next == view.lesion) return;
    select_lesion(next);
    explorer.view.fit = true;
}

void App::open_lesion(uint32_t lesion) {
    if (lesion >= dataset.lesions.size()) return;
    open_patient(dataset.lesions[lesion].patient);  // another patient: that patient's resets
    if (view.lesion != lesion) {
        select_lesion(lesion);
        explorer.view.fit = true;
    }
    set_mode(ViewMode::Viewer);
}

void App::open_compare() {
    set_compare(kNone);  // the compare panel picks the partner for the lesion shown
    set_mode(ViewMode::Compare);
}

void App::cancel_opening() {
    opening.cancel_requested = true;  // taken by poll_opened_folder()
    request_redraw();
}

void App::cancel_images() {
    images.cancel_requested = true;  // taken by the image loader
    request_redraw();
}

void App::set_mode(ViewMode mode) {
    if (view.mode != mode) view_changed();
    view.mode = mode;
    request_redraw();
}

void App::set_dataset(Dataset ds, Problems found) {
    dataset = std::move(ds);
    problems = std::move(found);
    ++data_generation;
    image_status.clear();  // pending until the image loader starts over for the new generation
    model.reset(dataset);
    index = {};  // an index belongs to one dataset (app_index.cpp loads the new one's)
    explorer.set_scores({});
    // A new dataset's patient 0 is another patient than the old one's: one new
    // patient and view revision, whatever the indices were.
    view.patient = dataset.patients.empty() ? kNone : 0;
    const auto* first = dataset.patients.empty() ? nullptr : &dataset.patients.front().lesions;
    view.lesion = first && !first->empty() ? first->front() : kNone;
    ++patient_revision;
    view_changed();
}

void App::add_problem(Problem p) {
    problems.push_back(std::move(p));
    request_redraw();
}

void App::request_redraw(int frames) {
    if (frames > redraw_frames) redraw_frames = frames;
}

bool App::take_redraw() {
    if (redraw_frames <= 0) return false;
    --redraw_frames;
    return true;
}

}  // namespace duck
