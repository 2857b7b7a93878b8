#include "xborder/xes_io.hpp"

#include "formats/xes/xes_json.hpp"
#include "formats/xes/xes_xml.hpp"

namespace xborder {

std::optional<xes::Message> read_xes(std::string_view bytes, XesSyntax syntax, Diagnostics& diagnostics,
                                     const XesReadLimits& limits) {
  if (bytes.size() > limits.max_bytes) {
    diagnostics.error("input.size",
                      "input of " + std::to_string(bytes.size()) + " bytes exceeds the limit of " +
                          std::to_string(limits.max_bytes),
                      syntax == XesSyntax::json ? "xes-json" : "xes-xml", "/", 0);
    return std::nullopt;
  }
  return syntax == XesSyntax::json ? detail::read_xes_json(bytes, diagnostics, limits)
                                   : detail::read_xes_xml(bytes, diagnostics, limits);
}

std::optional<std::string> write_xes(const xes::Message& message, XesSyntax syntax, Diagnostics& diagnostics,
                                     const XesWriteOptions& options) {
  if (syntax == XesSyntax::xml) return detail::write_xes_xml(message, diagnostics, options.pretty);
  std::string text;
  if (!detail::write_xes_json(message, diagnostics, options.pretty, text)) return std::nullopt;
  return text;
}

XesSyntax xes_syntax_of(std::string_view bytes) {
  const auto first = bytes.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && bytes[first] == '<' ? XesSyntax::xml : XesSyntax::json;
}

}  // namespace xborder
