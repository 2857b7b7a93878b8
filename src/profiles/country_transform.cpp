#include "profiles/country_transform.hpp"

#include <unicode/unistr.h>

#include <algorithm>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/utf8.hpp"

namespace xborder::detail {
namespace {

// The form names are compared in: case folded, runs of spaces as one, no surrounding spaces or final dot.
std::string fold(std::string_view text) {
  std::string folded;
  if (is_ascii(text)) {
    folded.assign(text);  // ASCII folds to its lower case, without ICU
    for (char& c : folded) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
  } else {
    icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    unicode.foldCase();
    unicode.toUTF8String(folded);
  }
  std::string out;
  for (const char c : folded) {
    const bool space = c == ' ' || c == '\t' || c == '\r' || c == '\n';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
  return out;
}

using CountryCodes = std::unordered_map<std::string, std::string>;  // folded name -> code

class Country final : public Transform {
 public:
  explicit Country(std::shared_ptr<const CountryCodes> codes) : codes_(std::move(codes)) {}

  bool forward(Values& values, TransformContext& context) const override {
    for (auto& value : values) {
      if (value.empty()) continue;
      const auto found = codes_->find(fold(value));
      if (found != codes_->end()) {
        if (found->second != value) context.inexact = true;
        value = found->second;
        continue;
      }
      context.diagnostics.warning("profile.unknown-country",
                                  "country '" + value + "' is in none of the country tables (codes/country-names.csv, "
                                  "codes/countries.csv): left out, not guessed",
                                  std::string(context.format), context.path(), context.offset);
      value.clear();
      context.inexact = true;
    }
    return true;
  }
  // Names are many to one: the code does not give back the text read.
  bool invertible() const override { return false; }
  bool backward(Values&, TransformContext&) const override { return false; }
  bool tells_exactness() const override { return true; }

 private:
  std::shared_ptr<const CountryCodes> codes_;
};

// One table's (key column -> code column) pairs, in the order they are read.
struct CodeColumns {
  std::shared_ptr<const CodeTable> table;
  const char* key;
  const char* code;
};

// The codes of the same tables read the same way, built once: the rules of a profile name countries in many
// places (the UN list's, one rule a list item), and each would otherwise fold every name of every table again.
// Tables and codes are held weakly, so that neither outlives the profiles that use them.
std::shared_ptr<const CountryCodes> shared_codes(const std::vector<CodeColumns>& columns, std::string& why) {
  struct Built {
    std::vector<std::weak_ptr<const CodeTable>> tables;
    std::vector<std::pair<const char*, const char*>> names;
    std::weak_ptr<const CountryCodes> codes;
  };
  static std::mutex mutex;
  static std::vector<Built> built;
  const auto same_as = [&](const Built& entry) {
    if (entry.tables.size() != columns.size()) return false;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const auto& table = entry.tables[i];
      const bool same_table = !table.owner_before(columns[i].table) && !columns[i].table.owner_before(table);
      if (!same_table || std::string_view(entry.names[i].first) != columns[i].key ||
          std::string_view(entry.names[i].second) != columns[i].code) {
        return false;
      }
    }
    return true;
  };
  const std::lock_guard lock(mutex);
  std::erase_if(built, [](const Built& entry) { return entry.codes.expired(); });
  for (const Built& entry : built) {
    if (!same_as(entry)) continue;
    if (auto codes = entry.codes.lock()) return codes;  // else its last rule went since: built again below
  }
  auto codes = std::make_shared<CountryCodes>();
  Built entry;
  for (const CodeColumns& each : columns) {  // the first row of a key wins, tables read first win
    const DataTable& data = each.table->data();
    const int key_column = data.column(each.key), code_column = data.column(each.code);
    if (key_column < 0 || code_column < 0) {
      why = std::string("table ") + each.table->name() + " has no column '" + (key_column < 0 ? each.key : each.code) + "'";
      return nullptr;
    }
    for (const auto& row : data.rows) {
      if (!row[key_column].empty() && !row[code_column].empty()) codes->emplace(fold(row[key_column]), row[code_column]);
    }
    entry.tables.push_back(each.table);
    entry.names.emplace_back(each.key, each.code);
  }
  entry.codes = codes;
  built.push_back(std::move(entry));
  return codes;
}

}  // namespace

std::unique_ptr<Transform> make_country_transform(const rapidjson::Value& options, const TableLoader& tables,
                                                  std::string& why) {
  std::string codes = "none";
  if (options.IsObject() && options.HasMember("codes") && options["codes"].IsString()) codes = options["codes"].GetString();
  std::vector<CodeColumns> columns;
  const auto read = [&](const char* file, const char* key, const char* code) {
    auto table = tables(file, why);
    if (!table) return false;
    columns.push_back({std::move(table), key, code});
    return true;
  };
  if (!read("countries.csv", "code", "code") || !read("country-names.csv", "name", "code")) return nullptr;
  if (codes == "alpha2" && !read("countries.csv", "alpha2", "code")) return nullptr;
  if (codes == "ncic" && !read("ncic-countries.csv", "ncic", "alpha3")) return nullptr;
  if (!read("countries.csv", "name", "code")) return nullptr;
  auto shared = shared_codes(columns, why);
  if (!shared) return nullptr;
  return std::make_unique<Country>(std::move(shared));
}

}  // namespace xborder::detail
