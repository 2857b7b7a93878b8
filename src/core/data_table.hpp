#pragma once
// The data-table reader: every CSV data file of mappings/ (code tables, classification systems and
// crosswalks, transliteration tables, aliases) and the tables users add. RFC 4180 records (a quoted cell
// may hold line breaks); lines starting with '#' are comments, and "# key: value" comments are metadata
// (source, version, ...); the first other line is the header. Rows keep their line numbers, so that every
// load error names file:line. Reading is linear in the text.

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/mapping_store.hpp"

namespace xborder::detail {

struct DataTable {
  struct Row {
    std::size_t line = 0;  // of the row's first line, from 1
    std::vector<std::string> cells;
    const std::string& operator[](std::size_t column) const { return cells[column]; }
  };

  std::string file;  // as messages name it: "mappings/codes/countries.csv"
  std::map<std::string, std::string, std::less<>> metadata;
  std::vector<std::string> header;
  std::size_t header_line = 0;
  std::vector<Row> rows;

  // Throws ProfileError(file, line, what is wrong) for a malformed table.
  static DataTable parse(std::string file, std::string_view text);
  // mappings/`path` from the store; throws Error if the store has no such file.
  static DataTable load(const MappingStore& store, std::string_view path);

  int column(std::string_view name) const;  // -1 if absent
  // The column's index; throws ProfileError at the header when the table has no such column.
  std::size_t require(std::string_view name) const;
  [[noreturn]] void fail(std::size_t line, const std::string& why) const;
};

}  // namespace xborder::detail
