// image_decode.h - one entry point for "bytes of an image file -> RGBA": sniffs
// JPEG vs DICOM, unwraps the DICOM frame, applies the pixel limit, and reports a
// status with the reason. Used by the worker, the native app and duckling-cli.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "core/image/dicom.h"
#include "core/image/jpeg_decode.h"

namespace duck {

struct DecodedFile {
    std::string format;              // "jpeg", "dicom", else what sniff_format() saw ("png", "empty", ...)
    int width = 0, height = 0;       // from the header, also when decoding failed (0 when unknown)
    DecodedImage decoded;            // status (Ready/Corrupt/TooLarge), error, pixels
    std::optional<DicomTags> dicom;  // set when the DICOM header parsed, even if the frame did not decode
};

// Decode JPEG or DICOM bytes. Never throws; anything else is Corrupt with a reason.
DecodedFile decode_image_file(std::span<const uint8_t> bytes, const DecodeLimits& limits = {});

// Native (uncompressed) 8-bit DICOM frame -> RGBA. Handles MONOCHROME1/2, RGB and
// YBR_FULL, interleaved or planar.
DecodedImage dicom_native_to_rgba(const DicomFile& file, const DecodeLimits& limits = {});

}  // namespace duck
