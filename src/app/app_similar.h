// app_similar.h - similar lesions in the app: the lesions nearest the viewer's
// lesion (core/model/similar.h) among every lesion App::model has features for
// (a loaded lesion index gives the whole dataset, otherwise the patients seen so
// far), or, with the toggle, among its own patient's; each with the features that
// make it alike in plain words. Cached per (lesion, model version, toggle).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "app/app.h"

namespace duck {

// The strip for the viewer's lesion (App::view.lesion), searched when the lesion,
// the model's features or the toggle changed since the last call, else the cached one.
const SimilarStrip& similar_strip(const App& app);

// The within-patient toggle (viewer checkbox, `w`).
void toggle_similar_within(App& app);

// The "similar" section of state(): lesion, within_patient, searched, status and
// the items [{image_name, patient, site, distance, why, diagnosis?, label?}]
// (diagnosis and label only while labels are shown).
nlohmann::json similar_state_json(const App& app);

// Whether labels and diagnoses may be shown (hidden by `l` and during a quiz).
bool similar_labels_shown(const App& app);
// "malignant", "benign" or "unlabelled"; the lesion's body area in words ("posterior torso").
std::string_view label_word(Label l);
std::string site_words(const Lesion& l);

}  // namespace duck
