// Fuzz target: Registry::validate (`xborder validate`) on arbitrary bytes: the XES reader of the syntax named
// or sniffed, then the published schema, partial dates and the code tables. The first byte picks the format:
// sniffed, xes-json or xes-xml. Bad input is diagnostics (each refusal says why), never a crash or a hang.

#include <cstdint>
#include <string_view>

#include "xborder/convert.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr std::string_view kFormats[] = {"", "xes-json", "xes-xml"};
  const std::string_view format = kFormats[data[0] % std::size(kFormats)];
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const xborder::Diagnostics diagnostics = xborder::Registry::builtin().validate(bytes, format);
  if (diagnostics.has_errors() && diagnostics.errors().empty()) __builtin_trap();
  return 0;
}
