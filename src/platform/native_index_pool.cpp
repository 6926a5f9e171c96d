// native_index_pool.cpp - index_pool.h natively: no background pool (the CLI's
// `index` command builds index files; the desktop app scores the patients it opens).
#include "platform/index_pool.h"

namespace duck::platform {

struct IndexPool::State {};

IndexPool::IndexPool() : state_(std::make_unique<State>()) {}
IndexPool::~IndexPool() = default;

bool index_pool_available() { return false; }
void index_pool_start(const std::string&, const std::vector<std::string>&, const std::vector<IndexJob>&) {}
void index_pool_pause(bool) {}
void index_pool_cancel() {}
bool take_index_result(IndexResult&) { return false; }
size_t index_results_waiting() { return 0; }
int index_pool_workers() { return 0; }

}  // namespace duck::platform
