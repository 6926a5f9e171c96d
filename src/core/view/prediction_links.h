// prediction_links.h - `?pred=URL` beside `?data=URL` in a link: one parameter
// per predictions file (repeatable), each checked like ?data= (http(s) or a
// relative path only), since a pasted link is untrusted input.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace duck {

// Most ?pred= files one link may load.
inline constexpr size_t kMaxPredictionLinks = 8;

// Every ?pred= value of a query string ("?data=x&pred=a.csv&pred=b.csv"), in
// order, percent-decoded and validated. An Error names the first bad one.
Result<std::vector<std::string>> prediction_urls(std::string_view query);

// "&pred=a.csv&pred=b.csv" for the URLs ("" for none): appended to a link's
// ?data= query so that copying or reloading keeps the predictions.
std::string encode_prediction_query(const std::vector<std::string>& urls);

}  // namespace duck
