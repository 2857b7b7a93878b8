// Fuzz target: an ANSI/NIST-ITL traditional transaction (any bytes the an2k codec reads) written in the XML
// encoding and read back: every field value comes back at its path (record lengths, which XML does not carry,
// excepted). Values XML 1.0 cannot carry are refused with an error, never changed.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/memory_stream.hpp"
#include "formats/an2k_xml/an2k_xml_reader.hpp"
#include "xborder/convert.hpp"

namespace {

std::map<std::string, std::string> values(const xborder::FieldTree& tree) {
  std::map<std::string, std::string> out;
  for (const auto& f : tree.fields) {
    const auto dot = f.path.find('.');
    // Record lengths (x.001, with whatever items a quirky LEN has) are the XML encoding's to recompute.
    const bool length = dot != std::string::npos && f.path.compare(dot, 4, ".001") == 0 &&
                        (f.path.size() == dot + 4 || f.path[dot + 4] == '.' || f.path[dot + 4] == '[');
    if (!length) out[f.path] = f.binary ? std::string(f.raw) : f.text;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  const auto& paths = xborder::detail::An2kXmlPaths::builtin();
  xborder::detail::MemoryStream input(bytes);
  xborder::Registry::builtin().inspect(input, "an2k", [&](const xborder::FieldTree& tree) {
    xborder::Diagnostics diagnostics;
    const auto xml = xborder::detail::write_an2k_xml(tree, paths, diagnostics);
    if (xml.has_value() == diagnostics.has_errors()) __builtin_trap();  // errors exactly when refused
    if (!xml) return true;
    xborder::FieldTree back;
    xborder::Diagnostics read;
    if (!xborder::detail::read_an2k_xml(*xml, paths, xborder::Limits{}, back, read)) __builtin_trap();
    if (values(back) != values(tree)) __builtin_trap();
    return true;
  });
  return 0;
}
