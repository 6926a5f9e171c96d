// prediction_links.cpp - the repeatable ?pred= link parameter (see prediction_links.h).
#include "core/view/prediction_links.h"

#include "core/base/url_codec.h"

namespace duck {

Result<std::vector<std::string>> prediction_urls(std::string_view query) {
    if (!query.empty() && query[0] == '?') query.remove_prefix(1);
    std::vector<std::string> out;
    while (!query.empty()) {
        const size_t amp = query.find('&');
        const std::string_view part = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
        const size_t eq = part.find('=');
        if (part.substr(0, eq) != "pred") continue;
        auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : part.substr(eq + 1));
        if (!value) return Error{"?pred=: " + value.error().message};
        if (value->empty()) return Error{"?pred= names no file"};
        const Status st = validate_data_url(value.value());
        if (!st.ok()) return Error{"?pred=: " + st.message};
        if (out.size() == kMaxPredictionLinks)
            return Error{"?pred=: more than " + std::to_string(kMaxPredictionLinks) + " predictions files in one link"};
        out.push_back(std::move(value.value()));
    }
    return out;
}

std::string encode_prediction_query(const std::vector<std::string>& urls) {
    std::string q;
    for (const auto& u : urls) q += "&pred=" + percent_encode(u, "/:");
    return q;
}

}  // namespace duck
