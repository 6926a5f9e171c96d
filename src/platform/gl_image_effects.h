// gl_image_effects.h - ImageEffects on OpenGL / WebGL2: a shader program built
// from shaders/imgui.vert + shaders/image_adjust.frag (embedded at build time),
// switched in and out with ImDrawList callbacks around the viewer's image.
#pragma once
#include "platform/image_effects.h"

namespace duck::platform {

class GlImGuiRenderer;

class GlImageEffects final : public ImageEffects {
public:
    // Builds the program (at start-up: it reads the compile status once). Draws
    // take the renderer's projection; without a program images draw plain.
    void init(const GlImGuiRenderer& renderer);
    // Frees the program; call while the GL context is still current.
    void release();
    void begin(ImDrawList* dl, const ImageAdjust& adjust) override;
    void end(ImDrawList* dl) override;
    // Runs inside the renderer (draw callback): binds the program with `a`.
    void bind(const ImageAdjust& a);
    bool failed() const { return program_ == 0; }

private:
    const GlImGuiRenderer* renderer_ = nullptr;
    unsigned program_ = 0;
    int u_proj_ = -1, u_tex_ = -1, u_bright_ = -1, u_contrast_ = -1, u_gamma_ = -1, u_channel_ = -1;
};

}  // namespace duck::platform
