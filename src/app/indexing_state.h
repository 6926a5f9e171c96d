// indexing_state.h - the background index's progress (App::indexing): what
// the status bar, the help and window.duckling.state() show. The IndexBuilder
// (index_builder.h) fills the counts; the App intents pause_indexing(),
// resume_indexing() and cancel_indexing() set what the user asked for.
#pragma once
#include <cstddef>
#include <string>

namespace duck {

enum class IndexingPhase { Idle, Running, Paused, Done, Cancelled, Unavailable };
// "idle" | "running" | "paused" | "done" | "cancelled" | "unavailable"
const char* indexing_phase_name(IndexingPhase p);

struct IndexingState {
    IndexingPhase phase = IndexingPhase::Idle;
    size_t total = 0;       // lesions queued for this run (those without features when it started)
    size_t done = 0;        // results taken up (cached + computed + failed ones included)
    size_t cached = 0;      // of them, read from the browser's cache
    size_t computed = 0;    // of them, decoded and featured by the workers in this run
    size_t failed = 0;      // of them, without features (missing, undecodable, unusable)
    size_t skipped = 0;     // of them, featured meanwhile another way (the viewer, an index file)
    int workers = 0;        // workers in the pool
    double rate = 0;        // images computed per second of running time
    double worker_ms = 0;   // mean worker time per computed image (decode + features)
    double elapsed_s = 0;   // running time of this run (pauses excluded)
    // Main-thread time the run has cost the app: taking results up, handing them to
    // the model and the rescoring each batch causes (the page's own share, e.g.
    // IndexedDB and messages, is web/index_pool.js's stats().main_ms).
    double main_ms = 0;      // in total
    double main_max_ms = 0;  // the most in one loading turn
    // Requests from the intents, taken by the IndexBuilder at its next turn.
    bool pause_requested = false, resume_requested = false, cancel_requested = false;
};

}  // namespace duck
