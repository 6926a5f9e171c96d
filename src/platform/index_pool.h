// index_pool.h - the platform service behind the background index: a pool of
// workers that decodes lesion images at analysis size and computes the model's
// features off the main thread, with a persistent cache of the results. Web:
// web_index_pool.cpp + web/index_pool.js (Web Workers, IndexedDB). Native: not
// available (the CLI's `index` builds index files; the desktop app scores the
// patients it opens). No SDL/GL here.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace duck::platform {

// The results the page handed over and the app has not taken yet. One object,
// owned by the AppController (like ImageIo); the functions below use the one alive.
class IndexPool {
public:
    IndexPool();
    ~IndexPool();
    IndexPool(const IndexPool&) = delete;
    IndexPool& operator=(const IndexPool&) = delete;
    struct State;

private:
    std::unique_ptr<State> state_;
};

struct IndexJob {
    uint32_t lesion = 0;
    std::string name;  // image_name
};

// One lesion's analysis: core/index/lesion_index.h's LesionStatus code, the
// reason when it has no features, the features (feature order) when it has.
struct IndexResult {
    uint32_t lesion = 0;
    int status = 0;
    std::string reason;
    std::vector<float> features;
    bool cached = false;  // from the persistent cache, not computed now
    double ms = 0;        // the worker's time for it (decode + features)
};

// Whether this platform indexes in the background.
bool index_pool_available();
// Starts indexing `jobs` (replacing any run). `cache_key` names the dataset and
// feature set (results cached under it are taken, not recomputed);
// `url_templates` are the image URLs to try with `name_mark` standing for the
// image name (empty: the images are in the opened folder).
void index_pool_start(const std::string& cache_key, const std::vector<std::string>& url_templates,
                      const std::vector<IndexJob>& jobs);
void index_pool_pause(bool paused);
void index_pool_cancel();  // the run ends; results not taken yet are dropped
// The next result (false when none is waiting).
bool take_index_result(IndexResult& out);
size_t index_results_waiting();
// Workers in the pool (0 before the first job).
int index_pool_workers();
// What stands for the image name in url_templates.
inline constexpr const char* kIndexNameMark = "\x01";

}  // namespace duck::platform
