#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace xborder::detail {

// Whether every byte of `text` is ASCII: the common case that text paths take without ICU.
inline bool is_ascii(std::string_view text) {
  // All bytes or'ed together, without an early exit: the compiler makes a vector loop of it.
  unsigned char any = 0;
  for (const char c : text) any |= static_cast<unsigned char>(c);
  return any < 0x80;
}

// How many bytes at the start of `text` are well-formed UTF-8 (no overlongs, surrogates or code points beyond
// U+10FFFF): the offset of the first sequence that is not, or the size if every one is.
std::size_t valid_utf8_prefix(std::string_view text);

// Whether `text` is well-formed UTF-8.
inline bool is_valid_utf8(std::string_view text) { return valid_utf8_prefix(text) == text.size(); }

// `text` with every byte that is not part of a well-formed UTF-8 sequence written as `\xHH` (lowercase hex):
// raw input bytes quoted in a message stay visible, and the message stays valid UTF-8.
std::string escape_invalid_utf8(std::string_view text);

// `text` without an incomplete sequence at its end (a buffer cut inside a character).
std::string_view whole_utf8_prefix(std::string_view text);

}  // namespace xborder::detail
