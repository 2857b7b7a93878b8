#include "profiles/country_transform.hpp"

#include <unicode/unistr.h>

#include <algorithm>
#include <unordered_map>

namespace xborder::detail {
namespace {

// The form names are compared in: case folded, runs of spaces as one, no surrounding spaces or final dot.
std::string fold(std::string_view text) {
  std::string folded;
  if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
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

class Country final : public Transform {
 public:
  explicit Country(std::unordered_map<std::string, std::string> codes) : codes_(std::move(codes)) {}

  bool forward(Values& values, TransformContext& context) const override {
    for (auto& value : values) {
      if (value.empty()) continue;
      const auto found = codes_.find(fold(value));
      if (found != codes_.end()) {
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
  std::unordered_map<std::string, std::string> codes_;
};

}  // namespace

std::unique_ptr<Transform> make_country_transform(const rapidjson::Value& options, const TableLoader& tables,
                                                  std::string& why) {
  std::string codes = "none";
  if (options.IsObject() && options.HasMember("codes") && options["codes"].IsString()) codes = options["codes"].GetString();
  std::unordered_map<std::string, std::string> map;
  // Loads `file`'s (key column -> code column) pairs; the first row of a key wins, tables read first win.
  const auto add = [&](const char* file, const char* key, const char* code) {
    const auto table = tables(file, why);
    if (!table) return false;
    const DataTable& data = table->data();
    const int key_column = data.column(key), code_column = data.column(code);
    if (key_column < 0 || code_column < 0) {
      why = std::string("table ") + file + " has no column '" + (key_column < 0 ? key : code) + "'";
      return false;
    }
    for (const auto& row : data.rows) {
      if (!row[key_column].empty() && !row[code_column].empty()) map.emplace(fold(row[key_column]), row[code_column]);
    }
    return true;
  };
  if (!add("countries.csv", "code", "code") || !add("country-names.csv", "name", "code")) return nullptr;
  if (codes == "alpha2" && !add("countries.csv", "alpha2", "code")) return nullptr;
  if (codes == "ncic" && !add("ncic-countries.csv", "ncic", "alpha3")) return nullptr;
  if (!add("countries.csv", "name", "code")) return nullptr;
  return std::make_unique<Country>(std::move(map));
}

}  // namespace xborder::detail
