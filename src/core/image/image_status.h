// image_status.h - the life cycle of one image as every layer reports it (loader,
// decoder, worker, UI placeholders, window.duckling.state(), duckling-cli info).
// The string names are a stable contract: they appear in JSON.
#pragma once
#include <optional>
#include <string_view>

namespace duck {

enum class ImageStatus {
    Pending,   // known from the CSV/folder, nothing requested yet
    Loading,   // bytes being read/fetched or decoded
    Ready,     // decoded; pixels (or thumbnails) available
    Missing,   // no file / 404 / network or CORS failure
    Corrupt,   // bytes present but not a decodable JPEG/DICOM (message says why)
    TooLarge,  // header declares more pixels than the configured limit
};

// "pending", "loading", "ready", "missing", "corrupt", "too_large".
constexpr std::string_view image_status_name(ImageStatus s) {
    switch (s) {
        case ImageStatus::Pending: return "pending";
        case ImageStatus::Loading: return "loading";
        case ImageStatus::Ready: return "ready";
        case ImageStatus::Missing: return "missing";
        case ImageStatus::Corrupt: return "corrupt";
        case ImageStatus::TooLarge: return "too_large";
    }
    return "corrupt";
}

// Inverse of image_status_name; nullopt for an unknown name.
constexpr std::optional<ImageStatus> image_status_from_name(std::string_view name) {
    for (ImageStatus s : {ImageStatus::Pending, ImageStatus::Loading, ImageStatus::Ready,
                          ImageStatus::Missing, ImageStatus::Corrupt, ImageStatus::TooLarge})
        if (image_status_name(s) == name) return s;
    return std::nullopt;
}

}  // namespace duck
