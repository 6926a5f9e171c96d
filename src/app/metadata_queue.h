// metadata_queue.h - the metadata loads of one App: which load is current and
// the fetched CSVs waiting to be parsed a slice per frame (app_load.cpp's
// pump_metadata; a million rows parsed in one go would freeze the page).
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "core/data/dataset_load.h"
#include "platform/platform.h"

namespace duck {

// A fetched metadata CSV being parsed. `done` runs once, with the result, from
// pump_metadata(); a superseded load gets an empty result.
struct MetadataParse {
    uint64_t gen = 0;
    std::string where;
    std::unique_ptr<const platform::Bytes> bytes;  // what `load` reads
    std::unique_ptr<CsvLoad> load;
    std::function<void(LoadResult)> done;
};

struct MetadataQueue {
    uint64_t load_generation = 0;  // bumped by every load; callbacks of an older one are ignored
    std::deque<MetadataParse> parses;
    double last_slice_end = 0;     // when the last pump_metadata() returned busy
};

}  // namespace duck
