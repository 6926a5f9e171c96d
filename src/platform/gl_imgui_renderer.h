// gl_imgui_renderer.h - draws Dear ImGui's draw lists with OpenGL / WebGL2. The
// app owns the GL context, so every frame sets the state it needs and never asks
// GL what the state was: no glGet*/glIsEnabled/glGetError per frame. (ImGui's own
// OpenGL3 backend backs up and restores the state around every draw with about
// 14 glGetIntegerv calls; in a browser each is a synchronous round trip to the
// GPU process, tens of milliseconds with software WebGL.)
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "imgui.h"

namespace duck::platform {

// Vertex attribute slots of ImDrawVert, bound before linking in every program
// that draws ImGui vertices (this renderer's and the image adjustments').
enum : unsigned { kAttribPosition = 0, kAttribUV = 1, kAttribColor = 2 };

// "#version ..." (+ precision) line prepended to every shader of this target.
const char* glsl_header();

// Compiles and links a program from the embedded sources with the ImDrawVert
// slots above; 0 and a message in `log` on failure. Init-time only: it reads the
// compile and link status.
unsigned build_imgui_program(const char* vert, const char* frag, std::string_view label, std::string& log);

class GlImGuiRenderer {
public:
    // Program, buffers and vertex array; false (with a logged message) on failure.
    bool init();
    void shutdown();
    // Uploads ImGui's font atlas (after io.Fonts changed) as the font texture.
    void rebuild_fonts();
    // Draws one frame's lists into the current framebuffer (fb_w x fb_h pixels).
    // Leaves blending on and the scissor test off (so the next glClear clears all).
    void render(const ImDrawData* draw_data, int fb_w, int fb_h);
    // This frame's orthographic projection (column-major), for programs switched
    // in by draw callbacks.
    const float* projection() const { return proj_; }

private:
    void setup_state(int fb_w, int fb_h);
    unsigned program_ = 0, vbo_ = 0, ibo_ = 0, vao_ = 0, font_tex_ = 0;
    int u_tex_ = -1, u_proj_ = -1;
    float proj_[16] = {};
};

}  // namespace duck::platform
