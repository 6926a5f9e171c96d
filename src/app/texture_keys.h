// texture_keys.h - the names under which a lesion image's textures live: the
// image loader uploads and releases them (TextureSink), the panels look them up.
#pragma once
#include <string>

namespace duck {

inline std::string thumb_key(const std::string& image_name) { return "thumb:" + image_name; }  // grid, lists
inline std::string full_key(const std::string& image_name) { return "full:" + image_name; }    // the viewer

}  // namespace duck
