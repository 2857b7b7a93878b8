#pragma once
// For the fuzz targets of document codecs: the same bytes read again, followed by spaces up to the size from
// which a document is parsed on a second thread while the rules run (white space after a document changes
// nothing). The records handed between the threads must give the messages the reading in line gave;
// diagnostics may differ (an error at the end of the input is found further on). Only inputs that gave a
// message are read again: reading 256 KiB a time for every input would cut the runs a second by three.

#include <string>
#include <string_view>

#include "formats/record_stream.hpp"
#include "xborder/convert.hpp"

namespace xborder::fuzz {

inline void check_read_beside(const Converter& converter, std::string_view input, const Result& in_line) {
  if (in_line.messages.empty() || input.size() >= detail::kReadBesideFrom) return;
  std::string padded(input);
  padded.resize(detail::kReadBesideFrom, ' ');
  if (converter.convert(padded).messages != in_line.messages) __builtin_trap();
}

}  // namespace xborder::fuzz
