// image_effects.h - how the viewer asks for its image adjustments (brightness,
// contrast, gamma, channel/grey view) without touching GL: the panel brackets
// its ImGui image with begin()/end(), which queue draw-list callbacks that switch
// to the fragment shader in shaders/image_adjust.frag and back. The GL version
// lives in gl_image_effects.cpp; with no effects (tests, no GPU) images draw plain.
#pragma once
#include "core/view/explorer_state.h"
#include "imgui.h"

namespace duck::platform {

class ImageEffects {
public:
    virtual ~ImageEffects() = default;
    // Images added to `dl` until end() are drawn with `adjust` applied.
    virtual void begin(ImDrawList* dl, const ImageAdjust& adjust) = 0;
    virtual void end(ImDrawList* dl) = 0;
};

}  // namespace duck::platform
