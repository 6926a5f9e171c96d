// gl_image_effects.h - ImageEffects on OpenGL / WebGL2: a shader program built
// from shaders/image_adjust.{vert,frag} (embedded at build time), switched in and
// out with ImDrawList callbacks around the viewer's image.
#pragma once
#include "platform/image_effects.h"

namespace duck::platform {

class GlImageEffects final : public ImageEffects {
public:
    // Frees the program; call while the GL context is still current.
    void release();
    void begin(ImDrawList* dl, const ImageAdjust& adjust) override;
    void end(ImDrawList* dl) override;
    // Runs inside ImGui's renderer (draw callback): binds the program with `a`.
    void bind(const ImageAdjust& a);
    bool failed() const { return failed_; }

private:
    bool build(unsigned imgui_program);
    unsigned program_ = 0;
    bool failed_ = false;
    int u_proj_ = -1, u_tex_ = -1, u_bright_ = -1, u_contrast_ = -1, u_gamma_ = -1, u_channel_ = -1;
};

}  // namespace duck::platform
