#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "xborder/diagnostics.hpp"
#include "xborder/xes.hpp"
#include "xborder/xes_io.hpp"

namespace xborder::detail {

inline constexpr std::string_view kXesNamespace = "urn:xborder:xes:1";

// Reads XES XML. With `schema` (the XSD text), the document is also validated against it and every
// validation error is reported (read then fails).
std::optional<xes::Message> read_xes_xml(std::string_view bytes, Diagnostics& diagnostics,
                                         const XesReadLimits& limits, std::string_view schema = {});
std::optional<std::string> write_xes_xml(const xes::Message& message, Diagnostics& diagnostics, bool pretty);

}  // namespace xborder::detail
