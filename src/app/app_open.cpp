// app_open.cpp - opening a folder: the page lists the tree (files seen),
// then the metadata CSVs are read (CSV rows) and merged. The new dataset, its
// source and its files replace the current ones in one step, when every CSV is
// in; until then App::opening shows the progress and Cancel / Esc stops it with
// the current dataset untouched (its images keep resolving from its own folder).
#include <memory>
#include <utility>

#include "app/app_index.h"
#include "app/app_load.h"
#include "app/app_predictions.h"
#include "core/data/dataset_load.h"
#include "core/data/folder_scan.h"
#include "core/data/validate.h"
#include "platform/platform.h"

namespace duck {

namespace {

constexpr const char* kOpeningPrefix = "Opening '";

std::string current_label(const App& app) {
    if (app.dataset.lesions.empty()) return "no dataset is loaded";
    return "still showing '" + app.source.label + "'";
}

// The merged CSVs become the dataset in use (or, when not one row is usable, the
// current dataset stays and the reasons are reported).
void commit(App& app, platform::ImageIo& io, const platform::FolderListing& folder, std::vector<LoadResult> parts) {
    Problems problems;
    std::vector<LoadResult> ok;
    for (auto& p : parts) {
        if (p.ok) ok.push_back(std::move(p));
        else for (auto& pr : p.problems) problems.push_back(std::move(pr));
    }
    Dataset ds = merge_all(std::move(ok), problems);
    check_folder_images(ds, folder.image_paths, problems);
    const size_t rows = app.opening.csv_rows;
    app.opening.active = false;  // the counts stay: state().opening shows the last opening
    app.opening.stage.clear();
    if (ds.lesions.empty()) {
        app.load.error = "the metadata CSVs of the folder '" + folder.label + "' have no usable rows";
        for (auto& p : problems) app.add_problem(std::move(p));
        app.status = "Cannot open '" + folder.label + "': no usable metadata rows; " + current_label(app);
        platform::log_warn(app.load.error);
        app.request_redraw();
        return;
    }
    platform::use_folder(io, folder);
    app.set_source({SourceKind::Folder, folder.label, folder.base});
    app.load.error.clear();
    if (app.status.rfind(kOpeningPrefix, 0) == 0 || app.status.rfind("Cannot open '", 0) == 0) app.status.clear();
    platform::log_info("opened " + folder.label + ": " + std::to_string(folder.files) + " files, " +
                       std::to_string(rows) + " CSV rows, " + std::to_string(ds.lesions.size()) + " lesions");
    app.set_dataset(std::move(ds), std::move(problems));
    load_folder_predictions(app, folder, true);  // out-of-fold / submission CSVs beside the metadata
    load_folder_index(app, folder);              // the folder's lesion index, checked against this dataset
}

}  // namespace

void note_folder_listing(App& app, const std::string& label, size_t files) {
    OpenState& op = app.opening;
    if (!op.active || op.stage != "listing" || op.label != label) {
        begin_load(app);  // a folder still being read is superseded by this one
        op = {};
        op.active = true;
        op.stage = "listing";
        op.label = label;
    }
    op.files = files;
    app.request_redraw(1);  // reports come every 250 ms: a frame each, not a continuous loop
}

void load_folder(App& app, platform::ImageIo& io, const platform::FolderListing& folder) {
    const auto csvs = pick_metadata_csvs(folder.csv_paths);
    if (csvs.empty() && !app.dataset.lesions.empty() && folder.csv_paths.empty() && !folder.index_paths.empty()) {
        // A lesion index dropped on its own: checked against the dataset in use.
        app.opening = {};
        load_folder_index(app, folder);
        app.request_redraw();
        return;
    }
    if (csvs.empty() && !app.dataset.lesions.empty() && !pick_prediction_csvs(folder.csv_paths).empty()) {
        // Predictions files dropped (or opened) on their own: they join the dataset in use.
        app.opening = {};
        load_folder_predictions(app, folder, false);
        app.request_redraw();
        return;
    }
    const uint64_t gen = begin_load(app);
    platform::log_info("folder " + folder.label + ": " + std::to_string(folder.files) + " files, " +
                       std::to_string(folder.images) + " images, " + std::to_string(csvs.size()) + " metadata CSV(s)");
    OpenState& op = app.opening;
    op = {};
    if (csvs.empty()) {
        platform::cancel_folder_open(io);  // its files are of no use
        app.load.error = "no metadata CSV (train.csv or ISIC_2020_Training_GroundTruth*.csv) in the folder '" +
                         folder.label + "'";
        app.add_problem({Severity::Error, "no_metadata", folder.label, app.load.error});
        app.status = "Cannot open '" + folder.label + "': no train.csv or ISIC ground-truth CSV in it; " +
                     current_label(app);
        app.request_redraw();
        return;
    }
    op.active = true;
    op.stage = "reading";
    op.label = folder.label;
    op.files = folder.files;
    op.csv_total = csvs.size();
    // Each CSV lands in its slot; the last one to arrive merges them in order.
    auto parts = std::make_shared<std::vector<LoadResult>>(csvs.size());
    auto left = std::make_shared<size_t>(csvs.size());
    auto listing = std::make_shared<platform::FolderListing>(folder);
    for (size_t i = 0; i < csvs.size(); ++i) {
        // Problems say "label/train.csv:17"; the page's paths already start with the
        // folder's name (webkitRelativePath, handle walks), a scanned folder's do not.
        const bool prefixed = csvs[i].rfind(folder.label + "/", 0) == 0;
        const std::string where = prefixed ? csvs[i] : folder.label + "/" + csvs[i];
        // A parsed (or unreadable) CSV lands in its slot; the last one commits them all.
        auto arrived = [&app, &io, gen, parts, left, listing, i](LoadResult lr) {
            if (!is_current_load(app, gen)) return;  // cancelled or superseded
            (*parts)[i] = std::move(lr);
            app.opening.csv_rows += (*parts)[i].records;
            app.opening.csv_part = 0;
            app.opening.csv_part_rows = 0;
            ++app.opening.csv_done;
            app.request_redraw();
            if (--*left == 0) commit(app, io, *listing, std::move(*parts));
        };
        platform::fetch(join_path(folder.base, csvs[i]), [&app, gen, where, arrived](Result<platform::Bytes> r) {
            if (!is_current_load(app, gen)) return;
            // Parsed a slice per frame: a million-row CSV must not freeze the page.
            if (r.ok()) return parse_later(app, gen, std::move(r.value()), where, arrived);
            LoadResult failed;
            failed.problems.push_back({Severity::Error, "fetch_failed", where, r.error().message});
            arrived(std::move(failed));
        });
    }
    app.request_redraw();
}

void cancel_folder_open(App& app, platform::ImageIo& io) {
    OpenState& op = app.opening;
    if (!op.active) return;
    begin_load(app);  // the CSV reads still in flight are dropped when they answer
    platform::cancel_folder_open(io);
    app.status = kOpeningPrefix + op.label + "' cancelled after " + std::to_string(op.files) + " files seen, " +
                 std::to_string(op.csv_rows) + " CSV rows read; " + current_label(app);
    platform::log_info(app.status);
    op.active = false;
    op.stage.clear();
    op.cancelled = true;
    app.request_redraw();
}

void abandon_folder_open(App& app) {
    if (!app.opening.active) return;
    app.opening = {};
    app.opening.abandon_requested = true;
}

void poll_opened_folder(App& app, platform::ImageIo& io) {
    if (app.opening.abandon_requested) {  // first: what the page still sends of it is forgotten
        app.opening.abandon_requested = false;
        platform::cancel_folder_open(io);
    }
    if (app.opening.cancel_requested) {
        app.opening.cancel_requested = false;
        cancel_folder_open(app, io);
    }
    platform::FolderProgress p;
    while (platform::take_folder_progress(io, p)) {
        note_folder_listing(app, p.label, p.files);
        if (!p.error.empty()) {  // the page could not list it: the current dataset stays
            app.opening = {};
            app.status = "Cannot open '" + p.label + "': " + p.error + "; " + current_label(app);
            platform::log_warn(app.status);
        }
    }
    platform::FolderListing f;
    while (platform::take_opened_folder(io, f)) load_folder(app, io, f);
}

void App::open_folder() {
    if (!platform::request_folder_picker())
        status = "The desktop app opens a folder from the command line: duckling --data DIR";
    request_redraw();
}

}  // namespace duck
