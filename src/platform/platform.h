// platform.h - the services the app needs from its host, one header for both
// targets: web_services.cpp (browser: fetch, location, localStorage) and
// native_services.cpp (files, argv, ~/.config/duckling). CMake picks one; callers
// never #ifdef. No SDL/GL here, so the app library and its tests can use it.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/base/result.h"

namespace duck::platform {

using Bytes = std::vector<uint8_t>;
using FetchCallback = std::function<void(Result<Bytes>)>;

// The state behind the functions below: the requests in flight and their answers
// not delivered yet, and the clipboard hook; natively also the start-up
// parameters and the page's hash and history length (the browser keeps those on
// the web). It is one object, owned by whoever runs the app's work
// (AppController; a test that fetches or follows links without one owns one
// itself), never file-scope globals; the functions below use the one alive
// (newest first, as image_io.h's ImageIo). Without one, a request is refused
// with a logged error and nothing is remembered.
class Services {
public:
    Services();
    ~Services();  // callbacks of requests still in flight are dropped
    Services(const Services&) = delete;
    Services& operator=(const Services&) = delete;
    struct State;  // web_services.cpp / native_services.cpp

private:
    std::unique_ptr<State> state_;
};

// Reads a URL (web: relative to the page or absolute http(s); native: a file path,
// or file:// URL) asynchronously. The callback always runs later on the main thread,
// from poll(), exactly once, with the bytes or a specific error message.
void fetch(const std::string& url, FetchCallback done);
// Requests still in flight.
int pending_fetches();
// Delivers finished requests (calls their callbacks). The shell calls it every loop
// iteration; tests call it until pending_fetches() == 0. Returns callbacks run.
// With a budget, image results stop once `budget_ms` is spent (after one at
// least); the rest wait for the next call. Negative: no limit.
int poll(double budget_ms = -1);
// Results poll() has not delivered yet (natively: decodes it has still to run).
int results_waiting();

// Start-up parameters: the page's ?query (web) or the command line (native,
// `--data DIR` -> "data"). Empty when absent.
std::string startup_param(const std::string& name);
// Native only: the shell records argv-derived parameters here before the app starts.
void set_startup_param(const std::string& name, const std::string& value);

// The URL hash without '#' (deep links: "patient=IP_..&lesion=ISIC_.."). Native keeps it in memory.
std::string get_url_hash();
void set_url_hash(const std::string& hash);  // replaces the history entry, no reload

// Deep links. The part of the page URL after the path, "?data=..#..."
// (core/view_state.h encode_link). push adds a browser history entry, replace
// rewrites the current one; a link starting with '#' (or empty) keeps the current
// ?query. Native keeps them in memory (no history).
void push_url(const std::string& link);
void replace_url(const std::string& link);
// Entries in the page's session history (web: history.length; native: 1 plus the
// pushes so far), so tests can tell a push from a replace.
size_t history_length();
// location.search ("?data=..." or ""), and the page URL without query and hash
// (what a copied link starts with). Native: "" and "duckling:".
std::string get_url_search();
std::string page_base_url();
// True once after the user moved through history (back/forward) or edited the hash
// (popstate / hashchange); `search` and `hash` (with '#') then hold the new URL.
bool take_url_change(std::string& search, std::string& hash);
// Cheap check for the shell: a URL change is waiting (it then asks for a frame).
bool url_change_pending();

// Hands a generated file to the user: a browser download (Blob + <a download>) on
// the web, a file in $DUCK_EXPORT_DIR (or the working directory) natively.
// Returns where it went ("download", a path) or an error.
Result<std::string> save_file(const std::string& name, const std::string& mime, const Bytes& bytes);

// Small persistent key/value settings (web: localStorage, native: a JSON file in
// ~/.config/duckling). Missing key -> nullopt. Failures are silent: settings are optional.
std::optional<std::string> storage_get(const std::string& key);
void storage_set(const std::string& key, const std::string& value);

// Copies text to the system clipboard (web: navigator.clipboard; native: SDL, via
// set_clipboard_hook, installed by the shell).
void set_clipboard(const std::string& text);
void set_clipboard_hook(std::function<void(const std::string&)> hook);

// Log lines (web: the browser console; native: stderr). Use warn for bad input:
// browser tests fail on any console *error*, which is reserved for bugs.
enum class LogLevel { Info, Warn, Error };
void log(LogLevel level, const std::string& message);
inline void log_info(const std::string& m) { log(LogLevel::Info, m); }
inline void log_warn(const std::string& m) { log(LogLevel::Warn, m); }
inline void log_error(const std::string& m) { log(LogLevel::Error, m); }

// Wall-clock seconds (monotonic), for timing and idle detection.
double now_seconds();

// Memory the process holds, for state().memory and the memory tests: the wasm
// linear memory size on the web (it only grows, so it is the high-water mark the
// browser reserves), the resident set size natively (0 when unknown).
uint64_t memory_bytes();

}  // namespace duck::platform
