// Fuzz target: the category table loader on an arbitrary system, crosswalk or qualifier file (users may supply
// tables at run time); a text that names the column "qualifier" is read as the qualifiers of nibrs. A table either loads or is refused with a ProfileError; anything else is a finding.
// The input is loaded beside two small fixed systems instead of the built-in tables: loading those for
// every input left the fuzzer at 20 inputs a second.

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "xborder/categories.hpp"
#include "xborder/diagnostics.hpp"

namespace {

const std::filesystem::path& tables_dir() {
  static const std::filesystem::path dir = [] {
    const auto made = std::filesystem::temp_directory_path() / ("xborder-fuzz-categories-" + std::to_string(::getpid()));
    std::filesystem::remove_all(made);
    std::filesystem::create_directories(made / "categories" / "systems");
    std::filesystem::create_directories(made / "categories" / "crosswalks");
    std::filesystem::create_directories(made / "categories" / "qualifiers");
    std::ofstream(made / "categories" / "systems" / "iccs.csv")
        << "# system: iccs\ncode,parent,level,title\n01,,1,killing\n0101,01,2,intentional homicide\n"
           "05,,1,property\n0502,05,2,theft\n050211,0502,3,theft of a motor vehicle\n";
    std::ofstream(made / "categories" / "systems" / "nibrs.csv")
        << "# system: nibrs\ncode,parent,level,title\n09A,,1,murder\n23F,,1,theft from motor vehicle\n"
           "240,,1,motor vehicle theft\n";
    return made;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::filesystem::path& dir = tables_dir();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const bool qualifiers = text.find("qualifier,") != std::string_view::npos;
  const bool system = text.substr(0, 9) == "# system:";
  const auto file = dir / "categories" /
                    (qualifiers ? "qualifiers/nibrs.csv" : system ? "systems/fuzz.csv" : "crosswalks/fuzz.csv");
  std::filesystem::remove(dir / "categories" / "systems" / "fuzz.csv");
  std::filesystem::remove(dir / "categories" / "crosswalks" / "fuzz.csv");
  std::filesystem::remove(dir / "categories" / "qualifiers" / "nibrs.csv");
  std::ofstream(file, std::ios::binary) << text;
  try {
    const xborder::Categories categories(dir, xborder::Categories::Tables::directory_only);
    if (categories.has("fuzz", "1")) categories.translate("fuzz", "1", "iccs");
    categories.translate("nibrs", "23F", "iccs");
    categories.translate("iccs", "050211", "nibrs");
    for (const auto& q : categories.qualifiers("nibrs")) categories.qualifier_meaning("nibrs", q.qualifier, q.value);
  } catch (const xborder::ProfileError&) {
  }
  return 0;
}
