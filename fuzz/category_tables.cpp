// Fuzz target: the category table loader on an arbitrary system or crosswalk file (users may supply tables
// at run time). A table either loads or is refused with a ProfileError; anything else is a finding.

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "xborder/categories.hpp"
#include "xborder/diagnostics.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("xborder-fuzz-categories-" + std::to_string(::getpid()));
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const bool system = text.substr(0, 9) == "# system:";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "categories" / (system ? "systems" : "crosswalks"));
  std::ofstream(dir / "categories" / (system ? "systems/fuzz.csv" : "crosswalks/fuzz.csv"), std::ios::binary) << text;
  try {
    const xborder::Categories categories(dir);
    if (categories.has("fuzz", "1")) categories.translate("fuzz", "1", "iccs");
  } catch (const xborder::ProfileError&) {
  }
  return 0;
}
