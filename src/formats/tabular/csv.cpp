#include "formats/tabular/csv.hpp"

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
      if (at < record.size() && record[at] != dialect.delimiter) {
        why = "unexpected byte after the closing quote at byte " + std::to_string(at);
        return done(false);
      }
    } else {
      const std::size_t end = std::min(record.find(dialect.delimiter, at), record.size());
      cell.quoted = false;
      cell.value = record.substr(at, end - at);
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

int CsvTable::column(std::string_view name) const {
  const auto found = std::find(header.begin(), header.end(), name);
  return found == header.end() ? -1 : static_cast<int>(found - header.begin());
}

bool parse_csv_table(std::string_view text, CsvTable& table, std::string& why) {
  const CsvDialect dialect;
  std::vector<CsvCell> cells;
  std::size_t at = 0, line = 0;
  std::string record;
  while (at < text.size()) {
    const std::size_t first_line = line + 1;
    record.clear();
    do {  // a record runs over several lines while a quoted cell is open
      const std::size_t end = std::min(text.find('\n', at), text.size());
      if (!record.empty()) record.push_back('\n');
      record.append(text.substr(at, end - at));
      at = end + 1;
      ++line;
    } while (csv_quote_open(record, dialect) && at < text.size());
    if (!record.empty() && record.back() == '\r') record.pop_back();
    if (record.empty() || record.front() == '#') continue;
    if (!split_csv_record(record, dialect, cells, why)) {
      why = "line " + std::to_string(first_line) + ": " + why;
      return false;
    }
    std::vector<std::string> values;
    values.reserve(cells.size());
    for (const auto& cell : cells) values.emplace_back(cell.value);
    if (table.header.empty()) {
      table.header = std::move(values);
    } else {
      if (values.size() != table.header.size()) {
        why = "line " + std::to_string(first_line) + ": " + std::to_string(values.size()) + " cells, the header has " +
              std::to_string(table.header.size());
        return false;
      }
      table.rows.push_back(std::move(values));
    }
  }
  if (table.header.empty()) {
    why = "no header row";
    return false;
  }
  return true;
}

}  // namespace xborder::detail
