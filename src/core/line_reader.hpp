#pragma once
// Reading input line by line in bounded memory: records of line-based formats (CSV rows, NDJSON messages).

#include <cstddef>
#include <streambuf>
#include <string>

namespace xborder::detail {

// Reads one line (without its LF) straight from the stream buffer. False at the end of input. `consumed`
// counts the bytes read; a line longer than `max_bytes` sets `too_long` and is not kept beyond that.
inline bool read_line(std::streambuf& input, std::string& line, std::size_t& consumed, std::size_t max_bytes,
                      bool& too_long) {
  line.clear();
  too_long = false;
  bool any = false;
  for (int c = input.sbumpc(); c != std::char_traits<char>::eof(); c = input.sbumpc()) {
    any = true;
    ++consumed;
    if (c == '\n') return true;
    if (line.size() >= max_bytes) {
      too_long = true;
      continue;
    }
    line.push_back(static_cast<char>(c));
  }
  return any;
}

}  // namespace xborder::detail
