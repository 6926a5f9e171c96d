// app_load.h - loading a data source into the App: decides the source from the
// start-up parameters (?data= / --data), fetches the metadata through
// platform::fetch and hands the text to the dataset core's parser.
#pragma once
#include <string>

#include "app/app.h"

namespace duck {

// Picks the start-up source: `?data=URL` (web) / `--data DIR` (native); with none,
// the bundled synthetic demo ("demo/" next to the page) on the web. `web` says
// which host we run in: ?data= is a URL there, --data a folder natively.
void start_initial_load(App& app, bool web);

// Starts loading `source` (replaces the current dataset when done).
void load_source(App& app, DataSource source);

// Joins a base (URL prefix or folder) and a relative file name with one '/'.
std::string join_path(const std::string& base, const std::string& name);

}  // namespace duck
