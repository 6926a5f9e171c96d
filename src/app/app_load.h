// app_load.h - loading a data source into the App: decides the source from the
// start-up parameters (?data= / --data), fetches the metadata through
// platform::fetch and hands the text to the dataset core's parser.
#pragma once
#include <string>

#include "app/app.h"
#include "platform/image_io.h"

namespace duck {

// Picks the start-up source: `?data=URL` (web) / `--data DIR` (native); with none,
// the bundled synthetic demo ("demo/" next to the page) on the web. `web` says
// which host we run in: ?data= is a URL there, --data a folder natively.
void start_initial_load(App& app, bool web);

// Starts loading `source` (replaces the current dataset when done). `csv` is the
// metadata file's URL/path when known; otherwise train.csv, then the ISIC
// ground-truth names are tried under source.base.
void load_source(App& app, DataSource source, const std::string& csv = {});

// Loads an opened folder: its metadata CSVs (core/folder_scan pick_metadata_csvs,
// merged like `duckling-cli check --csv A --csv B`); images resolve by name.
void load_folder(App& app, const platform::FolderListing& folder);
// Takes a folder the user opened in the page (picker or drop) and loads it; the
// shell calls it once per loop iteration.
void poll_opened_folder(App& app);
// Asks the platform for the folder picker; natively explains `--data DIR`.
void open_folder_dialog(App& app);

// "?data=" / "--data" value -> {metadata file ("" = try the usual names), base}:
// a value ending in .csv is the file itself and its directory the base.
std::pair<std::string, std::string> split_data_location(const std::string& data);

// Joins a base (URL prefix or folder) and a relative file name with one '/'.
std::string join_path(const std::string& base, const std::string& name);

}  // namespace duck
