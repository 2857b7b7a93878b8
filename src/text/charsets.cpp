// Legacy character sets: decoding with the caller's policy for invalid bytes, and detection.

#include <unicode/ucsdet.h>

#include <algorithm>
#include <memory>

#include "core/charset.hpp"
#include "xborder/diagnostics.hpp"
#include "xborder/text.hpp"

namespace xborder {

Decoded decode(std::string_view bytes, std::string_view charset, const DecodeOptions& options) {
  Decoded decoded;
  const bool replace = options.on_invalid == OnInvalid::replace;
  detail::Charset::named(charset).decode(bytes, decoded.text, replace ? &options.replacement : nullptr, &decoded.invalid);
  return decoded;
}

std::vector<CharsetGuess> detect_charsets(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, decltype(&ucsdet_close)> detector(ucsdet_open(&status), &ucsdet_close);
  if (U_FAILURE(status)) throw Error("ICU cannot open a charset detector");
  const auto length = static_cast<int32_t>(std::min<std::size_t>(bytes.size(), 1 << 20));  // a sample is enough
  ucsdet_setText(detector.get(), bytes.data(), length, &status);
  int32_t found = 0;
  const UCharsetMatch** matches = ucsdet_detectAll(detector.get(), &found, &status);
  std::vector<CharsetGuess> out;
  for (int32_t i = 0; U_SUCCESS(status) && i < found; ++i) {
    out.push_back({ucsdet_getName(matches[i], &status), ucsdet_getConfidence(matches[i], &status)});
  }
  return out;
}

}  // namespace xborder
