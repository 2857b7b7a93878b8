#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "xborder/diagnostics.hpp"
#include "xborder/xes.hpp"
#include "xborder/xes_io.hpp"

namespace xborder::detail {

// Reads one message. With `consumed`, the message may be followed by more (NDJSON, concatenated JSON):
// reading stops after it and `consumed` receives the bytes read.
std::optional<xes::Message> read_xes_json(std::string_view bytes, Diagnostics& diagnostics,
                                          const XesReadLimits& limits, std::size_t* consumed = nullptr);
// Appends the message to `out` (pretty: indented, with a final newline); on error `out` is left as it was.
bool write_xes_json(const xes::Message& message, Diagnostics& diagnostics, bool pretty, std::string& out);

}  // namespace xborder::detail
