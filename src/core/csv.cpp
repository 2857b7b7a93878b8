#include "core/csv.hpp"

#include <algorithm>

namespace xborder::detail {

bool split_csv_record(std::string_view record, const CsvDialect& dialect, std::vector<CsvCell>& cells,
                      std::string& why) {
  // Cells are reused from call to call (their strings keep their capacity). A plain cell's value is a view
  // of the record; a quoted one's is unescaped into the cell, and viewed once no cell moves any more.
  std::size_t count = 0;
  std::size_t at = 0;
  const auto done = [&](bool ok) {
    cells.resize(count);
    for (CsvCell& cell : cells) {
      if (cell.quoted) cell.value = cell.unescaped;
    }
    return ok;
  };
  while (true) {
    if (cells.size() <= count) cells.emplace_back();
    CsvCell& cell = cells[count++];
    cell.offset = at;
    if (at < record.size() && record[at] == dialect.quote) {
      cell.quoted = true;
      cell.unescaped.clear();
      ++at;
      while (true) {
        const std::size_t close = record.find(dialect.quote, at);
        if (close == std::string_view::npos) {
          why = "quoted cell opened at byte " + std::to_string(cell.offset) + " does not close";
          return done(false);
        }
        cell.unescaped.append(record.substr(at, close - at));
        at = close + 1;
        if (at < record.size() && record[at] == dialect.quote) {  // "" inside quotes
          cell.unescaped.push_back(dialect.quote);
          ++at;
          continue;
        }
        break;
      }
      cell.raw = record.substr(cell.offset + 1, at - 2 - cell.offset);
      if (at < record.size() && record[at] != dialect.delimiter) {
        why = "unexpected byte after the closing quote at byte " + std::to_string(at);
        return done(false);
      }
    } else {
      const std::size_t end = std::min(record.find(dialect.delimiter, at), record.size());
      cell.quoted = false;
      cell.value = cell.raw = record.substr(at, end - at);
      at = end;
    }
    if (at >= record.size()) return done(true);
    ++at;  // the delimiter
  }
}

bool csv_quote_open(std::string_view more, const CsvDialect& dialect, bool open) {
  return open != (std::count(more.begin(), more.end(), dialect.quote) % 2 == 1);
}

void append_csv_cell(std::string& out, std::string_view value, const CsvDialect& dialect) {
  const bool quote = value.find_first_of(std::string{dialect.delimiter, dialect.quote, '\r', '\n'}) !=
                     std::string_view::npos;
  if (!quote) {
    out.append(value);
    return;
  }
  out.push_back(dialect.quote);
  for (const char c : value) {
    if (c == dialect.quote) out.push_back(dialect.quote);
    out.push_back(c);
  }
  out.push_back(dialect.quote);
}

}  // namespace xborder::detail
