// Fuzz target: the XES XML reader on arbitrary bytes. It must never crash, hang or fail silently.

#include <cstdint>
#include <string_view>

#include "xborder/xes_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  xborder::Diagnostics diagnostics;
  const auto message =
      xborder::read_xes({reinterpret_cast<const char*>(data), size}, xborder::XesSyntax::xml, diagnostics);
  if (!message && !diagnostics.has_errors()) __builtin_trap();  // a rejection always says why
  return 0;
}
