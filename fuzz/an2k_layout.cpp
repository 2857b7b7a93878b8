// Fuzz target: any text as the an2k:layout extension of an XES message (which may come from anyone) on its way
// back to ANSI/NIST-ITL. A clean error, or a transaction that reads again; nothing else.

#include <cstdint>
#include <string>
#include <string_view>

#include "formats/an2k/an2k_codec.hpp"
#include "xborder/convert.hpp"
#include "xborder/xes_io.hpp"

namespace {

// A transaction with every quirk the layout carries: two-digit tags, "13.005" in a Type-9, a field out of
// order, one repeated, LEN padded.
std::string quirky() {
  const auto record = [](const std::string& len_tag, std::size_t width, const std::vector<std::string>& fields) {
    std::string body;
    for (std::size_t i = 0; i < fields.size(); ++i) body += fields[i] + (i + 1 == fields.size() ? '\x1C' : '\x1D');
    const auto text = [&](std::size_t length) {
      const std::string digits = std::to_string(length);
      return std::string(width > digits.size() ? width - digits.size() : 0, '0') + digits;
    };
    std::size_t length = len_tag.size() + 2 + body.size() + 1;
    while (len_tag.size() + 2 + text(length).size() + body.size() != length) ++length;
    return len_tag + ":" + text(length) + '\x1D' + body;
  };
  return record("1.01", 0, {"1.02:0400", "1.03:1\x1F" "2\x1E" "2\x1F" "00\x1E" "9\x1F" "01", "1.04:CAR",
                            "1.05:20260101", "1.07:DAI", "1.08:ORI", "1.09:TCN-1", "1.011:19.69", "1.012:19.69"}) +
         record("2.001", 5, {"2.002:00", "2.018:DOE, JANE", "2.005:N", "2.018:ROE, JO"}) +
         record("9.001", 0, {"9.002:01", "9.004:U", "9.003:0", "13.005:X"});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const xborder::xes::Message message = [] {
    const auto result = xborder::Registry::builtin().converter("an2k", "").convert(quirky());
    if (!result.ok() || result.messages.size() != 1) __builtin_trap();
    return result.messages.front();
  }();
  static const auto write = xborder::Registry::builtin().converter("xes-json", "an2k");
  xborder::xes::Message edited = message;
  for (auto& extension : edited.extensions) {
    if (extension.source_path == "an2k:layout") extension.value.assign(reinterpret_cast<const char*>(data), size);
  }
  xborder::Diagnostics diagnostics;
  const auto json = xborder::write_xes(edited, xborder::XesSyntax::json, diagnostics);
  if (!json) return 0;  // text that is not UTF-8: refused before it reaches the codec
  const xborder::Result back = write.convert(*json);
  if (back.ok() == back.diagnostics.has_errors()) __builtin_trap();
  if (!back.ok()) return 0;
  xborder::detail::An2kTransaction transaction;
  xborder::Diagnostics again;
  const auto consumed = xborder::detail::parse_an2k(back.output, 0, false, transaction, again);
  if (!consumed || *consumed != back.output.size()) __builtin_trap();
  return 0;
}
