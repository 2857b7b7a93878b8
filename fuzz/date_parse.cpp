// Fuzz target: dates through the profile date transform, in Gregorian and other calendars: a date or a
// clean refusal; a date read is ISO 8601 and writes back.

#include <rapidjson/document.h>

#include <cstdint>
#include <memory>
#include <string>

#include "profiles/transform.hpp"
#include "xborder/diagnostics.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static const auto transforms = [] {
    std::vector<std::unique_ptr<xborder::detail::Transform>> made;
    for (const char* json : {R"({"layout": "DD.MM.YYYY"})", R"({"layout": "YYMMDD", "pivot": 30})",
                             R"({"layout": "YYYY/MM/DD", "calendar": "persian"})",
                             R"({"layout": "YYYY-MM-DD", "calendar": "islamic-umalqura"})",
                             R"({"layout": "DD/MM/YYYY", "calendar": "buddhist-thai-historical"})"}) {
      rapidjson::Document options;
      options.Parse(json);
      std::string why;
      made.push_back(xborder::detail::make_transform("date", options, {}, why));
    }
    return made;
  }();
  const auto& transform = *transforms[data[0] % transforms.size()];
  xborder::Diagnostics diagnostics;
  xborder::detail::TransformContext context{diagnostics, "fuzz", "row", "date", 0};
  xborder::detail::Values values{std::string(reinterpret_cast<const char*>(data) + 1, size - 1)};
  if (!transform.forward(values, context) || values[0].empty()) return 0;  // refused, or nothing to read
  const std::string& iso = values[0];
  if (iso.size() != 4 && iso.size() != 7 && iso.size() != 10) __builtin_trap();
  if (!transform.backward(values, context) && iso.size() == 10) __builtin_trap();  // a full date writes back
  return 0;
}
