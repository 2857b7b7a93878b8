// Fuzz target: whatever the JSON reader accepts must survive JSON -> model -> XML -> model -> JSON
// unchanged (XML may refuse characters it cannot carry, and must say so).

#include <cstdint>
#include <string_view>

#include "xborder/xes_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using xborder::XesSyntax;
  xborder::Diagnostics diagnostics;
  const auto message = xborder::read_xes({reinterpret_cast<const char*>(data), size}, XesSyntax::json, diagnostics);
  if (!message) return 0;
  for (const XesSyntax syntax : {XesSyntax::json, XesSyntax::xml}) {
    xborder::Diagnostics round;
    const auto text = xborder::write_xes(*message, syntax, round);
    if (!text) {
      if (!round.has_errors()) __builtin_trap();
      continue;
    }
    const auto back = xborder::read_xes(*text, syntax, round);
    if (!back || !(*back == *message)) __builtin_trap();
  }
  return 0;
}
