// Fuzz target: the XML codec and profile engine on arbitrary bytes, through the UN sanctions list profile
// (records found by a pattern of element names), in line and on a second thread, each value where its offset
// says (conversion_checks.hpp). Read only: the format is not written, so it has no round trip.

#include <cstdint>
#include <string_view>

#include "conversion_checks.hpp"
#include "xborder/convert.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const xborder::Converter converter =
      xborder::Registry::builtin().converter("xml:un-sanctions", "xes-json", {.created = "2026-01-01T00:00:00Z"});
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const xborder::Result result = converter.convert(input);
  if (!result.ok() && result.diagnostics.errors().empty()) __builtin_trap();
  xborder::fuzz::check_read_beside(converter, input, result);
  xborder::fuzz::check_offsets("xml:un-sanctions", input, "/@", '>');
  return 0;
}
