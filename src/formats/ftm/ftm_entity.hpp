#pragma once
// One FollowTheMoney entity as read or to be written: id, schema, properties (each a list of strings, in
// their order) and the entity's other members (caption, datasets, first_seen, ...) as their JSON text.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace xborder::detail {

struct FtmEntity {
  std::string id;
  std::string schema;
  std::vector<std::pair<std::string, std::vector<std::string>>> properties;
  std::vector<std::pair<std::string, std::string>> members;  // other members, as JSON text
  std::size_t line = 0;    // where it was read (1-based), 0 when made by the writer
  std::size_t offset = 0;  // byte offset of its line
  std::string_view raw;    // its line

  const std::vector<std::string>* values(std::string_view property) const {
    for (const auto& [name, list] : properties) {
      if (name == property) return &list;
    }
    return nullptr;
  }
  // The property's list, added when absent.
  std::vector<std::string>& property(std::string_view name) {
    for (auto& [key, list] : properties) {
      if (key == name) return list;
    }
    return properties.emplace_back(std::string(name), std::vector<std::string>{}).second;
  }
  void add(std::string_view name, std::string_view value) {
    if (!value.empty()) property(name).emplace_back(value);
  }
  // Empty again, keeping the memory of its strings and lists (a writer reuses its entities).
  void reset() {
    id.clear();
    schema.clear();
    properties.clear();
    members.clear();
    line = offset = 0;
    raw = {};
  }
};

}  // namespace xborder::detail
