// ui_font.h - the UI's TrueType font (Liberation Sans, from Debian's
// fonts-liberation, SIL OFL). ImGui's built-in bitmap font is only sharp at 13 px
// and looks crude at 4K; a real outline font rasterised at device resolution is
// crisp at every devicePixelRatio. The font is fetched asynchronously (web: from
// the site's fonts/ folder, which scripts/site fills; native: from the system)
// so start-up never waits for it, and any failure keeps the built-in font.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

namespace duck::platform {

// Starts loading the font once; `on_ready` runs on the main thread (from poll())
// when valid font bytes have arrived. A missing or invalid file logs a warning.
void request_ui_font(std::function<void()> on_ready);
// The font file's bytes, or nullptr while loading / when unavailable.
const std::vector<uint8_t>* ui_font_bytes();
// True for bytes that start like a TrueType/OpenType font and are of sane size.
bool looks_like_font(const std::vector<uint8_t>& bytes);

}  // namespace duck::platform
