// web_services.cpp - platform.h in the browser: fetch(), location.search/hash,
// localStorage, navigator.clipboard and the console, through small EM_JS glue.
// Every browser API is guarded: a missing one degrades to "not available".
#include <emscripten.h>

#include <cstdlib>
#include <deque>
#include <map>

#include "platform/image_io.h"
#include "platform/image_io_chain.h"
#include "platform/platform.h"

namespace duck::platform {
struct Services::State {
    struct Done {
        int id;
        Result<Bytes> result;
    };
    std::map<int, FetchCallback> waiting;  // id -> callback, until the browser answers
    std::deque<Done> done;                 // answered, delivered by poll()
    int next_id = 1;
    std::function<void(const std::string&)> clipboard;
    State* outer = nullptr;  // the Services alive before this one (restored when it ends)
};
}  // namespace duck::platform

namespace {
using duck::platform::Bytes;

// platform.h's functions and duck_fetch_done below (the page's answer, a C
// export that takes no context) reach the state of the Services alive (the
// AppController's) through this one pointer, which Services' constructor and
// destructor set.
duck::platform::Services::State* g_services = nullptr;

std::string take_js_string(char* p) {
    if (!p) return {};
    std::string s(p);
    std::free(p);
    return s;
}
}  // namespace

// Called from JS when a fetch finished: data/len on success (malloc'd, taken over),
// or an error message (malloc'd).
extern "C" EMSCRIPTEN_KEEPALIVE void duck_fetch_done(int id, uint8_t* data, int len, char* error) {
    // The render loop may be paused while idle: wake it so poll() delivers this.
    EM_ASM({ if (Module._duck_wake) Module._duck_wake(); });
    if (error) {
        std::string message = take_js_string(error);
        std::free(data);
        if (g_services) g_services->done.push_back({id, duck::Error{std::move(message)}});
        return;
    }
    Bytes b(data, data + len);
    std::free(data);
    if (g_services) g_services->done.push_back({id, std::move(b)});  // else its Services ended: dropped
}

// clang-format off
EM_JS(void, duck_js_fetch, (int id, const char* url_c), {
    const url = UTF8ToString(url_c);
    const fail = (msg) => {
        const n = lengthBytesUTF8(msg) + 1, p = _malloc(n);
        stringToUTF8(msg, p, n);
        _duck_fetch_done(id, 0, 0, p);
    };
    if (typeof fetch !== "function") { fail("fetch() is not available in this browser"); return; }
    // "folder:<path>" is a file of the folder the user opened (web/image_source.js).
    const got = url.startsWith("folder:") && window.DucklingImages
        ? window.DucklingImages.readFolderFile(url.slice(7))
        : fetch(url, {credentials: "same-origin"}).then((r) => {
              if (!r.ok) throw new Error("HTTP " + r.status + " " + r.statusText + " for " + url);
              return r.arrayBuffer();
          });
    got
        .then((buf) => {
            const bytes = new Uint8Array(buf), p = _malloc(Math.max(1, bytes.length));
            // malloc returns 0 when the heap cannot grow that far: never write there.
            if (!p) { fail("out of memory: " + (bytes.length / 1048576).toFixed(0) + " MB do not fit in the page's memory (" + url + ")"); return; }
            HEAPU8.set(bytes, p);
            _duck_fetch_done(id, p, bytes.length, 0);
        })
        .catch(async (e) => {
            let msg = String(e && e.message ? e.message : e);
            // fetch() says only "Failed to fetch": name CORS vs network (web/image_source.js).
            if (e instanceof TypeError && !url.startsWith("folder:") && window.DucklingImages)
                msg = await window.DucklingImages.whyFetchFailed(url, e);
            fail(msg + (msg.indexOf(url) < 0 ? " (" + url + ")" : ""));
        });
});

// Strings come back malloc'd (the C++ side frees them, take_js_string), 0 for none.
EM_JS(void, duck_js_define_string_result, (), {
    Module.duckStringResult = (v) => {
        if (v === null || v === undefined) return 0;
        const n = lengthBytesUTF8(v) + 1, p = _malloc(n);
        stringToUTF8(v, p, n);
        return p;
    };
});

EM_JS(char*, duck_js_query_param, (const char* name_c), {
    let v = null;
    try { v = new URLSearchParams(location.search).get(UTF8ToString(name_c)); } catch (e) {}
    return Module.duckStringResult(v);
});

EM_JS(char*, duck_js_storage_get, (const char* key_c), {
    let v = null;
    try { v = window.localStorage ? localStorage.getItem("duckling." + UTF8ToString(key_c)) : null; } catch (e) {}
    return Module.duckStringResult(v);
});

EM_JS(void, duck_js_storage_set, (const char* key_c, const char* value_c), {
    try { if (window.localStorage) localStorage.setItem("duckling." + UTF8ToString(key_c), UTF8ToString(value_c)); }
    catch (e) { console.warn("duckling: " + e); }
});

EM_JS(void, duck_js_replace_hash, (const char* hash_c), {
    const value = UTF8ToString(hash_c);
    try { history.replaceState(history.state, "", value ? "#" + value : location.pathname + location.search); }
    catch (e) { console.warn("duckling: " + e); }
});

EM_JS(void, duck_js_clipboard_write, (const char* text_c), {
    try { if (navigator.clipboard) navigator.clipboard.writeText(UTF8ToString(text_c)).catch(() => {}); }
    catch (e) { console.warn("duckling: " + e); }
});

// Deep links: history entries (a push for a navigation, a replace otherwise;
// share_tick decides from the view revision), the URL's search part, and
// back/forward/hash edits (a flag the C++ side polls; the listener is installed
// on first use). An empty link is the bare page (keeping ?query).
EM_JS(void, duck_js_history_push, (const char* link_c), {
    const link = UTF8ToString(link_c);
    try { history.pushState(null, "", link === "" ? location.pathname + location.search : link); }
    catch (e) { console.warn("duckling: cannot update the URL: " + e); }
});
EM_JS(void, duck_js_history_replace, (const char* link_c), {
    const link = UTF8ToString(link_c);
    try { history.replaceState(null, "", link === "" ? location.pathname + location.search : link); }
    catch (e) { console.warn("duckling: cannot update the URL: " + e); }
});
EM_JS(int, duck_js_history_length, (), {
    try { return history.length; } catch (e) { return 0; }
});

EM_JS(int, duck_js_url_changed, (int clear), {
    if (!Module.duckUrlWatch) {
        Module.duckUrlWatch = true;
        Module.duckUrlChanged = false;
        const mark = () => { Module.duckUrlChanged = true; if (Module._duck_request_redraw) Module._duck_request_redraw(); };
        window.addEventListener("popstate", mark);
        window.addEventListener("hashchange", mark);
    }
    const v = Module.duckUrlChanged ? 1 : 0;
    if (clear) Module.duckUrlChanged = false;
    return v;
});

EM_JS(char*, duck_js_location_search, (), {
    let v = "";
    try { v = location.search; } catch (e) {}
    return Module.duckStringResult(v);
});

EM_JS(char*, duck_js_location_hash, (), {
    let v = "";
    try { v = location.hash; } catch (e) {}
    return Module.duckStringResult(v);
});

EM_JS(char*, duck_js_page_base, (), {
    let v = "";
    try { v = location.origin + location.pathname; } catch (e) {}
    return Module.duckStringResult(v);
});

// Offers bytes as a download; returns 0 on success or a malloc'd error message.
EM_JS(char*, duck_js_download, (const char* name_c, const char* mime_c, const uint8_t* data, int len), {
    try {
        const name = UTF8ToString(name_c), mime = UTF8ToString(mime_c);
        const blob = new Blob([HEAPU8.slice(data, data + len)], {type: mime});
        const url = URL.createObjectURL(blob);
        const a = document.createElement("a");
        a.href = url;
        a.download = name;  // set as a property: the name never becomes markup
        a.style.display = "none";
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60000);
        return 0;
    } catch (e) {
        const msg = "download failed: " + e, n = lengthBytesUTF8(msg) + 1, p = _malloc(n);
        stringToUTF8(msg, p, n);
        return p;
    }
});

EM_JS(void, duck_js_log, (int level, const char* msg_c), {
    const msg = "[duckling] " + UTF8ToString(msg_c);
    if (level === 2) console.error(msg); else if (level === 1) console.warn(msg); else console.log(msg);
});
// clang-format on

namespace {
// Module.duckStringResult, which the string getters above return through, is
// defined once before the first of them runs.
void define_js_helpers() {
    static const bool defined = (duck_js_define_string_result(), true);
    (void)defined;
}
}  // namespace

namespace duck::platform {

Services::Services() : state_(std::make_unique<State>()) { chain_push(g_services, state_.get()); }

Services::~Services() { chain_remove(g_services, state_.get()); }

void fetch(const std::string& url, FetchCallback done) {
    if (!g_services) {  // nothing would ever deliver it: a bug in the caller, not bad input
        log_error("fetch(" + url + ") without a Services alive");
        return;
    }
    int id = g_services->next_id++;
    g_services->waiting[id] = std::move(done);
    duck_js_fetch(id, url.c_str());
}

// Image decodes count as requests too: the loop keeps turning and `ready` waits for them.
int pending_fetches() { return (g_services ? static_cast<int>(g_services->waiting.size()) : 0) + pending_images(); }

int results_waiting() { return (g_services ? static_cast<int>(g_services->done.size()) : 0) + image_results_waiting(); }

int poll(double budget_ms) {
    int n = poll_images(budget_ms);
    if (!g_services) return n;
    Services::State& s = *g_services;
    while (!s.done.empty()) {
        Services::State::Done d = std::move(s.done.front());
        s.done.pop_front();
        auto it = s.waiting.find(d.id);
        if (it == s.waiting.end()) continue;
        FetchCallback cb = std::move(it->second);
        s.waiting.erase(it);
        cb(std::move(d.result));
        ++n;
    }
    return n;
}

std::string startup_param(const std::string& name) {
    define_js_helpers();
    return take_js_string(duck_js_query_param(name.c_str()));
}
void set_startup_param(const std::string&, const std::string&) {}

std::string get_url_hash() {
    define_js_helpers();
    std::string hash = take_js_string(duck_js_location_hash());
    if (!hash.empty() && hash[0] == '#') hash.erase(0, 1);
    return hash;
}
void set_url_hash(const std::string& hash) { duck_js_replace_hash(hash.c_str()); }

void push_url(const std::string& link) { duck_js_history_push(link.c_str()); }
void replace_url(const std::string& link) { duck_js_history_replace(link.c_str()); }
size_t history_length() { return static_cast<size_t>(duck_js_history_length()); }
std::string get_url_search() {
    define_js_helpers();
    return take_js_string(duck_js_location_search());
}
std::string page_base_url() {
    define_js_helpers();
    return take_js_string(duck_js_page_base());
}
bool url_change_pending() { return duck_js_url_changed(0) != 0; }

bool take_url_change(std::string& search, std::string& hash) {
    if (!duck_js_url_changed(1)) return false;
    define_js_helpers();
    search = take_js_string(duck_js_location_search());
    hash = take_js_string(duck_js_location_hash());
    return true;
}

Result<std::string> save_file(const std::string& name, const std::string& mime, const Bytes& bytes) {
    char* err = duck_js_download(name.c_str(), mime.c_str(), bytes.data(), static_cast<int>(bytes.size()));
    if (err) return Error{take_js_string(err)};
    return std::string("download");
}

std::optional<std::string> storage_get(const std::string& key) {
    define_js_helpers();
    char* p = duck_js_storage_get(key.c_str());
    if (!p) return std::nullopt;
    return take_js_string(p);
}
void storage_set(const std::string& key, const std::string& value) { duck_js_storage_set(key.c_str(), value.c_str()); }

void set_clipboard(const std::string& text) {
    duck_js_clipboard_write(text.c_str());
    if (g_services && g_services->clipboard) g_services->clipboard(text);
}
void set_clipboard_hook(std::function<void(const std::string&)> hook) {
    if (g_services) g_services->clipboard = std::move(hook);
}

void log(LogLevel level, const std::string& message) { duck_js_log(static_cast<int>(level), message.c_str()); }

double now_seconds() { return emscripten_get_now() / 1000.0; }

// Pages of 64 KiB; memory 0 is the module's only linear memory.
uint64_t memory_bytes() { return uint64_t(__builtin_wasm_memory_size(0)) * 65536u; }

}  // namespace duck::platform
