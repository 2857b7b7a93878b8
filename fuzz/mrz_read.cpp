// Fuzz target: any text as a machine-readable zone, strict and lenient: a report, never a crash; a report
// that says valid has every field a valid zone has; a report reused after a valid zone says what a fresh
// one says.

#include <cstdint>
#include <string_view>

#include "xborder/mrz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const bool lenient : {false, true}) {
    const xborder::mrz::ReadOptions options{.lenient = lenient, .reference_date = "2026-11-28"};
    const auto report = xborder::mrz::read(text, options);
    const std::string json = report.to_json();
    if (report.valid() && (report.fields.birth_date_iso.empty() || report.lines.empty())) __builtin_trap();
    xborder::mrz::Report reused = xborder::mrz::read(
        "I<UTOD23145890<1233<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<2\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\n", options);
    xborder::mrz::read(text, options, reused);
    if (reused.to_json() != json || reused.lines != report.lines) __builtin_trap();
  }
  return 0;
}
