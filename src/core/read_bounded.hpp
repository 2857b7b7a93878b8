#pragma once
// Reads a whole input into memory, refusing more than a format's bound (formats that need the whole input
// at once: a transaction whose records are views, a zone in OCR text, a JSON document).

#include <cstddef>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/memory_stream.hpp"

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

// The rest of `input` whole, without a copy where it is in memory already (a MemoryStream over the caller's
// bytes: the view is valid while they are, and `owner` stays empty); otherwise read into a buffer of its own
// that `owner` keeps (share it with views into the bytes). Nothing, with what fitted, beyond `limit` bytes.
inline std::optional<std::string_view> read_whole(std::istream& input, std::size_t limit,
                                                  std::shared_ptr<const std::string>& owner) {
  owner.reset();
  if (auto* memory = dynamic_cast<MemoryStreambuf*>(input.rdbuf())) {
    const std::string_view rest = memory->take_rest();
    if (rest.size() > limit) return std::nullopt;
    return rest;
  }
  auto buffer = std::make_shared<std::string>();
  const bool fits = read_bounded(input, limit, *buffer);
  owner = buffer;
  if (!fits) return std::nullopt;
  return std::string_view(*owner);
}

}  // namespace xborder::detail
