// ui_font.cpp - fetches the UI font through platform::fetch; see ui_font.h.
#include "platform/ui_font.h"

#include <cstdlib>
#include <string>

#include "platform/platform.h"

namespace duck::platform {

namespace {
#if defined(__EMSCRIPTEN__)
constexpr const char* kFontUrl = "fonts/LiberationSans-Regular.ttf";  // relative to the page
#else
constexpr const char* kFontUrl = "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf";
#endif
constexpr size_t kMaxFontBytes = 8u << 20;  // Liberation Sans is 140 KB; refuse anything absurd

std::vector<uint8_t> g_font;
bool g_requested = false;
}  // namespace

bool looks_like_font(const std::vector<uint8_t>& b) {
    if (b.size() < 12 || b.size() > kMaxFontBytes) return false;
    const uint32_t tag = uint32_t(b[0]) << 24 | uint32_t(b[1]) << 16 | uint32_t(b[2]) << 8 | b[3];
    return tag == 0x00010000u || tag == 0x74727565u /* true */ || tag == 0x4F54544Fu /* OTTO */;
}

void request_ui_font(std::function<void()> on_ready) {
    if (g_requested) return;
    g_requested = true;
    std::string url = kFontUrl;
    if (const char* env = std::getenv("DUCK_FONT"); env && *env) url = env;  // native override (tests, other distros)
    fetch(url, [url, on_ready = std::move(on_ready)](Result<Bytes> r) {
        if (!r.ok()) {
            log_warn("UI font " + url + " not loaded (" + r.error().message + "); using the built-in font");
            return;
        }
        if (!looks_like_font(r.value())) {
            log_warn("UI font " + url + " is not a TrueType/OpenType file; using the built-in font");
            return;
        }
        g_font = std::move(r.value());
        if (on_ready) on_ready();
    });
}

const std::vector<uint8_t>* ui_font_bytes() { return g_font.empty() ? nullptr : &g_font; }

}  // namespace duck::platform
