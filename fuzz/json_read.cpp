// Fuzz target: the JSON codec and profile engine on arbitrary bytes, through both Interpol profiles (a page
// whose records are _embedded.notices, and documents that are each a notice). Read only: the format is not
// written, so it has no round trip.

#include <cstdint>
#include <string_view>

#include "xborder/convert.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const xborder::Converter converters[] = {
      xborder::Registry::builtin().converter("json:interpol-red", "xes-json"),
      xborder::Registry::builtin().converter("json:interpol-red-notice", "xes-json")};
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (const auto& converter : converters) {
    const xborder::Result result = converter.convert(input);
    if (!result.ok() && result.diagnostics.errors().empty()) __builtin_trap();
  }
  return 0;
}
