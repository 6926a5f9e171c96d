// gl_textures.h - the GL implementation of TextureCache (owned by the shell).
#pragma once
#include <string>
#include <unordered_map>

#include "platform/textures.h"

namespace duck::platform {

class GlTextureCache final : public TextureCache {
public:
    ~GlTextureCache() override = default;
    TextureId upload_rgba(const ImageRGBA& image, const std::string& key = {}) override;
    TextureId find(const std::string& key) const override;
    void release(TextureId id) override;
    ImVec2 size(TextureId id) const override;
    size_t bytes_used() const override { return bytes_; }
    size_t count() const { return entries_.size(); }
    // Frees everything (before the GL context goes away).
    void release_all();

private:
    struct Entry {
        int w = 0, h = 0;
        std::string key;
        size_t bytes = 0;
    };
    std::unordered_map<TextureId, Entry> entries_;
    std::unordered_map<std::string, TextureId> by_key_;
    size_t bytes_ = 0;
};

}  // namespace duck::platform
