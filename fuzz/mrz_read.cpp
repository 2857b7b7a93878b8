// Fuzz target: any text as a machine-readable zone, strict and lenient: a report, never a crash; a report
// that says valid has every field a valid zone has.

#include <cstdint>
#include <string_view>

#include "xborder/mrz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const bool lenient : {false, true}) {
    const auto report = xborder::mrz::read(text, {.lenient = lenient, .reference_date = "2026-11-28"});
    (void)report.to_json();
    if (report.valid() && (report.fields.birth_date_iso.empty() || report.lines.empty())) __builtin_trap();
  }
  return 0;
}
