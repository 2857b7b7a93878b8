// Fuzz target: arbitrary bytes decoded from a charset the first byte picks, stopping and replacing: both give
// UTF-8; they agree up to the first invalid sequence and on its offset; offsets lie inside the input in order.

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <string_view>

#include "core/utf8.hpp"
#include "xborder/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static constexpr const char* kCharsets[] = {"UTF-8",     "windows-1251", "windows-1252", "windows-1253",
                                              "ISO-8859-2", "KOI8-R",      "Shift_JIS",    "EUC-JP",
                                              "GB18030",    "Big5",        "EUC-KR",       "UTF-16LE",
                                              "UTF-16BE",   "UTF-32",      "ISO-2022-JP",  "ibm-037"};
  if (size == 0) return 0;
  const char* charset = kCharsets[data[0] % std::size(kCharsets)];
  const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto stopped = xborder::decode(bytes, charset);
  const auto replaced = xborder::decode(bytes, charset, {.on_invalid = xborder::OnInvalid::replace});
  if (!xborder::detail::is_valid_utf8(stopped.text) || !xborder::detail::is_valid_utf8(replaced.text)) __builtin_trap();
  if (stopped.complete() != replaced.complete()) __builtin_trap();
  if (stopped.complete() ? stopped.text != replaced.text
                         : stopped.invalid.size() != 1 || stopped.invalid.front() != replaced.invalid.front() ||
                               !replaced.text.starts_with(stopped.text)) {
    __builtin_trap();
  }
  if (!std::is_sorted(replaced.invalid.begin(), replaced.invalid.end()) ||
      (!replaced.invalid.empty() && replaced.invalid.back() >= bytes.size())) {
    __builtin_trap();
  }
  (void)xborder::detect_charsets(bytes);
  return 0;
}
