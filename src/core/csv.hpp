#pragma once
// RFC 4180 records: splitting one record into cells and quoting cells for writing. Shared by the tabular
// codec and the data-table reader (core/data_table.hpp).

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace xborder::detail {

struct CsvDialect {
  char delimiter = ',';
  char quote = '"';
};

struct CsvCell {
  std::string_view value;   // unquoted, "" unescaped: within the record, or `unescaped` for a quoted cell
  std::string_view raw;     // its bytes as they stand in the record: a quoted cell's between its quotes
  std::size_t offset = 0;   // of the cell's first byte within the record (a quoted cell's opening quote)
  bool quoted = false;
  std::string unescaped;    // a quoted cell's value
};

// Splits `record` (without its line ending; quoted cells may hold line breaks) into cells, whose values
// stay valid while the record and the cells do. False with `why` for a quote that does not close or stray
// bytes after a closing quote.
bool split_csv_record(std::string_view record, const CsvDialect& dialect, std::vector<CsvCell>& cells,
                      std::string& why);

// True while a record ends inside an open quoted cell (it continues on the next line): `open` is the state
// before `more`, the record's next bytes, so a reader that feeds each new line in turn does work linear in
// the record (a quote toggles the state; "" inside a cell toggles it twice).
bool csv_quote_open(std::string_view more, const CsvDialect& dialect, bool open = false);

// Appends `value` as one cell, quoted only when it must be (delimiter, quote, CR or LF inside).
void append_csv_cell(std::string& out, std::string_view value, const CsvDialect& dialect);

}  // namespace xborder::detail
