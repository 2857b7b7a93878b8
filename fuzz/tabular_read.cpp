// Fuzz target: the tabular codec and profile engine on arbitrary bytes, through both example profiles
// (CSV in Windows-1252 and fixed width in Windows-1251), each value where its offset says (conversion_checks.hpp).

#include <cstdint>
#include <string_view>

#include "conversion_checks.hpp"
#include "xborder/convert.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const xborder::Converter converters[] = {
      xborder::Registry::builtin().converter("tabular:example-de-csv", "xes-json"),
      xborder::Registry::builtin().converter("tabular:example-ru-fixed", "xes-xml")};
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  for (const auto& converter : converters) {
    const xborder::Result result = converter.convert(input);
    if (!result.ok() && result.diagnostics.errors().empty()) __builtin_trap();
  }
  for (const char* format : {"tabular:example-de-csv", "tabular:example-ru-fixed"}) {
    xborder::fuzz::check_offsets(format, input, "");
  }
  return 0;
}
