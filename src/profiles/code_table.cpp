#include "profiles/code_table.hpp"

#include <cstdint>

namespace xborder::detail {

std::shared_ptr<const CodeTable> CodeTable::parse(std::string name, std::string file, std::string_view text) {
  auto table = std::make_shared<CodeTable>();
  table->name_ = std::move(name);
  table->table_ = DataTable::parse(std::move(file), text);
  table->indexes_.resize(table->table_.header.size());
  for (std::size_t column = 0; column < table->indexes_.size(); ++column) {
    table->indexes_[column].build(table->table_.rows, column);
  }
  return table;
}

std::optional<std::string_view> CodeTable::lookup(int from, int to, std::string_view code) const {
  const std::size_t* row = indexes_[static_cast<std::size_t>(from)].find(code);
  if (row == nullptr) return std::nullopt;
  return table_.rows[*row][static_cast<std::size_t>(to)];
}

std::size_t CodeTable::Index::hash(std::string_view code) {
  std::uint64_t hash = 14695981039346656037ull;  // FNV-1a: codes are short
  for (const char c : code) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return static_cast<std::size_t>(hash ^ (hash >> 29));
}

void CodeTable::Index::build(const std::vector<DataTable::Row>& rows, std::size_t column) {
  std::size_t size = 8;
  while (size < 2 * rows.size()) size *= 2;  // at most half full
  slots_.assign(size, Slot{});
  for (std::size_t row = 0; row < rows.size(); ++row) {
    const std::string_view code = rows[row][column];
    for (std::size_t at = hash(code);; ++at) {
      Slot& slot = slots_[at & (size - 1)];
      if (slot.row == kEmpty) {
        slot = {code, row};
        break;
      }
      if (slot.code == code) break;  // the first row wins
    }
  }
}

const std::size_t* CodeTable::Index::find(std::string_view code) const {
  for (std::size_t at = hash(code);; ++at) {
    const Slot& slot = slots_[at & (slots_.size() - 1)];
    if (slot.row == kEmpty) return nullptr;
    if (slot.code == code) return &slot.row;
  }
}

}  // namespace xborder::detail
