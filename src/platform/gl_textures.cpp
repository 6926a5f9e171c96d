// gl_textures.cpp - TextureCache on OpenGL / WebGL2: RGBA8 textures with
// mipmaps (thumbnails are drawn much smaller than their pixels), linear filter.
#include "platform/gl_textures.h"

#include "platform/gl.h"

namespace duck::platform {

TextureId GlTextureCache::upload_rgba(const ImageRGBA& image, const std::string& key) {
    if (image.empty() || image.pixels.size() < size_t(image.width) * image.height * 4) return 0;
    if (!key.empty()) release(find(key));
    GLuint tex = 0;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR_MIPMAP_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, image.width, image.height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                 image.pixels.data());
    glGenerateMipmap(GL_TEXTURE_2D);
    glBindTexture(GL_TEXTURE_2D, 0);
    Entry e{image.width, image.height, key, size_t(image.width) * image.height * 4 * 4 / 3};
    bytes_ += e.bytes;
    entries_[tex] = e;
    if (!key.empty()) by_key_[key] = tex;
    return tex;
}

TextureId GlTextureCache::find(const std::string& key) const {
    auto it = by_key_.find(key);
    return it == by_key_.end() ? 0 : it->second;
}

void GlTextureCache::release(TextureId id) {
    auto it = entries_.find(id);
    if (it == entries_.end()) return;
    GLuint tex = id;
    glDeleteTextures(1, &tex);
    bytes_ -= it->second.bytes;
    if (!it->second.key.empty()) by_key_.erase(it->second.key);
    entries_.erase(it);
}

ImVec2 GlTextureCache::size(TextureId id) const {
    auto it = entries_.find(id);
    return it == entries_.end() ? ImVec2(0, 0) : ImVec2(float(it->second.w), float(it->second.h));
}

void GlTextureCache::release_all() {
    while (!entries_.empty()) release(entries_.begin()->first);
}

}  // namespace duck::platform
