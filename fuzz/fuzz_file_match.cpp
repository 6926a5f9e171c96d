// fuzz_file_match.cpp - image file name matching (which ISIC image a path is).
// Checks: the result is empty or the stem of the path's last component (no
// directory separators, never starts with '.'), the extension is .jpg/.jpeg/.dcm,
// matching is case-insensitive and ignores directories, and is_dicom_path agrees.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/data/csv.h"
#include "core/data/file_match.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view path(reinterpret_cast<const char*>(data), size);
    const std::string name = duck::image_name_from_path(path);
    const bool dcm = duck::is_dicom_path(path);
    const size_t slash = path.find_last_of("/\\");
    const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
    if (!name.empty()) {
        FUZZ_CHECK(name.find('/') == std::string::npos && name.find('\\') == std::string::npos);
        FUZZ_CHECK(name[0] != '.');
        FUZZ_CHECK(name.size() < base.size());
        const std::string_view ext = base.substr(name.size());
        FUZZ_CHECK(duck::iequals(ext, ".jpg") || duck::iequals(ext, ".jpeg") || duck::iequals(ext, ".dcm"));
        FUZZ_CHECK(dcm == duck::iequals(ext, ".dcm"));
        // The stem is the base name's own text, except "isic_" normalised to "ISIC_".
        FUZZ_CHECK(duck::iequals(std::string_view(name), base.substr(0, name.size())));
        // Directories never matter: the bare file name gives the same answer.
        FUZZ_CHECK(duck::image_name_from_path(base) == name);
        FUZZ_CHECK(duck::image_name_from_path("x/y\\" + std::string(base)) == name);
        // Case of the extension never matters.
        std::string upper(base);
        for (size_t i = name.size(); i < upper.size(); ++i)
            if (upper[i] >= 'a' && upper[i] <= 'z') upper[i] = char(upper[i] - 32);
        FUZZ_CHECK(duck::image_name_from_path(upper) == name);
    } else if (!base.empty() && base[0] != '.') {
        FUZZ_CHECK(!dcm);  // a visible *.dcm file always has a non-empty stem, so it matches
    }
    return 0;
}
