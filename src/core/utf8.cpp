#include "core/utf8.hpp"

#include <unicode/utf8.h>

#include <cstdint>
#include <cstring>

namespace xborder::detail {

std::string_view whole_utf8_prefix(std::string_view text) {
  std::size_t lead = text.size();  // the last byte that is not a continuation byte, within a sequence's reach
  while (lead > 0 && text.size() - lead < 4 && (static_cast<unsigned char>(text[lead - 1]) & 0xC0) == 0x80) --lead;
  if (lead == 0) return text;
  const unsigned char c = static_cast<unsigned char>(text[lead - 1]);
  if (c < 0xC0) return text;
  const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  return text.size() - (lead - 1) < length ? text.substr(0, lead - 1) : text;
}

std::size_t valid_utf8_prefix(std::string_view text) {
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int64_t>(text.size());
  constexpr std::uint64_t kHighBits = 0x8080808080808080ULL;
  for (std::int64_t i = 0; i < length;) {
    std::uint64_t eight = 0;
    if (length - i >= 8 && (std::memcpy(&eight, bytes + i, 8), (eight & kHighBits) == 0)) {  // ASCII, 8 at a time
      i += 8;
      continue;
    }
    if (bytes[i] < 0x80) {
      ++i;
      continue;
    }
    const std::int64_t start = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return static_cast<std::size_t>(start);
  }
  return text.size();
}

std::string escape_invalid_utf8(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
  const auto length = static_cast<std::int64_t>(text.size());
  std::string out;
  out.reserve(text.size() + 8);
  for (std::int64_t i = 0; i < length;) {
    const std::int64_t start = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0) {
      out.append(text.data() + start, static_cast<std::size_t>(i - start));
      continue;
    }
    for (std::int64_t j = start; j < i; ++j) {  // the ill-formed bytes U8_NEXT stepped over, each escaped
      out += "\\x";
      out += kHex[bytes[j] >> 4];
      out += kHex[bytes[j] & 0xF];
    }
  }
  return out;
}

}  // namespace xborder::detail
