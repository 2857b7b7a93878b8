#pragma once
// Checks fuzz targets make beyond "no crash, and a failed conversion says why".

#include <string>
#include <string_view>

#include "core/memory_stream.hpp"
#include "formats/record_stream.hpp"
#include "xborder/convert.hpp"

namespace xborder::fuzz {

// The same bytes read again, followed by spaces up to the size from which a document is parsed on a second
// thread while the rules run (white space after a document changes nothing). The records handed between the
// threads must give the messages the reading in line gave; diagnostics may differ (an error at the end of the
// input is found further on). Only inputs that gave a message are read again: reading 256 KiB a time for every
// input would cut the runs a second by three.
inline void check_read_beside(const Converter& converter, std::string_view input, const Result& in_line) {
  if (in_line.messages.empty() || input.size() >= detail::kReadBesideFrom) return;
  std::string padded(input);
  padded.resize(detail::kReadBesideFrom, ' ');
  if (converter.convert(padded).messages != in_line.messages) __builtin_trap();
}

// Every record and value is where its offset says: its raw bytes are the input's at that offset (what
// provenance and extensions tell a receiver). `decoded_marker`: a part of the path of fields whose raw bytes
// are decoded rather than as they stood (XML attributes, "/@"); empty: none. `value_follows`: the byte before
// every other value (XML: the '>' ending its element's start tag, which raw bytes worked out from a wrong
// offset would still match), or 0.
inline void check_offsets(std::string_view format, std::string_view input, std::string_view decoded_marker,
                          char value_follows = 0) {
  const auto at = [&](std::uint64_t offset, std::string_view raw) {
    return offset <= input.size() && input.substr(offset, raw.size()) == raw;
  };
  detail::MemoryStream stream(input);
  Registry::builtin().inspect(stream, format, [&](const FieldTree& tree) {
    if (!tree.raw.empty() && !at(tree.offset, tree.raw.view())) __builtin_trap();
    for (const Field& field : tree.fields) {
      if (!decoded_marker.empty() && field.path.find(decoded_marker) != std::string::npos) continue;
      if (!at(field.offset, field.raw.view())) __builtin_trap();
      if (value_follows != 0 && (field.offset == 0 || input[field.offset - 1] != value_follows)) __builtin_trap();
    }
    return true;
  });
}

}  // namespace xborder::fuzz
