// Fuzz target: any bytes as an ANSI/NIST-ITL transaction checked against the built-in specifications (FBI
// EBTS 9.1 per type of transaction, ANSI/NIST-ITL 1-2011). A report and nothing else: every finding located
// inside the input, never conformant when the input could not be read, and a JSON report that is well formed.

#include <cstdint>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "xborder/check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const xborder::Specification specs[] = {xborder::Specification::load("ebts-9.1"),
                                                 xborder::Specification::load("an2k-2011")};
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const auto& spec : specs) {
    const auto report = spec.check(bytes);
    if (report.diagnostics.has_errors() && report.conformant()) __builtin_trap();
    for (const auto& finding : report.findings) {
      if (finding.offset > size || finding.rule.empty()) __builtin_trap();
    }
    const std::string json = report.to_json();
    rapidjson::Document document;
    if (document.Parse(json.data(), json.size()).HasParseError()) __builtin_trap();
  }
  return 0;
}
