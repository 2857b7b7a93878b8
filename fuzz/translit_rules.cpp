// Fuzz target: arbitrary text as a user's transliteration rule file (ICU rule syntax): it loads or is refused
// with a ProfileError; rules that load transliterate names of several scripts without a crash.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "xborder/diagnostics.hpp"
#include "xborder/text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Schemes cannot be removed: a fresh engine now and then keeps memory bounded.
  static std::unique_ptr<xborder::Transliteration> engine;
  static std::size_t added = 0;
  if (!engine || added == 256) {
    engine = std::make_unique<xborder::Transliteration>();
    added = 0;
  }
  const std::string id = "fuzz-" + std::to_string(added++);
  try {
    engine->add_rules(id, std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.txt");
  } catch (const xborder::ProfileError&) {
    return 0;
  }
  (void)engine->apply("Юлия Тимошенко, Müller-Lüdenscheidt; عبّاس 123 Ωμέγα", id);
  return 0;
}
