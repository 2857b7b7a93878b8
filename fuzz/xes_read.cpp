// Fuzz targets xes_json_read and xes_xml_read: the XES reader of one syntax (XBORDER_XES_SYNTAX, json or
// xml) on arbitrary bytes. It must never crash, hang or fail silently.

#include <cstdint>
#include <string_view>

#include "xborder/xes_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  xborder::Diagnostics diagnostics;
  const auto message = xborder::read_xes({reinterpret_cast<const char*>(data), size},
                                         xborder::XesSyntax::XBORDER_XES_SYNTAX, diagnostics);
  if (!message && !diagnostics.has_errors()) __builtin_trap();  // a rejection always says why
  return 0;
}
