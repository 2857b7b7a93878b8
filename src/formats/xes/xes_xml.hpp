#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "xborder/diagnostics.hpp"
#include "xborder/xes.hpp"
#include "xborder/xes_io.hpp"

namespace xborder::detail {

inline constexpr std::string_view kXesNamespace = "urn:xborder:xes:1";

// Reads XES XML. With `schema` (the XSD text), the document is also validated against it: every breach is
// an error (xsd.invalid) and reading goes on past breaches and values of the wrong type, so the message (as
// far as it could be read) is returned with the errors unless reading had to stop: the caller (the
// validator) judges by the errors, never by the message alone.
std::optional<xes::Message> read_xes_xml(std::string_view bytes, Diagnostics& diagnostics,
                                         const XesReadLimits& limits, std::string_view schema = {});
std::optional<std::string> write_xes_xml(const xes::Message& message, Diagnostics& diagnostics, bool pretty);

}  // namespace xborder::detail
