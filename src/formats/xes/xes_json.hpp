#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "xborder/diagnostics.hpp"
#include "xborder/xes.hpp"
#include "xborder/xes_io.hpp"

namespace xborder::detail {

std::optional<xes::Message> read_xes_json(std::string_view bytes, Diagnostics& diagnostics,
                                          const XesReadLimits& limits);
std::optional<std::string> write_xes_json(const xes::Message& message, Diagnostics& diagnostics, bool pretty);

}  // namespace xborder::detail
