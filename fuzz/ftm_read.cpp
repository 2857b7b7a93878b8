// Fuzz target: the FollowTheMoney reader on arbitrary bytes (entities and delta lines, nested entities,
// references between them), and what it reads written back as FtM and read again: no crash, no hang, and a
// failed conversion always says why.

#include <cstdint>
#include <string_view>

#include "xborder/convert.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const xborder::Converter read = xborder::Registry::builtin().converter("ftm", "ftm");
  static const xborder::Converter again = xborder::Registry::builtin().converter("ftm", "xes-json");
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const xborder::Result result = read.convert(input);
  if (!result.ok() && result.diagnostics.errors().empty()) __builtin_trap();
  // What the writer makes is FtM the reader takes without a syntax error.
  const xborder::Result second = again.convert(result.output);
  for (const auto& error : second.diagnostics.errors()) {
    if (error.code == "ftm.syntax") __builtin_trap();
  }
  return 0;
}
