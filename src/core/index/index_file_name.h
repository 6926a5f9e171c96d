// index_file_name.h - where the app looks for a lesion index beside a dataset:
// a file named exactly duckling-index.bin (any letter case) in the opened folder
// (the shallowest one when several), or at the ?data= base URL. One fixed name,
// so a folder copied anywhere, or served by any web server, keeps its index.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace duck {

inline constexpr std::string_view kIndexFileName = "duckling-index.bin";

// True when the path's last component is kIndexFileName (case-insensitive).
inline bool is_index_file_path(std::string_view path) {
    const size_t slash = path.find_last_of("/\\");
    const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
    if (base.size() != kIndexFileName.size()) return false;
    for (size_t i = 0; i < base.size(); ++i) {
        char c = base[i];
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        if (c != kIndexFileName[i]) return false;
    }
    return true;
}

// The index a folder's listing offers: the shallowest index file, then the first
// by name (a listing's order depends on the platform). Empty when none.
inline std::string pick_index_path(const std::vector<std::string>& paths) {
    std::string best;
    size_t best_depth = 0;
    for (const auto& p : paths) {
        if (!is_index_file_path(p)) continue;
        size_t depth = 0;
        for (char c : p) depth += c == '/';
        if (best.empty() || depth < best_depth || (depth == best_depth && p < best)) best = p, best_depth = depth;
    }
    return best;
}

}  // namespace duck
