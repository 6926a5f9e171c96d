// web_index_pool.cpp - index_pool.h in the browser. The work happens in
// web/index_pool.js (window.DucklingIndex: Web Workers, IndexedDB); each result
// comes back through duck_index_result below and waits in the IndexPool's
// state until the app takes it up (within its time budget per turn).
#include <emscripten.h>

#include <cstdlib>
#include <deque>
#include <nlohmann/json.hpp>
#include <string>

#include "platform/index_pool.h"

namespace duck::platform {
struct IndexPool::State {
    std::deque<IndexResult> done;  // answered, taken by take_index_result()
    bool attached = false;         // web/index_pool.js knows the C export
};
}  // namespace duck::platform

namespace {
// The page calls the C export with no context argument: it reaches the state of
// the IndexPool alive (the AppController's) through this pointer, which
// IndexPool's constructor and destructor set. Results with none alive are dropped.
duck::platform::IndexPool::State* g_pool = nullptr;
}  // namespace

// One lesion analysed (or read from the cache). `features` (n floats) and
// `reason` are malloc'd by JS and owned here from now on.
extern "C" EMSCRIPTEN_KEEPALIVE void duck_index_result(int lesion, int status, char* reason, float* features, int n,
                                                       int cached, double ms) {
    EM_ASM({ if (Module._duck_wake) Module._duck_wake(); });
    if (g_pool && lesion >= 0) {
        duck::platform::IndexResult r;
        r.lesion = uint32_t(lesion);
        r.status = status;
        r.reason = reason ? reason : "";
        if (features && n > 0) r.features.assign(features, features + n);
        r.cached = cached != 0;
        r.ms = ms;
        g_pool->done.push_back(std::move(r));
    }
    std::free(reason);
    std::free(features);
}

// clang-format off
// Gives web/index_pool.js its way back into wasm; each result schedules a
// loading turn (duck_pump) like a decoded image does.
EM_JS(int, duck_js_index_attach, (), {
    const api = window.DucklingIndex;
    if (!api) return 0;
    const channel = new MessageChannel();
    let scheduled = false;
    channel.port1.onmessage = () => { scheduled = false; if (_duck_pump()) { scheduled = true; channel.port2.postMessage(0); } };
    const str = (s) => { const n = lengthBytesUTF8(s) + 1, p = _malloc(n); stringToUTF8(s, p, n); return p; };
    api.attach({
        result(lesion, status, reason, features, cached, ms) {
            let f = 0, n = 0;
            if (features && features.length) {
                n = features.length;
                f = _malloc(4 * n);
                if (f) HEAPU8.set(new Uint8Array(features.buffer, features.byteOffset, 4 * n), f); else n = 0;
            }
            _duck_index_result(lesion, status, str(reason || ""), f, n, cached ? 1 : 0, ms || 0);
            if (!scheduled) { scheduled = true; channel.port2.postMessage(0); }
        },
    });
    return 1;
});
EM_JS(int, duck_js_index_start, (const char* key, const char* templates, const char* jobs), {
    const api = window.DucklingIndex;
    if (!api) { console.warn("duckling: web/index_pool.js is not loaded; no background index"); return 0; }
    try { api.start(UTF8ToString(key), JSON.parse(UTF8ToString(templates)), JSON.parse(UTF8ToString(jobs))); return 1; }
    catch (e) { console.warn("duckling: index pool: " + e); return 0; }
});
EM_JS(void, duck_js_index_pause, (int paused), {
    try { if (window.DucklingIndex) window.DucklingIndex.pause(!!paused); } catch (e) { console.warn("duckling: index pool: " + e); }
});
EM_JS(void, duck_js_index_cancel, (), {
    try { if (window.DucklingIndex) window.DucklingIndex.cancel(); } catch (e) { console.warn("duckling: index pool: " + e); }
});
EM_JS(int, duck_js_index_workers, (), {
    try { return window.DucklingIndex ? window.DucklingIndex.stats().workers : 0; } catch (e) { return 0; }
});
// clang-format on

namespace duck::platform {

IndexPool::IndexPool() : state_(std::make_unique<State>()) { g_pool = state_.get(); }

IndexPool::~IndexPool() {
    if (g_pool == state_.get()) g_pool = nullptr;
}

bool index_pool_available() { return true; }

void index_pool_start(const std::string& cache_key, const std::vector<std::string>& url_templates,
                      const std::vector<IndexJob>& jobs) {
    if (!g_pool) return;
    if (!g_pool->attached) g_pool->attached = duck_js_index_attach() != 0;
    g_pool->done.clear();
    nlohmann::json js = nlohmann::json::array();
    for (const IndexJob& j : jobs) js.push_back({j.lesion, j.name});
    const std::string t = nlohmann::json(url_templates).dump(), s = js.dump();
    duck_js_index_start(cache_key.c_str(), t.c_str(), s.c_str());
}

void index_pool_pause(bool paused) { duck_js_index_pause(paused ? 1 : 0); }

void index_pool_cancel() {
    if (g_pool) g_pool->done.clear();
    duck_js_index_cancel();
}

bool take_index_result(IndexResult& out) {
    if (!g_pool || g_pool->done.empty()) return false;
    out = std::move(g_pool->done.front());
    g_pool->done.pop_front();
    return true;
}

size_t index_results_waiting() { return g_pool ? g_pool->done.size() : 0; }

int index_pool_workers() { return duck_js_index_workers(); }

}  // namespace duck::platform
