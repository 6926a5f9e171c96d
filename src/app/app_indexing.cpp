// app_indexing.cpp - the background index's intents (App) and phase names. The
// intents only record the request; the IndexBuilder applies it at its next turn.
#include "app/app.h"

namespace duck {

const char* indexing_phase_name(IndexingPhase p) {
    switch (p) {
        case IndexingPhase::Idle: return "idle";
        case IndexingPhase::Running: return "running";
        case IndexingPhase::Paused: return "paused";
        case IndexingPhase::Done: return "done";
        case IndexingPhase::Cancelled: return "cancelled";
        case IndexingPhase::Unavailable: return "unavailable";
    }
    return "idle";
}

void App::pause_indexing() {
    IndexingState& ix = indexing;
    if (ix.phase != IndexingPhase::Running) return;
    ix.pause_requested = true;
    ix.resume_requested = false;
    request_redraw();
}

void App::resume_indexing() {
    IndexingState& ix = indexing;
    if (ix.phase != IndexingPhase::Paused && ix.phase != IndexingPhase::Cancelled) return;
    ix.resume_requested = true;
    ix.pause_requested = false;
    request_redraw();
}

void App::toggle_indexing() {
    if (indexing.phase == IndexingPhase::Paused || indexing.phase == IndexingPhase::Cancelled) resume_indexing();
    else pause_indexing();
}

void App::cancel_indexing() {
    IndexingState& ix = indexing;
    if (ix.phase != IndexingPhase::Running && ix.phase != IndexingPhase::Paused)
        return;
    ix.cancel_requested = true;
    ix.pause_requested = ix.resume_requested = false;
    request_redraw();
}

}  // namespace duck
