#pragma once

#include <string_view>

namespace xborder::detail {

// Whether `text` is well-formed UTF-8 (no overlongs, surrogates or code points beyond U+10FFFF).
bool is_valid_utf8(std::string_view text);

// `text` without an incomplete sequence at its end (a buffer cut inside a character).
std::string_view whole_utf8_prefix(std::string_view text);

}  // namespace xborder::detail
