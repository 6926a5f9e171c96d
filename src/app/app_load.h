// app_load.h - loading a data source into the App: decides the source from the
// start-up parameters (?data= / --data), fetches the metadata through
// platform::fetch and hands the text to the dataset core's parser.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "app/app.h"
#include "core/data/dataset_load.h"
#include "platform/image_io.h"
#include "platform/platform.h"

namespace duck {

// Picks the start-up source: `?data=URL` (web) / `--data DIR` (native); with none,
// the bundled synthetic demo ("demo/" next to the page) on the web. `web` says
// which host we run in: ?data= is a URL there, --data a folder natively.
void start_initial_load(App& app, platform::ImageIo& io, bool web);

// Starts loading `source` (replaces the current dataset when done). `csv` is the
// metadata file's URL/path when known; otherwise train.csv, then the ISIC
// ground-truth names are tried under source.base.
void load_source(App& app, DataSource source, const std::string& csv = {});

// --- opening a folder (app_open.cpp) -----------------------------------------
// Reads an opened folder's metadata CSVs (core/folder_scan pick_metadata_csvs,
// merged like `duckling-cli check --csv A --csv B`); images resolve by name. The
// merged dataset, the source and the folder's files replace the current ones only
// when every CSV is in (App::opening shows the progress meanwhile). The folder's
// files are `io`'s (it outlives the reads).
void load_folder(App& app, platform::ImageIo& io, const platform::FolderListing& folder);
// The page is still listing the folder `label`: `files` seen so far.
void note_folder_listing(App& app, const std::string& label, size_t files);
// Stops the opening in progress (listing or reading): the current dataset, source
// and images stay as they were, App::status says what was stopped. No-op when idle.
void cancel_folder_open(App& app, platform::ImageIo& io);
// Forgets an opening in progress without a message (a new source replaces it);
// the next poll_opened_folder() stops the platform's part of it.
void abandon_folder_open(App& app);
// Parses fetched metadata CSVs for about 20 ms (a slice of a big file), then
// returns; AppController::tick calls it once per loop iteration. True while parsing remains
// (the status bar shows how far it got); each load's callback runs at its end.
bool pump_metadata(App& app);
// Runs the platform's requests and the parsing until the load has settled. For
// native tests and tools only: in the browser requests finish between frames.
void settle_loading(App& app);
// Once per loop iteration (AppController::tick): takes the page's listing progress
// and the folders it opened (loading them), and a Cancel / Esc from the UI.
void poll_opened_folder(App& app, platform::ImageIo& io);

// --- shared by app_load.cpp and app_open.cpp -----------------------------------
// Every load takes a new generation; callbacks of an older one are dropped.
uint64_t begin_load(App& app);
bool is_current_load(const App& app, uint64_t generation);
std::string_view as_text(const platform::Bytes& bytes);
// Queues fetched metadata bytes for parsing a slice per frame (pump_metadata);
// `done` gets the result once the whole file is read, or an empty LoadResult
// when load `generation` was superseded or cancelled meanwhile.
void parse_later(App& app, uint64_t generation, platform::Bytes bytes, std::string where,
                 std::function<void(LoadResult)> done);

// "?data=" / "--data" value -> {metadata file ("" = try the usual names), base}:
// a value ending in .csv is the file itself and its directory the base.
std::pair<std::string, std::string> split_data_location(const std::string& data);

// Joins a base (URL prefix or folder) and a relative file name with one '/'.
std::string join_path(const std::string& base, const std::string& name);

}  // namespace duck
