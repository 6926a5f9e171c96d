// folder_scan.h - making sense of an opened folder from its file paths alone
// (the browser's folder picker / drop and `duckling --data DIR` share it): which
// CSVs are ISIC metadata and in which order to merge them, and which file is
// the image of each image_name. No file is read here.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace duck {

// The metadata CSVs to load, in merge order (core/dataset_load merge_all: the
// first row file is the base): train.csv, ISIC_2020_Training_GroundTruth_v2.csv,
// ISIC_2020_Training_GroundTruth.csv, then ISIC_2020_Training_Duplicates.csv.
// Names match in any case; of several copies of one name (e.g. a second
// train.csv in a sub-folder) the shallowest path wins, then the first listed.
// ISIC 2024's train-metadata.csv comes after the ISIC 2020 names; its
// test-metadata.csv is taken only when none of the others is there.
// Other CSVs (test.csv, predictions) are ignored. Paths are '/'-separated.
std::vector<std::string> pick_metadata_csvs(const std::vector<std::string>& paths);

// image_name ("ISIC_0015719") -> path of its file, for every .jpg/.jpeg/.dcm
// anywhere in the tree (core/file_match rules). When one name has several files
// a JPEG beats a DICOM (cheaper to decode), then the shallowest path wins.
using ImageIndex = std::map<std::string, std::string>;
ImageIndex index_images(const std::vector<std::string>& paths);

// The last path component of a folder ("/data/isic2020/" -> "isic2020"), the
// label the UI shows for an opened folder.
std::string folder_label(std::string_view dir);

}  // namespace duck
