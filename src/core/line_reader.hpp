#pragma once
// Reading input line by line in bounded memory: records of line-based formats (CSV rows, NDJSON messages).

#include <cstddef>
#include <istream>
#include <string>

namespace xborder::detail {

// Reads one line (without its LF). False at the end of input. `consumed` counts the bytes read; a line
// longer than `max_bytes` sets `too_long` and is not kept beyond that. Nothing after the line's LF is read:
// the stream can be handed on. The line is taken a chunk at a time (istream::getline finds the LF in the
// stream's buffer), not a byte at a time.
inline bool read_line(std::istream& input, std::string& line, std::size_t& consumed, std::size_t max_bytes,
                      bool& too_long) {
  line.clear();
  too_long = false;
  bool any = false;
  char chunk[4096];
  while (true) {
    input.getline(chunk, sizeof chunk);
    const auto got = static_cast<std::size_t>(input.gcount());
    if (got == 0) return any;  // the end of input, or a stream that failed
    consumed += got;
    any = any || got > 0;
    // Stopped by: the LF (extracted, not stored), the end of input, or a full chunk (failbit, line goes on).
    const bool at_end = input.eof();
    const bool full = !at_end && input.fail() && got == sizeof chunk - 1;
    const std::size_t stored = at_end || full ? got : got - 1;
    const std::size_t kept = std::min(stored, max_bytes - std::min(line.size(), max_bytes));
    line.append(chunk, kept);
    too_long = too_long || kept < stored;
    if (!full) return any;
    input.clear(input.rdstate() & ~std::ios::failbit);
  }
}

}  // namespace xborder::detail
