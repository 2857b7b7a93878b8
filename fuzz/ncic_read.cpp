// Fuzz target: the NCIC codec and its profiles on arbitrary bytes (entries, inquiries, hit responses), and
// what the wanted-person entry profile reads written back and read again: no crash, no hang, a failed
// conversion always says why, and every value is where its offset says (conversion_checks.hpp).

#include <cstdint>
#include <string_view>

#include "conversion_checks.hpp"
#include "xborder/convert.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const xborder::Converter converters[] = {
      xborder::Registry::builtin().converter("ncic", "xes-json"),
      xborder::Registry::builtin().converter("ncic:hit", "xes-json"),
      xborder::Registry::builtin().converter("ncic:qw", "xes-json")};
  static const xborder::Converter entry = xborder::Registry::builtin().converter("ncic:ew", "ncic:ew");
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (const auto& converter : converters) {
    const xborder::Result result = converter.convert(input);
    if (!result.ok() && result.diagnostics.errors().empty()) __builtin_trap();
  }
  xborder::fuzz::check_offsets("ncic", input, "");
  const xborder::Result written = entry.convert(input);
  if (!written.ok() && written.diagnostics.errors().empty()) __builtin_trap();
  const xborder::Result again = entry.convert(written.output);
  if (!again.ok() && again.diagnostics.errors().empty()) __builtin_trap();
  return 0;
}
