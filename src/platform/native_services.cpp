// native_services.cpp - platform.h for the desktop app, the CLI-side tools and
// the unit tests: files instead of URLs, argv instead of the query string, a
// JSON file in ~/.config/duckling instead of localStorage. No SDL here.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <unistd.h>
#include <sstream>

#include "platform/image_io.h"
#include "platform/image_io_chain.h"
#include "platform/platform.h"

namespace duck::platform {

namespace {
struct Job {
    std::string path;
    FetchCallback done;
};
}  // namespace

struct Services::State {
    std::deque<Job> jobs;
    std::map<std::string, std::string> params;
    // Natively there is no page: its location hash and history length live here, as
    // the browser keeps them for the page (one process, one page).
    std::string hash;
    size_t history_length = 1;
    std::function<void(const std::string&)> clipboard;
    State* outer = nullptr;  // the Services alive before this one (restored when it ends)
};

namespace {
// platform.h's functions are free functions (the loaders, the shell and the
// tests call them); they reach the state of the Services alive through this one
// pointer, which Services' constructor and destructor set.
Services::State* g_services = nullptr;

std::filesystem::path config_file() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    const char* home = std::getenv("HOME");
    std::filesystem::path dir = xdg && *xdg ? std::filesystem::path(xdg) : std::filesystem::path(home ? home : ".") / ".config";
    return dir / "duckling" / "settings.json";
}

nlohmann::json load_settings() {
    std::ifstream f(config_file());
    if (!f) return nlohmann::json::object();
    std::stringstream s;
    s << f.rdbuf();
    auto j = nlohmann::json::parse(s.str(), nullptr, false);
    return j.is_object() ? j : nlohmann::json::object();
}

Result<Bytes> read_path(std::string path) {
    if (path.rfind("file://", 0) == 0) path = path.substr(7);
    if (path.rfind("http://", 0) == 0 || path.rfind("https://", 0) == 0)
        return Error{"the desktop app reads local files only, not URLs: " + path};
    std::ifstream f(path, std::ios::binary);
    if (!f) return Error{"cannot open " + path};
    Bytes b((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    if (f.bad()) return Error{"read error in " + path};
    return b;
}
}  // namespace

Services::Services() : state_(std::make_unique<State>()) { chain_push(g_services, state_.get()); }

Services::~Services() { chain_remove(g_services, state_.get()); }

void fetch(const std::string& url, FetchCallback done) {
    if (!g_services) {  // nothing would ever deliver it: a bug in the caller, not bad input
        log_error("fetch(" + url + ") without a Services alive");
        return;
    }
    g_services->jobs.push_back({url, std::move(done)});
}

// Image decodes count as requests too: the loop keeps turning and `ready` waits for them.
int pending_fetches() { return (g_services ? static_cast<int>(g_services->jobs.size()) : 0) + pending_images(); }

int poll(double budget_ms) {
    int n = 0;
    if (Services::State* s = g_services) {
        // Run only the jobs queued so far: callbacks may queue follow-up requests.
        n = static_cast<int>(s->jobs.size());
        for (int i = 0; i < n; ++i) {
            Job j = std::move(s->jobs.front());
            s->jobs.pop_front();
            j.done(read_path(j.path));
        }
    }
    return n + poll_images(budget_ms);
}

int results_waiting() { return (g_services ? static_cast<int>(g_services->jobs.size()) : 0) + image_results_waiting(); }

std::string startup_param(const std::string& name) {
    if (!g_services) return {};
    auto it = g_services->params.find(name);
    return it == g_services->params.end() ? std::string() : it->second;
}

void set_startup_param(const std::string& name, const std::string& value) {
    if (!g_services) {
        log_error("set_startup_param(" + name + ") without a Services alive");
        return;
    }
    g_services->params[name] = value;
}

std::string get_url_hash() { return g_services ? g_services->hash : std::string(); }
void set_url_hash(const std::string& hash) {
    if (g_services) g_services->hash = hash;
}

void replace_url(const std::string& link) { set_url_hash(link.substr(std::min(link.size(), link.find('#')))); }
void push_url(const std::string& link) {
    replace_url(link);
    if (g_services) ++g_services->history_length;
}
size_t history_length() { return g_services ? g_services->history_length : 1; }
std::string get_url_search() { return {}; }
std::string page_base_url() { return "duckling:"; }
bool take_url_change(std::string&, std::string&) { return false; }
bool url_change_pending() { return false; }

Result<std::string> save_file(const std::string& name, const std::string&, const Bytes& bytes) {
    const char* dir = std::getenv("DUCK_EXPORT_DIR");
    const std::filesystem::path path = std::filesystem::path(dir && *dir ? dir : ".") / name;
    std::ofstream f(path, std::ios::binary);
    if (!f) return Error{"cannot write " + path.string()};
    f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!f) return Error{"write error in " + path.string()};
    return path.string();
}

std::optional<std::string> storage_get(const std::string& key) {
    auto j = load_settings();
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return std::nullopt;
    return it->get<std::string>();
}

void storage_set(const std::string& key, const std::string& value) {
    auto j = load_settings();
    j[key] = value;
    std::error_code ec;
    std::filesystem::create_directories(config_file().parent_path(), ec);
    std::ofstream f(config_file());
    if (f) f << j.dump(2) << "\n";
}

void set_clipboard(const std::string& text) {
    if (g_services && g_services->clipboard) g_services->clipboard(text);
}
void set_clipboard_hook(std::function<void(const std::string&)> hook) {
    if (g_services) g_services->clipboard = std::move(hook);
}

void log(LogLevel level, const std::string& message) {
    const char* tag = level == LogLevel::Error ? "error" : level == LogLevel::Warn ? "warn" : "info";
    std::fprintf(stderr, "[duckling %s] %s\n", tag, message.c_str());
}

double now_seconds() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

uint64_t memory_bytes() {
    // /proc/self/statm: size resident ... in pages (Linux only; elsewhere 0).
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f) return 0;
    unsigned long long size = 0, resident = 0;
    const bool ok = std::fscanf(f, "%llu %llu", &size, &resident) == 2;
    std::fclose(f);
    return ok ? resident * static_cast<unsigned long long>(sysconf(_SC_PAGESIZE)) : 0;
}

}  // namespace duck::platform
