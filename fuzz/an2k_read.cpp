// Fuzz target: any bytes as an ANSI/NIST-ITL transaction, strict and lenient, through the codec (FieldTree,
// writer) and the EBTS profile (XES with biometrics). A clean error or a clean read, with every field where
// its offset says (conversion_checks.hpp); nothing else.

#include <cstdint>
#include <string_view>

#include "conversion_checks.hpp"
#include "formats/an2k/an2k_codec.hpp"
#include "xborder/convert.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const bool strict : {true, false}) {
    xborder::detail::An2kTransaction transaction;
    xborder::Diagnostics diagnostics;
    const auto consumed = xborder::detail::parse_an2k(bytes, 0, strict, transaction, diagnostics);
    if (consumed.has_value() == diagnostics.has_errors()) __builtin_trap();  // errors exactly when refused
    if (!consumed) continue;
    if (*consumed == 0 || *consumed > size) __builtin_trap();
    xborder::FieldTree tree;
    if (xborder::detail::an2k_to_field_tree(transaction, "t", nullptr, tree, diagnostics)) {
      (void)xborder::detail::write_an2k(tree, diagnostics);
    }
  }
  static const auto convert = xborder::Registry::builtin().converter("an2k:ebts", "xes-json",
                                                                      {.created = "2026-01-01T00:00:00Z"});
  (void)convert.convert(bytes);
  xborder::fuzz::check_offsets("an2k", bytes, "");
  return 0;
}
