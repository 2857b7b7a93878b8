// Fuzz target: the XML codec and profile engine on arbitrary bytes, through the UN sanctions list profile
// (records found by a pattern of element names). Read only: the format is not written, so it has no round
// trip.

#include <cstdint>
#include <string_view>

#include "xborder/convert.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const xborder::Converter converter = xborder::Registry::builtin().converter("xml:un-sanctions", "xes-json");
  const xborder::Result result = converter.convert(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!result.ok() && result.diagnostics.errors().empty()) __builtin_trap();
  return 0;
}
