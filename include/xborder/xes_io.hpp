#pragma once
// Reading and writing XES messages in their two serialisations.

#include <optional>
#include <string>
#include <string_view>

#include "xborder/diagnostics.hpp"
#include "xborder/export.hpp"
#include "xborder/xes.hpp"

namespace xborder {

enum class XesSyntax { json, xml };

// Bounds applied to every XES read; input beyond them is rejected with an error, never truncated.
struct XesReadLimits {
  std::size_t max_bytes = std::size_t{1} << 30;  // 1 GiB
  std::size_t max_depth = 32;  // nesting of objects/arrays (JSON) or elements (XML); XES itself needs 6
};

struct XesWriteOptions {
  bool pretty = false;  // indented output (JSON) / one element per line (XML)
};

// Reads one XES message. Structure and types are checked as the message is built: unknown members are
// reported as losses and duplicates, wrong types and malformed input as errors (with path and byte
// offset). Returns nothing when an error was found. The published schema's value rules (code patterns,
// date forms) are checked by Registry::validate.
XBORDER_API std::optional<xes::Message> read_xes(std::string_view bytes, XesSyntax syntax,
                                                 Diagnostics& diagnostics, const XesReadLimits& limits = {});

// Writes one XES message. Fails (returns nothing, with an error) only for values the syntax cannot carry,
// such as control characters in XML 1.0.
XBORDER_API std::optional<std::string> write_xes(const xes::Message& message, XesSyntax syntax,
                                                 Diagnostics& diagnostics, const XesWriteOptions& options = {});

// The syntax of an XES message: XML when its first non-blank byte is '<', else JSON.
XBORDER_API XesSyntax xes_syntax_of(std::string_view bytes);

}  // namespace xborder
