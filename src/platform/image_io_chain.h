// image_io_chain.h - the ImageIo objects alive, newest first, for the two
// implementations of image_io.h: the newest one answers the free functions; when
// one ends (in any order) it leaves the chain and the one before answers again.
// Each State has a `State* outer`.
#pragma once

namespace duck::platform {

template <class State>
void chain_push(State*& newest, State* s) {
    s->outer = newest;
    newest = s;
}

template <class State>
void chain_remove(State*& newest, State* s) {
    for (State** p = &newest; *p; p = &(*p)->outer)
        if (*p == s) {
            *p = s->outer;
            return;
        }
}

}  // namespace duck::platform
