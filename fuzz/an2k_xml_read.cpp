// Fuzz target: any bytes as an ANSI/NIST-ITL XML transaction (2011 itl/biom or EBTS 10 nistbio/nbio/ebts) read
// into the traditional FieldTree, with small limits. A clean error or a clean read: errors exactly when refused,
// every field's offset inside the input.

#include <cstdint>
#include <string_view>

#include "formats/an2k_xml/an2k_xml_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  xborder::Limits limits;
  limits.depth = 32;
  limits.fields = 2000;
  limits.value_bytes = 1 << 16;
  xborder::FieldTree tree;
  xborder::Diagnostics diagnostics;
  const bool ok = xborder::detail::read_an2k_xml(bytes, xborder::detail::An2kXmlPaths::builtin(), limits, tree,
                                                 diagnostics);
  if (ok == diagnostics.has_errors()) __builtin_trap();
  for (const auto& field : tree.fields) {
    if (field.offset > size) __builtin_trap();
  }
  return 0;
}
