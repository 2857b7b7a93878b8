#include "formats/ftm/ftm_tables.hpp"

#include <cctype>

#include "core/data_table.hpp"

namespace xborder::detail {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Reads `key` -> `value` and `value` -> `key` (the first row of a value wins the way back).
void both_ways(const DataTable& table, std::string_view key, std::string_view value,
               std::map<std::string, std::string, std::less<>>& forward,
               std::map<std::string, std::string, std::less<>>& backward) {
  const std::size_t k = table.require(key), v = table.require(value);
  for (const auto& row : table.rows) {
    if (!forward.emplace(row[k], row[v]).second) table.fail(row.line, "'" + row[k] + "' appears twice");
    backward.emplace(row[v], row[k]);
  }
}

template <class Map>
std::string found(const Map& map, std::string_view key) {
  const auto it = map.find(key);
  return it == map.end() ? std::string() : it->second;
}

}  // namespace

FtmTables::FtmTables(const MappingStore& store) {
  const DataTable schemata = DataTable::load(store, "ftm/schemata.csv");
  const std::size_t name = schemata.require("schema"), xes = schemata.require("xes");
  const std::size_t subject = schemata.require("subject"), object = schemata.require("object");
  static const std::map<std::string, FtmRole, std::less<>> kRoles = {
      {"person", FtmRole::person},     {"organisation", FtmRole::organisation}, {"document", FtmRole::document},
      {"notice", FtmRole::notice},     {"location", FtmRole::location},         {"relation", FtmRole::relation}};
  for (const auto& row : schemata.rows) {
    const auto role = kRoles.find(row[xes]);
    if (role == kRoles.end()) schemata.fail(row.line, "unknown XES list '" + row[xes] + "'");
    schemata_[row[name]] = {role->second, row[subject], row[object]};
  }
  const DataTable countries = DataTable::load(store, "codes/countries.csv");
  const std::size_t code = countries.require("code"), alpha2 = countries.require("alpha2");
  for (const auto& row : countries.rows) {
    if (row[alpha2].empty()) continue;
    alpha3_.emplace(lower(row[alpha2]), row[code]);
    alpha2_.emplace(row[code], lower(row[alpha2]));
  }
  both_ways(DataTable::load(store, "ftm/identifiers.csv"), "property", "type", id_types_, id_properties_);
  both_ways(DataTable::load(store, "ftm/genders.csv"), "code", "iso5218", iso5218_, genders_);
}

const FtmSchema* FtmTables::schema(std::string_view name) const {
  const auto it = schemata_.find(name);
  return it == schemata_.end() ? nullptr : &it->second;
}

std::string FtmTables::alpha3(std::string_view ftm_code) const { return found(alpha3_, lower(ftm_code)); }
std::string FtmTables::alpha2(std::string_view alpha3) const { return found(alpha2_, alpha3); }
std::string FtmTables::identifier_type(std::string_view property) const { return found(id_types_, property); }
std::string FtmTables::identifier_property(std::string_view type) const { return found(id_properties_, type); }
std::string FtmTables::iso5218(std::string_view gender) const { return found(iso5218_, lower(gender)); }
std::string FtmTables::gender(std::string_view iso5218) const { return found(genders_, iso5218); }

}  // namespace xborder::detail
