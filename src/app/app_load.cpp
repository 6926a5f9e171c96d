// app_load.cpp - start-up data loading. The shape is always: choose a source,
// fetch its metadata CSV asynchronously, parse it with the dataset core, then
// set_dataset(); failures become problems the UI shows, never crashes.
#include "app/app_load.h"

#include <string_view>
#include <utility>

#include "app/app_share.h"
#include "core/dataset_load.h"
#include "platform/platform.h"

namespace duck {

namespace {

// Metadata file names tried in order under a source's base.
constexpr const char* kMetadataNames[] = {"train.csv"};

// The dataset core's loader: bad rows become problems, good rows still load.
bool parse_metadata(std::string_view text, const std::string& where, Dataset& out, Problems& problems) {
    LoadResult r = load_csv(text, where);
    out = std::move(r.dataset);
    problems = std::move(r.problems);
    return r.ok;
}

void finish(App& app) {
    --app.load.pending;
    if (app.load.pending <= 0) {
        app.load.pending = 0;
        app.load.stage.clear();
    }
    app.request_redraw();
}

}  // namespace

std::string join_path(const std::string& base, const std::string& name) {
    if (base.empty()) return name;
    if (base.back() == '/') return base + name;
    return base + "/" + name;
}

void load_source(App& app, DataSource source) {
    app.source = std::move(source);
    app.load.error.clear();
    app.load.stage = "metadata";
    ++app.load.pending;
    const std::string url = join_path(app.source.base, kMetadataNames[0]);
    platform::log_info("loading " + url);
    platform::fetch(url, [&app, url](Result<platform::Bytes> r) {
        if (!r.ok()) {
            app.load.error = r.error().message;
            app.add_problem({Severity::Error, "fetch_failed", url, r.error().message});
            platform::log_warn("cannot load " + url + ": " + r.error().message);
        } else {
            const auto& b = r.value();
            std::string_view text(reinterpret_cast<const char*>(b.data()), b.size());
            Dataset ds;
            Problems problems;
            if (parse_metadata(text, url, ds, problems)) {
                app.set_dataset(std::move(ds), std::move(problems));
            } else {
                for (auto& p : problems) app.add_problem(std::move(p));
            }
        }
        finish(app);
    });
}

void start_initial_load(App& app, bool web) {
    // On the web, ?data= and the hash are a deep link: share_startup() validates
    // the source (http(s) or a relative path only) and keeps the view for later.
    const std::string data = web ? share_startup(app) : platform::startup_param("data");
    if (!data.empty()) {
        // TODO(images, issue 5): native folders get the full ISIC layout detection.
        load_source(app, {web ? SourceKind::Url : SourceKind::Folder, data, data});
    } else if (web) {
        load_source(app, {SourceKind::Demo, "Synthetic demo data (not real patients)", "demo/"});
    } else {
        app.source = {SourceKind::None, "No data loaded", ""};
    }
}

}  // namespace duck
