// bad_corpus.h - a generated folder of hostile input for end-to-end hardening tests
// (`duckling-cli badcorpus --out DIR`): malformed CSV rows, a very long CSV,
// broken JPEGs and DICOMs, rows without files, duplicate and non-UTF-8 names. It is
// generated, never committed. Next to the files comes a manifest of what a correct
// loader must report for each planted problem, so tests compare against it instead
// of hard-coding the corpus.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/image/image.h"

namespace duck {

struct BadCorpusOptions {
    size_t big_rows = 1000000;  // data rows of million/train.csv
    uint64_t seed = 2020;       // random-byte files
};

// One file to write: `path` is relative, '/'-separated, and may hold non-UTF-8 bytes.
struct CorpusFile {
    std::string path;
    std::vector<uint8_t> bytes;
};

// A problem the loader must report. CSV problems name a kind from dataset_load.h and
// a line; image problems name the image, the tile status and words of the reason;
// listing problems a kind from validate.h and words of the message.
struct CorpusExpect {
    std::string folder;       // "mixed" or "million"
    std::string kind;         // CSV problem kind ("csv_columns"...), "" for image problems
    std::string where;        // "train.csv:15", or the image name for image problems
    std::string status;       // image problems: "missing" | "corrupt" | "too_large"
    std::string message_has;  // text the message must contain (case-insensitive)
    // Found from the folder's file names (core/validate check_folder_images): only
    // reported when the corpus is opened as a folder, since a URL has no listing.
    // `where` is then "" (it may hold non-UTF-8 bytes): match on kind and message.
    bool listing = false;
};

struct BadCorpus {
    std::vector<CorpusFile> files;
    std::vector<CorpusExpect> expect;
    std::vector<std::string> valid_images;  // mixed/: rows whose image must load and display
    size_t big_rows = 0;                    // data rows in million/train.csv
    size_t big_valid_rows = 0;              // of which well-formed (the others are planted problems)
};

// Encodes RGBA as a baseline JPEG (empty on failure); supplied by the caller so the
// core needs no encoder of its own (the CLI passes demo::encode_jpeg).
using JpegEncoder = std::function<std::vector<uint8_t>(const ImageRGBA&)>;

// Builds the whole corpus in memory (the 1,000,000-row CSV is about 75 MB).
BadCorpus make_bad_corpus(const BadCorpusOptions& options, const JpegEncoder& encode);

// expected.json: {"mixed": {...}, "million": {...}} with the expectations above.
std::string bad_corpus_manifest(const BadCorpus& corpus);

}  // namespace duck
