// Fuzz target: input of unknown format, as `xborder convert` and `xborder inspect` meet it: sniffed, then read
// by the format sniffing picked, whole and streamed record by record, and its fields viewed. Any bytes end in
// diagnostics (a refusal always says why), never a crash, a hang or an exception other than the documented
// FormatError of inspect for formats without a field view.

#include <cstdint>
#include <sstream>
#include <string>
#include <string_view>

#include "xborder/convert.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& registry = xborder::Registry::builtin();
  static const xborder::Converter converter = registry.converter("", "xes-json");
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)registry.sniff(input);
  const xborder::Result whole = converter.convert(input);
  if (!whole.ok() && whole.diagnostics.errors().empty()) __builtin_trap();
  std::istringstream stream{std::string(input)};
  int records = 0;
  converter.convert(stream, [&](xborder::Result&& record) {
    if (!record.ok() && record.diagnostics.errors().empty()) __builtin_trap();
    return ++records < 1000;
  });
  std::istringstream again{std::string(input)};
  try {
    int trees = 0;
    (void)registry.inspect(again, "", [&](const xborder::FieldTree&) { return ++trees < 1000; });
  } catch (const xborder::FormatError&) {
    // XES and MRZ have no field view: inspect says so
  }
  return 0;
}
