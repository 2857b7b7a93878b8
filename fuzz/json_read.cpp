// Fuzz target: the JSON codec and profile engine on arbitrary bytes, through both Interpol profiles (a page
// whose records are _embedded.notices, and documents that are each a notice), in line and on a second thread,
// each value where its offset says (conversion_checks.hpp). Read only: the format is not written, so it has no
// round trip.

#include <cstdint>
#include <string_view>

#include "conversion_checks.hpp"
#include "xborder/convert.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const xborder::ConvertOptions options{.created = "2026-01-01T00:00:00Z"};  // the same in both reads
  static const xborder::Converter converters[] = {
      xborder::Registry::builtin().converter("json:interpol-red", "xes-json", options),
      xborder::Registry::builtin().converter("json:interpol-red-notice", "xes-json", options)};
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (const auto& converter : converters) {
    const xborder::Result result = converter.convert(input);
    if (!result.ok() && result.diagnostics.errors().empty()) __builtin_trap();
    xborder::fuzz::check_read_beside(converter, input, result);
  }
  xborder::fuzz::check_offsets("json:interpol-red", input, "");
  return 0;
}
