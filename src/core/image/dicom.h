// dicom.h - a small, defensive DICOM Part 10 reader for the ISIC 2020 files:
// preamble + "DICM", explicit and implicit VR little endian, defined and undefined
// lengths, nested sequences, encapsulated pixel data (basic offset table +
// fragments). It extracts the first frame's compressed bytes (or native 8-bit
// pixels) and the tags Duckling shows. Every declared length is checked against
// the bytes left before it is used: a lying file gives an error, never an
// allocation or a read past the end.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "core/base/result.h"

namespace duck {

struct DicomLimits {
    int max_depth = 8;             // nested sequences (ISIC files use 1)
    int max_elements = 200000;     // elements visited in total, all levels
    int max_fragments = 100000;    // pixel data fragments
};

// Tags as text, trimmed of DICOM padding (spaces, NUL). Surrounding double quotes,
// which the Kaggle ISIC exports put around some values ("ISIC_0052212"), are
// removed as well. Empty when absent.
struct DicomTags {
    std::string patient_id;                  // (0010,0020)
    std::string patient_name;                // (0010,0010)
    std::string patient_sex;                 // (0010,0040)
    std::string patient_age;                 // (0010,1010) e.g. "050Y"
    std::string body_part_examined;          // (0018,0015) e.g. "LOWER EXTREMITY"
    std::string anatomic_region;             // (0008,2218) item's CodeMeaning (0008,0104)
    std::string photometric_interpretation;  // (0028,0004) e.g. "YBR_FULL_422"
    std::string transfer_syntax_uid;         // (0002,0010)
    std::string sop_class_uid;               // (0008,0016)
    std::string modality;                    // (0008,0060)
    std::string study_description;           // (0008,1030)
    std::string study_date;                  // (0008,0020)
    std::string image_type;                  // (0008,0008)
    int rows = 0;                            // (0028,0010)
    int columns = 0;                         // (0028,0011)
    int samples_per_pixel = 0;               // (0028,0002)
    int bits_allocated = 0;                  // (0028,0100)
    int planar_configuration = 0;            // (0028,0006)
    int number_of_frames = 1;                // (0028,0008)
};

// How the first frame is stored.
enum class DicomPixels { None, Encapsulated, Native };

struct DicomFile {
    DicomTags tags;
    DicomPixels pixels = DicomPixels::None;
    std::vector<uint8_t> frame;   // frame 0: compressed stream (fragments joined) or native pixels
    int fragments = 0;            // fragments in the pixel data (all frames)
    int offset_table_entries = 0; // basic offset table entries (0 = empty table)
};

// Parse a Part 10 file held in memory.
Result<DicomFile> parse_dicom(std::span<const uint8_t> bytes, const DicomLimits& limits = {});

// Transfer syntax families Duckling can show.
bool dicom_syntax_is_jpeg_8bit(const std::string& uid);  // .4.50 baseline, .4.51 extended
// Short human name ("JPEG Baseline", "Implicit VR Little Endian", ...) or the UID.
std::string dicom_syntax_name(const std::string& uid);

// Non-empty tags as (json_key, value) pairs in a fixed order, for the CLI and the UI.
std::vector<std::pair<std::string, std::string>> dicom_tag_list(const DicomTags& t);

}  // namespace duck
