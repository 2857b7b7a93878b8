#pragma once
// A code table (mappings/codes/*.csv or a table beside a run-time profile): rows of codes in named columns,
// looked up from one column to another in either direction.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "formats/tabular/csv.hpp"

namespace xborder::detail {

class CodeTable {
 public:
  // Throws nothing: false with `why` on a malformed table.
  static std::shared_ptr<const CodeTable> parse(std::string name, std::string_view text, std::string& why);

  const std::string& name() const { return name_; }
  int column(std::string_view name) const { return table_.column(name); }  // -1 if absent
  std::size_t columns() const { return table_.header.size(); }

  // The value in column `to` of the first row whose column `from` holds `code`.
  std::optional<std::string_view> lookup(int from, int to, std::string_view code) const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  using Index = std::unordered_map<std::string, std::size_t, Hash, std::equal_to<>>;  // code -> first row

  std::string name_;
  CsvTable table_;
  std::vector<Index> indexes_;  // one per column, built at load: lookups stay lock-free
};

}  // namespace xborder::detail
