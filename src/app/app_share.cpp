// app_share.cpp - deep links in the running app: the view <-> ViewState mapping,
// start-up and back/forward handling, the URL writer and "Copy link". Every message
// here is plain text for ImGui (never HTML), built from validated ids only.
#include "app/app_share.h"

#include "app/app.h"
#include "app/app_load.h"
#include "core/view/explorer_link.h"
#include "platform/platform.h"

namespace duck {

namespace {

bool lesion_modes(ViewMode m) { return m == ViewMode::Viewer || m == ViewMode::Compare; }

void note_message(App& app, std::string m) {
    platform::log_warn(m);
    for (const auto& old : app.share.messages)
        if (old == m) return;
    app.share.messages.push_back(std::move(m));
    app.request_redraw();
}

// Writes the URL for the current view without adding history (after applying a link).
void settle_url(App& app) {
    const ViewState now = capture_view_state(app);
    const std::string link = encode_link(now);
    if (link != encode_link(app.share.url_sync.written())) platform::replace_url(link);
    app.share.url_sync.reset(now, app.view_revision);
}

bool dataset_ready(const App& app) {
    return app.load.pending == 0 && !app.opening.active && !app.dataset.patients.empty();
}

}  // namespace

ViewState capture_view_state(const App& app) {
    ViewState s;
    const ShareState& sh = app.share;
    const ExplorerState& ex = app.explorer;
    const Dataset& ds = app.dataset;
    if (app.source.kind == SourceKind::Url) {
        s.data_url = app.source.base;
        s.pred_urls = app.predictions.link_urls;  // ?pred= files stay in the link
    }
    if (app.source.kind == SourceKind::Folder) s.local_folder = app.source.label;
    if (app.view.patient < ds.patients.size()) s.patient = ds.patients[app.view.patient].id;
    if (app.view.lesion < ds.lesions.size()) s.lesion = ds.lesions[app.view.lesion].image_name;
    s.mode = app.view.mode;
    if (s.mode == ViewMode::Compare && ex.compare_lesion < ds.lesions.size())
        s.compare_lesion = ds.lesions[ex.compare_lesion].image_name;
    if (ex.sort.column != PatientColumn::Id || ex.sort.descending) {
        s.sort_key = patient_column_name(ex.sort.column);
        s.sort_descending = ex.sort.descending;
    }
    s.filters = to_link_filters(ex.filter);
    if (ex.tile_order != TileOrder::File) s.tile_order = tile_order_name(ex.tile_order);
    s.grid_sites = ex.grid_sites;
    s.labels_hidden = sh.quiz.active() ? sh.labels_were_hidden : ex.labels_hidden;
    if (sh.zoom_pending) {
        s.zoom = sh.pending_zoom.zoom;  // keep the link's zoom until the image is there
        s.pan_x = sh.pending_zoom.pan_x;
        s.pan_y = sh.pending_zoom.pan_y;
    } else if (lesion_modes(s.mode) && ex.image_w > 0 && ex.viewport_w > 0) {
        link_zoom_pan_from_view(s, ex.view, ex.image_w, ex.image_h, ex.viewport_w, ex.viewport_h);
    }
    if (sh.quiz.active()) {
        for (uint32_t p : sh.quiz.cases()) s.quiz_cases.push_back(ds.patients[p].id);
        const size_t last = sh.quiz.case_count() - 1;
        s.quiz_case = static_cast<int>(std::min(sh.quiz.current_index(), last));
    }
    return s;
}

void apply_view_state(App& app, const ViewState& s) {
    ShareState& sh = app.share;
    ExplorerState& ex = app.explorer;
    const Dataset& ds = app.dataset;

    ex.filter = from_link_filters(s.filters);
    ex.sort = {};
    if (!s.sort_key.empty() && !parse_patient_column(s.sort_key, ex.sort.column))
        note_message(app, "Unknown sort column '" + s.sort_key + "' in the link; sorting by id.");
    ex.sort.descending = !s.sort_key.empty() && s.sort_descending;
    ex.tile_order = TileOrder::File;
    if (!s.tile_order.empty() && !parse_tile_order(s.tile_order, ex.tile_order))
        note_message(app, "Unknown tile order '" + s.tile_order + "' in the link.");
    ex.grid_sites = s.grid_sites;
    ex.labels_hidden = s.labels_hidden;
    ex.invalidate();

    // A quiz link: the quiz decides the patient.
    if (!s.quiz_cases.empty()) {
        const bool same = sh.quiz.active() && capture_view_state(app).quiz_cases == s.quiz_cases;
        if (!same) {
            sh.quiz_link_cases = s.quiz_cases;
            start_link_quiz(app);
        }
        app.set_mode(ViewMode::Quiz);
        return;
    }
    if (s.mode == ViewMode::Quiz) {
        if (s.quiz_seed) sh.quiz_options.seed = s.quiz_seed;
        if (s.quiz_count) sh.quiz_options.count = s.quiz_count;
        sh.quiz_options.include_none = s.quiz_include_none;
        app.set_mode(ViewMode::Quiz);
        return;
    }
    if (sh.quiz.active()) end_quiz(app);

    const ResolvedLink r = resolve_link(s, ds);
    for (const auto& m : r.messages) note_message(app, m);
    if (r.fallback_to_list) {
        app.select_patient(kNone);
        app.set_mode(ViewMode::Grid);
        return;
    }
    if (r.patient != kNone) app.select_patient(r.patient);
    else if (s.patient.empty() && s.lesion.empty()) app.select_patient(kNone);
    if (r.lesion != kNone) app.select_lesion(r.lesion);
    ViewMode mode = s.mode;
    if (lesion_modes(mode) && app.view.lesion == kNone) mode = ViewMode::Grid;
    app.set_compare(r.compare);
    if (mode == ViewMode::Compare && r.compare == kNone) mode = ViewMode::Viewer;
    app.set_mode(mode);
    sh.zoom_pending = lesion_modes(mode) && s.zoom > 0.0f;
    sh.pending_zoom = s;
    if (!sh.zoom_pending) ex.view.fit = true;
}

std::string share_startup(App& app) {
    ShareState& sh = app.share;
    auto data = decode_query(platform::get_url_search());
    std::string data_url;
    if (!data) note_message(app, "The link's data source was refused: " + data.error().message);
    else data_url = data.value();

    std::vector<std::string> notes;
    auto s = decode_hash(platform::get_url_hash(), &notes);
    sh.notes = notes;
    if (!s) {
        note_message(app, "This link could not be opened (" + s.error().message + "). Showing the patient list.");
        return data_url;
    }
    sh.pending = s.value();
    sh.pending.data_url = data_url;
    sh.link_pending = encode_hash(s.value()) != "";
    if (!sh.pending.local_folder.empty() && data_url.empty()) {
        sh.local_folder = sh.pending.local_folder;
        sh.local_folder_message = "This link shows a view of a dataset opened from a local folder ('" + sh.local_folder +
                                  "'). Open your copy of that dataset (Data > Open folder) and Duckling will jump to the view.";
        note_message(app, sh.local_folder_message);
    }
    return data_url;
}

void share_viewer_ready(App& app, float img_w, float img_h, float view_w, float view_h) {
    ShareState& sh = app.share;
    if (!sh.zoom_pending || !(img_w > 0) || !(view_w > 0)) return;
    app.explorer.view = image_view_from_link(sh.pending_zoom, img_w, img_h, view_w, view_h);
    sh.zoom_pending = false;
    app.request_redraw();
}

void share_tick(App& app, double now) {
    ShareState& sh = app.share;
    if (sh.link_pending && dataset_ready(app)) {
        const bool needs_folder = !sh.pending.local_folder.empty() && sh.pending.data_url.empty();
        if (!needs_folder || app.source.kind == SourceKind::Folder) {
            sh.link_pending = false;
            std::erase(sh.messages, sh.local_folder_message);  // the request to open the folder is answered
            sh.local_folder_message.clear();
            sh.local_folder.clear();
            sh.url_sync.reset(sh.pending, app.view_revision);  // the URL shows the link already
            apply_view_state(app, sh.pending);
            settle_url(app);
            sh.url_live = true;
        }
    }
    if (!sh.url_live && !sh.link_pending && dataset_ready(app)) {
        settle_url(app);
        sh.url_live = true;
    }
    std::string search, hash;
    if (platform::take_url_change(search, hash)) {
        std::vector<std::string> notes;
        auto s = decode_link(search, hash, &notes);
        if (!s) {
            note_message(app, "This link could not be opened (" + s.error().message + "). Showing the patient list.");
            app.select_patient(kNone);
            app.set_mode(ViewMode::Grid);
        } else if (s->data_url != capture_view_state(app).data_url && !s->data_url.empty()) {
            const auto [csv, base] = split_data_location(s->data_url);
            load_source(app, {SourceKind::Url, s->data_url, base}, csv);
            sh.pending = s.value();
            sh.link_pending = true;
            sh.url_live = false;
            return;
        } else {
            sh.url_sync.reset(s.value(), app.view_revision);
            apply_view_state(app, s.value());
        }
        settle_url(app);
        app.request_redraw();
        return;
    }
    if (!sh.url_live) return;
    // The intents decide push or replace: a new view revision is a navigation.
    const UrlSync::Update u = sh.url_sync.update(capture_view_state(app), app.view_revision, now);
    if (!u.flush.empty()) platform::replace_url(u.flush);
    if (u.op == HistoryOp::Push) platform::push_url(u.link);
    if (u.op == HistoryOp::Replace) platform::replace_url(u.link);
    if (sh.url_sync.pending()) app.request_redraw(1);  // keep frames coming until the debounce fires
}

std::string current_link(const App& app) { return platform::page_base_url() + encode_link(capture_view_state(app)); }

namespace {
void copy_text_link(App& app, std::string link, double now) {
    app.share.last_link = std::move(link);
    app.share.copied_at = now;
    platform::set_clipboard(app.share.last_link);
    app.request_redraw();
}
}  // namespace

void copy_link(App& app, double now) { copy_text_link(app, current_link(app), now); }

std::string lesion_link(const App& app, uint32_t lesion) {
    const Dataset& ds = app.dataset;
    if (lesion >= ds.lesions.size()) return current_link(app);
    ViewState s = capture_view_state(app);
    s.patient = ds.patients[ds.lesions[lesion].patient].id;
    s.lesion = ds.lesions[lesion].image_name;
    s.mode = ViewMode::Viewer;
    s.compare_lesion.clear();
    s.grid_sites = 0;
    s.zoom = s.pan_x = s.pan_y = 0.0f;
    s.quiz_cases.clear();
    s.quiz_case = 0;
    return platform::page_base_url() + encode_link(s);
}

void copy_lesion_link(App& app, uint32_t lesion, double now) { copy_text_link(app, lesion_link(app, lesion), now); }

}  // namespace duck
