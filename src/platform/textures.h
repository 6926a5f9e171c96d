// textures.h - how panels get images onto the screen without touching GL.
// The shell owns one TextureCache (GL implementation in gl_textures.cpp) and
// hands it to the UI through UiContext. Textures can carry a key (e.g. an image
// name) so panels can ask "is this thumbnail already on the GPU?".
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/image/image.h"
#include "imgui.h"

namespace duck::platform {

// Opaque handle; 0 means "no texture".
using TextureId = uint32_t;

class TextureCache {
public:
    virtual ~TextureCache() = default;
    // Uploads RGBA pixels; returns 0 for an empty image. With a non-empty key the
    // texture can be found again with find(); uploading the same key replaces it.
    virtual TextureId upload_rgba(const ImageRGBA& image, const std::string& key = {}) = 0;
    // Texture previously uploaded under `key`, or 0.
    virtual TextureId find(const std::string& key) const = 0;
    // Frees the texture (no-op for 0 or unknown ids).
    virtual void release(TextureId id) = 0;
    // Pixel size of a texture ({0,0} when unknown).
    virtual ImVec2 size(TextureId id) const = 0;
    // GPU memory held, in bytes (RGBA8 + mipmaps), for budgets and the status bar.
    virtual size_t bytes_used() const = 0;
};

// For ImGui::Image(imgui_texture(id), size).
inline ImTextureID imgui_texture(TextureId id) { return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(id)); }

}  // namespace duck::platform
