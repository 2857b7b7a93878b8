// Fuzz target: the profile loader on arbitrary profile text (profiles are data users supply at run time).
// A profile either loads or is refused with a ProfileError; anything else is a finding.

#include <cstdint>
#include <string>

#include "builtin/builtin_registry.hpp"
#include "core/mapping_store.hpp"
#include "profiles/profile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const xborder::detail::MappingStore store;
  static const xborder::detail::ProfileContext context{store, xborder::detail::builtin_codecs(), {}};
  const std::vector<xborder::detail::ProfileSource> sources = {
      {"fuzz.json", std::string(reinterpret_cast<const char*>(data), size), {}}};
  try {
    xborder::detail::load_profiles(sources, context);
  } catch (const xborder::ProfileError&) {
  }
  return 0;
}
