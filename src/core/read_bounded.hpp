#pragma once
// Reads a whole input into memory, refusing more than a format's bound (formats that need the whole input
// at once: a transaction whose records are views, a zone in OCR text, a JSON document).

#include <cstddef>
#include <istream>
#include <string>

namespace xborder::detail {

// Appends the rest of `input` to `out`. False, with what fitted, as soon as it would pass `limit` bytes.
inline bool read_bounded(std::istream& input, std::size_t limit, std::string& out) {
  char buffer[1 << 14];
  while (input.read(buffer, sizeof buffer) || input.gcount() > 0) {
    const auto got = static_cast<std::size_t>(input.gcount());
    if (got > limit - out.size()) return false;  // out.size() <= limit always holds
    out.append(buffer, got);
  }
  return true;
}

}  // namespace xborder::detail
