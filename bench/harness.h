// harness.h - the tiny benchmark harness of duckling-bench. Each benchmark is a
// function registered with DUCK_BENCH in a bench/suite_*.cpp file; it calls
// measure() (warm-up, then N timed runs) and gets one JSON line on stdout:
// {"name","unit","min","median","max","runs","peer","peer_median","ratio"}
// where peer* describe an optional reference implementation (null if none).
#pragma once
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace duck::bench {

struct Stats {
    double min = 0, median = 0, max = 0;
    int runs = 0;
};

// `duckling-bench --runs N` sets this: every benchmark then takes N timed runs
// after its own warm-up, or at most one when N = 1 (scripts/bench's smoke run,
// which only proves the benchmarks still run). The warm-ups matter in the
// browser: V8 runs wasm in its baseline compiler until the optimised code,
// compiled in the background, is ready (slower to arrive on a busy machine), and
// the JavaScript peers in bench/page get three warm-ups too.
inline int& runs_override() {
    static int n = 0;
    return n;
}

// Times `fn` `runs` times after `warmup` untimed calls; milliseconds.
inline Stats time_ms(int warmup, int runs, const std::function<void()>& fn) {
    if (runs_override() > 0) {
        runs = runs_override();
        if (runs == 1) warmup = std::min(warmup, 1);
    }
    for (int i = 0; i < warmup; ++i) fn();
    std::vector<double> t;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        fn();
        t.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(t.begin(), t.end());
    Stats s;
    s.runs = runs;
    if (t.empty()) return s;
    s.min = t.front();
    s.max = t.back();
    s.median = t.size() % 2 ? t[t.size() / 2] : (t[t.size() / 2 - 1] + t[t.size() / 2]) / 2;
    return s;
}

// Prints one result line. `peer` names a reference implementation measured the
// same way (empty when there is none); ratio = peer_median / median, so above 1
// means Duckling is faster than its peer.
// `extra` adds fields after the common ones (e.g. ratio_min/ratio_max).
inline void report(const std::string& name, const std::string& unit, const Stats& s, const std::string& peer = "",
                   const Stats* peer_stats = nullptr, const nlohmann::json& extra = nlohmann::json::object()) {
    nlohmann::json j = {{"name", name}, {"unit", unit}, {"min", s.min}, {"median", s.median}, {"max", s.max}, {"runs", s.runs}};
    j["peer"] = peer.empty() ? nlohmann::json(nullptr) : nlohmann::json(peer);
    j["peer_median"] = peer_stats ? nlohmann::json(peer_stats->median) : nlohmann::json(nullptr);
    j["ratio"] = peer_stats && s.median > 0 ? nlohmann::json(peer_stats->median / s.median) : nlohmann::json(nullptr);
    for (const auto& [k, v] : extra.items()) j[k] = v;
    std::printf("%s\n", j.dump().c_str());
    std::fflush(stdout);
}

// Path of a file in ../shared (real ISIC data; never copied into the repo).
inline std::string shared_path(const std::string& rel) { return std::string(DUCK_SHARED_DIR) + "/" + rel; }
// The whole file at shared_path(rel), or "" when it cannot be read.
inline std::string read_shared(const std::string& rel) {
    std::ifstream f(shared_path(rel), std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

// Registry: every DUCK_BENCH(name) { ... } runs in duckling-bench (optionally
// filtered by a substring given on the command line).
struct Entry {
    const char* name;
    void (*run)();
};
inline std::vector<Entry>& registry() {
    static std::vector<Entry> r;
    return r;
}
struct Registrar {
    Registrar(const char* name, void (*run)()) { registry().push_back({name, run}); }
};

}  // namespace duck::bench

#define DUCK_BENCH_CAT2(a, b) a##b
#define DUCK_BENCH_CAT(a, b) DUCK_BENCH_CAT2(a, b)
#define DUCK_BENCH(fn)                                                                      \
    static void fn();                                                                       \
    static ::duck::bench::Registrar DUCK_BENCH_CAT(duck_bench_reg_, __LINE__)(#fn, &fn);    \
    static void fn()
