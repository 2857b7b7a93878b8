#include "core/utf8.hpp"

#include <unicode/utf8.h>

#include <cstdint>
#include <cstring>

namespace xborder::detail {

bool is_valid_utf8(std::string_view text) {
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
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

}  // namespace xborder::detail
