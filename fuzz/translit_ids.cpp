// Fuzz target: an arbitrary ICU transform id, as callers name schemes ("Any-Latin; Latin-ASCII",
// "[:Cyrillic:] Upper"), applied to a text: the id is the input up to its first line end, the text the rest.
// An unknown or refused id is an xborder::Error; nothing crashes, leaks or grows: at most 64 ids stay compiled.

#include <cstdint>
#include <string_view>

#include "xborder/diagnostics.hpp"
#include "xborder/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t line_end = input.find('\n');
  const std::string_view id = input.substr(0, line_end);
  const std::string_view text = line_end == std::string_view::npos ? std::string_view() : input.substr(line_end + 1);
  const auto& transliteration = xborder::Transliteration::builtin();
  try {
    (void)transliteration.apply(text, id);
  } catch (const xborder::Error&) {
  }
  if (transliteration.compiled_transforms() > 64) __builtin_trap();
  return 0;
}
