// Fuzz target: arbitrary text through the transliteration schemes, the MRZ name field and the name functions.
// Not UTF-8: an xborder::Error, nothing else. The first byte picks the scheme.

#include <cstdint>
#include <string_view>

#include "xborder/diagnostics.hpp"
#include "xborder/names.hpp"
#include "xborder/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static constexpr std::string_view kSchemes[] = {"icao9303",    "icao9303-uk", "icao9303-bg", "icao9303-latin-reversible",
                                                  "bgn-pcgn-ru", "ua-kmu55",    "elot743",     "ascii"};
  const std::string_view scheme = kSchemes[data[0] % std::size(kSchemes)];
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto& transliteration = xborder::Transliteration::builtin();
  try {
    (void)transliteration.apply(text, scheme);
    const auto name = transliteration.mrz_name(text, text, 39, scheme);
    if (name.field.size() != 39) __builtin_trap();
    const double score = xborder::names::similarity(text, "Anna Maria Eriksson");
    if (!(score >= 0.0 && score <= 1.0)) __builtin_trap();
    (void)xborder::names::key(text);
  } catch (const xborder::Error&) {
  }
  return 0;
}
