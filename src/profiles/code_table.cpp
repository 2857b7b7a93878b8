#include "profiles/code_table.hpp"

namespace xborder::detail {

std::shared_ptr<const CodeTable> CodeTable::parse(std::string name, std::string_view text, std::string& why) {
  auto table = std::make_shared<CodeTable>();
  table->name_ = std::move(name);
  if (!parse_csv_table(text, table->table_, why)) return nullptr;
  table->indexes_.resize(table->table_.header.size());
  for (std::size_t row = 0; row < table->table_.rows.size(); ++row) {
    for (std::size_t column = 0; column < table->indexes_.size(); ++column) {
      table->indexes_[column].emplace(table->table_.rows[row][column], row);  // the first row wins
    }
  }
  return table;
}

std::optional<std::string_view> CodeTable::lookup(int from, int to, std::string_view code) const {
  const Index& codes = indexes_[static_cast<std::size_t>(from)];
  const auto found = codes.find(code);
  if (found == codes.end()) return std::nullopt;
  return table_.rows[found->second][static_cast<std::size_t>(to)];
}

}  // namespace xborder::detail
