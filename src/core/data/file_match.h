// file_match.h - which ISIC image a file is, from its path alone. Shared by
// `duckling-cli check --images`, the images helper and the browser folder
// loader, so that all of them agree on what counts as "the image of a row".
#pragma once
#include <string>
#include <string_view>

namespace duck {

// "a/b/ISIC_0015719.JPG" -> "ISIC_0015719". The file name must end in .jpg,
// .jpeg or .dcm (any case); directories may use '/' or '\'. A leading "isic_" is
// normalised to "ISIC_". Returns "" for other files, hidden files (".x", macOS
// "._ISIC_..." forks) and an empty stem.
std::string image_name_from_path(std::string_view path);

// True when the path names a DICOM file (.dcm, any case).
bool is_dicom_path(std::string_view path);

}  // namespace duck
