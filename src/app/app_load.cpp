// app_load.cpp - data loading. The shape is always: choose a source, fetch its
// metadata CSV(s) asynchronously, parse them with the dataset core, then
// set_dataset(); failures become problems the UI shows, never crashes.
#include "app/app_load.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include "app/app_index.h"
#include "app/app_predictions.h"
#include "app/app_share.h"
#include "core/data/csv.h"
#include "core/data/dataset_load.h"
#include "core/data/folder_scan.h"
#include "core/base/url_codec.h"
#include "core/data/validate.h"
#include "platform/platform.h"

namespace duck {

namespace {

// Metadata file names tried in order under a folder/URL base (the
// Kaggle name, then the ISIC archive's ground truth files, then an ISIC
// Archive metadata export, then ISIC 2024's training and test metadata).
constexpr const char* kMetadataNames[] = {"train.csv", "ISIC_2020_Training_GroundTruth_v2.csv",
                                          "ISIC_2020_Training_GroundTruth.csv", "metadata.csv",
                                          "train-metadata.csv", "test-metadata.csv"};
constexpr size_t kMetadataNameCount = sizeof(kMetadataNames) / sizeof(kMetadataNames[0]);

void finish(App& app) {
    --app.load.pending;
    if (app.load.pending <= 0) {
        app.load.pending = 0;
        app.load.stage.clear();
    }
    app.request_redraw();
}

// Parsing time per frame: the page keeps drawing (and showing progress) meanwhile.
// A slice lasts as long as the rest of the last loop iteration took (drawing), within
// these bounds: about half the time goes to parsing even when frames are slow (a
// busy machine, software GL), and a frame comes at least every ~2 slices.
constexpr double kParseSliceSeconds = 0.02;
constexpr double kParseSliceMaxSeconds = 0.25;
constexpr size_t kParseSliceRecords = 2048;  // records between clock checks

}  // namespace

void parse_later(App& app, uint64_t gen, platform::Bytes bytes, std::string where,
                 std::function<void(LoadResult)> done) {
    MetadataParse p{gen, std::move(where), std::make_unique<const platform::Bytes>(std::move(bytes)), nullptr,
                    std::move(done)};
    p.load = std::make_unique<CsvLoad>(as_text(*p.bytes), p.where);
    app.metadata.parses.push_back(std::move(p));
}

namespace {

// Fetches the metadata: `names[i]` under base, falling back to the next name on
// a failed fetch; the dataset core reports bad rows, good rows still load.
void fetch_metadata(App& app, uint64_t gen, std::vector<std::string> urls, size_t i, std::string first_error) {
    const std::string url = urls[i];
    platform::log_info("loading " + url);
    platform::fetch(url, [&app, gen, urls, i, first_error, url](Result<platform::Bytes> r) {
        if (!is_current_load(app, gen)) return finish(app);
        if (!r.ok()) {
            const std::string err = first_error.empty() ? r.error().message : first_error;
            if (i + 1 < urls.size()) {
                fetch_metadata(app, gen, urls, i + 1, err);
                return;
            }
            app.load.error = err;
            app.add_problem({Severity::Error, "fetch_failed", urls[0], err});
            platform::log_warn("cannot load " + urls[0] + ": " + err);
        } else {
            parse_later(app, gen, std::move(r.value()), url, [&app, gen](LoadResult lr) {
                if (is_current_load(app, gen)) {
                    if (lr.ok) {
                        app.set_dataset(std::move(lr.dataset), std::move(lr.problems));
                        load_source_index(app);  // a lesion index at the conventional name, if any
                    } else {
                        for (auto& p : lr.problems) app.add_problem(std::move(p));
                    }
                }
                finish(app);
            });
            return;
        }
        finish(app);
    });
}

}  // namespace

uint64_t begin_load(App& app) { return ++app.metadata.load_generation; }
bool is_current_load(const App& app, uint64_t generation) { return generation == app.metadata.load_generation; }

std::string_view as_text(const platform::Bytes& b) { return {reinterpret_cast<const char*>(b.data()), b.size()}; }

std::string join_path(const std::string& base, const std::string& name) {
    if (base.empty()) return name;
    if (base.back() == '/') return base + name;
    return base + "/" + name;
}

std::pair<std::string, std::string> split_data_location(const std::string& data) {
    const size_t q = data.find_first_of("?#");
    const std::string path = data.substr(0, q);
    if (path.size() > 4 && iequals(std::string_view(path).substr(path.size() - 4), ".csv")) {
        const size_t slash = path.find_last_of('/');
        return {data, slash == std::string::npos ? std::string() : path.substr(0, slash + 1)};
    }
    return {std::string(), data};
}

void load_source(App& app, DataSource source, const std::string& csv) {
    abandon_folder_open(app);  // the new source replaces whatever was being opened
    app.set_source(std::move(source));
    app.load.error.clear();
    app.load.stage = "metadata";
    ++app.load.pending;
    std::vector<std::string> urls;
    if (!csv.empty()) urls.push_back(csv);
    else for (size_t i = 0; i < kMetadataNameCount; ++i) urls.push_back(join_path(app.source.base, kMetadataNames[i]));
    fetch_metadata(app, begin_load(app), std::move(urls), 0, {});
}

bool pump_metadata(App& app) {
    MetadataQueue& q = app.metadata;
    const double t0 = platform::now_seconds();
    const double drawn = q.last_slice_end > 0 ? t0 - q.last_slice_end : 0;
    const double slice = std::clamp(drawn, kParseSliceSeconds, kParseSliceMaxSeconds);
    while (!q.parses.empty()) {
        MetadataParse& p = q.parses.front();
        const bool current = p.gen == q.load_generation;
        while (current && !p.load->step(kParseSliceRecords))
            if (platform::now_seconds() - t0 >= slice) {
                if (app.opening.active) {  // a folder's CSV (only the opening's parses are current then)
                    app.opening.csv_part = p.load->progress();
                    app.opening.csv_part_rows = p.load->records();
                } else {
                    const int pct = int(p.load->progress() * 100);
                    app.load.stage = "metadata (" + std::to_string(pct) + "% of " + p.where + ")";
                }
                app.request_redraw(1);
                q.last_slice_end = platform::now_seconds();
                return true;
            }
        MetadataParse finished = std::move(p);
        q.parses.pop_front();
        finished.done(current ? finished.load->take() : LoadResult{});
        if (platform::now_seconds() - t0 >= slice) break;
    }
    q.last_slice_end = q.parses.empty() ? 0 : platform::now_seconds();
    if (!q.parses.empty()) app.request_redraw(1);
    return !q.parses.empty();
}

void settle_loading(App& app) {
    // The last parse slice may queue requests of its own (a folder's predictions
    // files once its metadata is in): check for them again after it.
    while (platform::pending_fetches() > 0 || pump_metadata(app) || platform::pending_fetches() > 0) platform::poll();
}

namespace {

// The page's ?data= value when it is present but must not be fetched (javascript:,
// data:, //host, credentials, markup...): returns the reason, and the app then loads
// nothing at all - not even the demo - so a hostile link contacts nobody.
std::optional<std::string> refused_data_url() {
    auto p = query_param(platform::get_url_search(), "data");
    if (!p) return "?data= cannot be read: " + p.error().message;
    if (!p->found) return std::nullopt;
    const Status st = validate_data_url(p->value);
    if (!st.ok()) return st.message;
    return std::nullopt;
}

}  // namespace

void start_initial_load(App& app, platform::ImageIo& io, bool web) {
    // On the web, ?data= and the hash are a deep link: share_startup() validates
    // the source (http(s) or a relative path only) and keeps the view for later.
    const std::string data = web ? share_startup(app) : platform::startup_param("data");
    if (web) {
        if (auto why = refused_data_url()) {
            app.add_problem({Severity::Error, "bad_data_url", "?data=",
                             "The link's data source was refused and nothing was loaded: " + *why});
            app.load.error = "bad data source in the link: " + *why;
            app.set_source({SourceKind::None, "No data loaded (the link's data source was refused)", ""});
            return;
        }
        start_prediction_links(app);  // ?pred=: matched once the metadata is in
    }
    if (!data.empty() && !web) {
        // Natively --data is a folder (any ISIC layout) or a CSV file.
        auto folder = platform::scan_folder(io, data);
        if (folder.ok()) return load_folder(app, io, folder.value());
        // A CSV file: its folder is scanned for the images.
        const auto [csv, base] = split_data_location(data);
        if (auto dir = platform::scan_folder(io, base.empty() ? "." : base); dir.ok()) platform::use_folder(io, dir.value());
        load_source(app, {SourceKind::Folder, folder_label(base.empty() ? "." : base), base}, csv);
    } else if (!data.empty()) {
        const auto [csv, base] = split_data_location(data);
        load_source(app, {SourceKind::Url, data, base}, csv);
    } else if (web) {
        load_source(app, {SourceKind::Demo, "Synthetic demo data (not real patients)", "demo/"});
    } else {
        app.set_source({SourceKind::None, "No data loaded", ""});
    }
}

}  // namespace duck
