// Fuzz target: the data-table reader every loader shares (code tables, classification systems, crosswalks,
// transliteration tables and the tables users add under --mappings-dir). A text either reads as a table or
// is refused with a ProfileError naming a line within the text; anything else is a finding. A CodeTable is
// built over what reads, so that its lookups see every row.

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "core/data_table.hpp"
#include "profiles/code_table.hpp"
#include "xborder/diagnostics.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const xborder::detail::DataTable table = xborder::detail::DataTable::parse("fuzz.csv", text);
    for (const auto& row : table.rows) {
      if (row.cells.size() != table.header.size() || row.line <= table.header_line) __builtin_trap();
    }
    const auto codes = xborder::detail::CodeTable::parse("fuzz.csv", "fuzz.csv", text);
    for (const auto& row : table.rows) {
      if (!row.cells.empty() && !codes->lookup(0, 0, row.cells[0])) __builtin_trap();  // every code is found
    }
  } catch (const xborder::ProfileError& e) {
    const std::size_t lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
    if (e.line() == 0 || e.line() > lines) __builtin_trap();
  }
  return 0;
}
