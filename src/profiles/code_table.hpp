#pragma once
// A code table (mappings/codes/*.csv or a table beside a run-time profile): rows of codes in named columns,
// looked up from one column to another in either direction.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/data_table.hpp"

namespace xborder::detail {

class CodeTable {
 public:
  // `name` as profiles name it, `file` as messages do. Throws ProfileError at the table's line if malformed.
  static std::shared_ptr<const CodeTable> parse(std::string name, std::string file, std::string_view text);

  const std::string& name() const { return name_; }
  int column(std::string_view name) const { return table_.column(name); }  // -1 if absent
  std::size_t columns() const { return table_.header.size(); }
  const DataTable& data() const { return table_; }  // the rows, for transforms that index them their own way

  // The value in column `to` of the first row whose column `from` holds `code`.
  std::optional<std::string_view> lookup(int from, int to, std::string_view code) const;

 private:
  // One column's codes, found by hash: open addressing in a power-of-two table of views into the rows (which
  // never change after loading), so a lookup costs a short hash and a compare or two, no division.
  class Index {
   public:
    void build(const std::vector<DataTable::Row>& rows, std::size_t column);
    const std::size_t* find(std::string_view code) const;

   private:
    struct Slot {
      std::string_view code;
      std::size_t row = kEmpty;
    };
    static constexpr std::size_t kEmpty = static_cast<std::size_t>(-1);
    static std::size_t hash(std::string_view code);
    std::vector<Slot> slots_;
  };

  std::string name_;
  DataTable table_;
  std::vector<Index> indexes_;  // one per column, built at load: lookups stay lock-free
};

}  // namespace xborder::detail
