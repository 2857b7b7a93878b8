#include "core/data_table.hpp"

#include <algorithm>

#include "core/csv.hpp"
#include "xborder/diagnostics.hpp"

namespace xborder::detail {

DataTable DataTable::parse(std::string file, std::string_view text) {
  DataTable table;
  table.file = std::move(file);
  const CsvDialect dialect;
  std::vector<CsvCell> cells;
  std::string record;
  std::size_t at = 0, line = 0;
  const auto next_line = [&] {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    std::string_view content = text.substr(at, end - at);
    at = end + 1;
    ++line;
    return content;
  };
  while (at < text.size()) {
    std::string_view content = next_line();
    const std::size_t first_line = line;
    if (!content.empty() && content.front() == '#') {
      const auto colon = content.find(':');
      const auto key = colon == std::string_view::npos ? std::string_view() : content.substr(1, colon - 1);
      const auto start = key.find_first_not_of(' ');
      const auto name = start == std::string_view::npos ? std::string_view() : key.substr(start);
      // "# source: ..." is metadata; a sentence that happens to hold a colon is not.
      if (!name.empty() && name.find(' ') == std::string_view::npos) {
        std::string_view value = content.substr(colon + 1);
        value.remove_prefix(std::min(value.find_first_not_of(' '), value.size()));
        if (!value.empty() && value.back() == '\r') value.remove_suffix(1);
        std::string& kept = table.metadata[std::string(name)];
        kept += (kept.empty() ? "" : " ") + std::string(value);
      }
      continue;
    }
    // A quoted cell may run over lines: quotes are counted in each new line only, so reading stays linear.
    record.assign(content);
    bool open = std::count(content.begin(), content.end(), dialect.quote) % 2 == 1;
    while (open && at < text.size()) {
      content = next_line();
      record.push_back('\n');
      record.append(content);
      open = open != (std::count(content.begin(), content.end(), dialect.quote) % 2 == 1);
    }
    if (!record.empty() && record.back() == '\r') record.pop_back();
    if (record.empty()) continue;
    std::string why;
    if (!split_csv_record(record, dialect, cells, why)) table.fail(first_line, why);
    std::vector<std::string> values;
    values.reserve(cells.size());
    for (const auto& cell : cells) values.emplace_back(cell.value);
    if (table.header.empty()) {
      table.header = std::move(values);
      table.header_line = first_line;
      continue;
    }
    if (values.size() != table.header.size()) {
      table.fail(first_line, std::to_string(values.size()) + " cells, the header has " + std::to_string(table.header.size()));
    }
    table.rows.push_back({first_line, std::move(values)});
  }
  if (table.header.empty()) table.fail(std::max<std::size_t>(line, 1), "no header row");
  return table;
}

DataTable DataTable::load(const MappingStore& store, std::string_view path) {
  const auto text = store.load(path);
  if (!text) throw Error("mapping file '" + std::string(path) + "' is missing");
  return parse("mappings/" + std::string(path), *text);
}

int DataTable::column(std::string_view name) const {
  const auto found = std::find(header.begin(), header.end(), name);
  return found == header.end() ? -1 : static_cast<int>(found - header.begin());
}

std::size_t DataTable::require(std::string_view name) const {
  const int found = column(name);
  if (found < 0) fail(header_line, "the header has no column '" + std::string(name) + "'");
  return static_cast<std::size_t>(found);
}

void DataTable::fail(std::size_t line, const std::string& why) const { throw ProfileError(file, line, why); }

}  // namespace xborder::detail
