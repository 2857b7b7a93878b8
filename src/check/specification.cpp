// Loading conformance specifications (mappings/specs/*.csv, or a file that extends one): docs/check.md.

#include <unicode/regex.h>

#include <algorithm>
#include <charconv>
#include <filesystem>

#include "check/specification_state.hpp"
#include "core/data_table.hpp"
#include "core/mapping_store.hpp"

namespace xborder {
namespace detail {
namespace {

constexpr int kMaxExtends = 8;  // a chain of profiles deeper than this is a mistake (or a cycle)

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t end = std::min(text.find(separator, at), text.size());
    if (end > at) parts.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return parts;
}

std::optional<unsigned> number(std::string_view text) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// "2.018" -> {2, 18}
std::optional<FieldKey> field_key(std::string_view text) {
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const auto type = number(text.substr(0, dot));
  const auto field = number(text.substr(dot + 1));
  if (!type || !field) return std::nullopt;
  return FieldKey{*type, *field, 0};
}

// Where a specification's files come from: the mapping store (by id) or a directory (a file named by path).
struct Source {
  const MappingStore& store;
  std::filesystem::path directory;  // empty: the store

  std::optional<std::string> load(const std::string& name, std::string& shown) const {
    if (!directory.empty()) {
      const auto path = directory / name;
      if (std::filesystem::is_regular_file(path)) {
        shown = path.string();
        return read_text_file(path);
      }
    }
    shown = "mappings/specs/" + name;
    return store.load("specs/" + name);
  }
};

std::shared_ptr<const icu::RegexPattern> compile(const DataTable& table, std::size_t line, const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError where{};
  std::shared_ptr<const icu::RegexPattern> pattern(
      icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(text), where, status));
  if (U_FAILURE(status) || !pattern) table.fail(line, "invalid pattern '" + text + "': " + u_errorName(status));
  return pattern;
}

FieldRule read_rule(const DataTable& table, const DataTable::Row& row) {
  const auto cell = [&](std::string_view column) -> std::string {
    const int at = table.column(column);
    return at < 0 || static_cast<std::size_t>(at) >= row.cells.size() ? std::string() : row[at];
  };
  const auto size = [&](std::string_view column) -> std::optional<std::size_t> {
    const auto text = cell(column);
    if (text.empty()) return std::nullopt;
    const auto value = number(text);
    if (!value) table.fail(row.line, std::string(column) + " is not a number: '" + text + "'");
    return *value;
  };
  FieldRule rule;
  rule.where = table.file + ":" + std::to_string(row.line);
  const auto key = field_key(cell("field"));
  if (!key) table.fail(row.line, "field is not TYPE.NUMBER: '" + cell("field") + "'");
  rule.key = *key;
  if (const auto item = cell("item"); !item.empty()) {
    const auto value = number(item);
    if (!value || *value == 0) table.fail(row.line, "item is not a number from 1: '" + item + "'");
    rule.key.item = *value;
  }
  rule.mnemonic = cell("mnemonic");
  rule.name = cell("name");
  const auto condition = cell("condition");
  if (condition != "M" && condition != "O" && condition != "X")
    table.fail(row.line, "condition is M, O or X (not defined), not '" + condition + "'");
  rule.condition = condition[0];
  const std::string tots = cell("tots");  // split() returns views into it
  for (const auto tot : split(tots, ' ')) {
    const auto equals = tot.find('=');
    char own = rule.condition;
    if (equals != std::string_view::npos) {
      const auto value = tot.substr(equals + 1);
      if (value != "M" && value != "O" && value != "X") table.fail(row.line, "a TOT's condition is M, O or X");
      own = value[0];
    }
    rule.tots.emplace(std::string(tot.substr(0, equals)), own);
  }
  rule.characters = cell("type");
  static const std::set<std::string, std::less<>> kTypes = {"", "A", "N", "AN", "ANS", "AS", "NS", "U", "H", "B",
                                                             "Base64"};
  if (!kTypes.contains(rule.characters)) table.fail(row.line, "unknown character type '" + rule.characters + "'");
  rule.special = cell("special");
  rule.min_length = size("min_length");
  rule.max_length = size("max_length");
  rule.min_occurs = size("min_occurs");
  rule.max_occurs = size("max_occurs");
  const auto values = cell("values");
  if (!values.empty() && values.front() == '@') {
    rule.table = values.substr(1);
  } else {
    for (const auto value : split(values, '|')) {
      const auto dots = value.find("..");
      double low = 0, high = 0;
      if (dots != std::string_view::npos &&
          std::from_chars(value.data(), value.data() + dots, low).ptr == value.data() + dots &&
          std::from_chars(value.data() + dots + 2, value.data() + value.size(), high).ptr ==
              value.data() + value.size()) {
        rule.ranges.emplace_back(low, high);
      } else {
        rule.codes.emplace(value);
      }
    }
  }
  rule.pattern_text = cell("pattern");
  if (!rule.pattern_text.empty()) rule.pattern = compile(table, row.line, rule.pattern_text);
  rule.not_pattern_text = cell("not_pattern");
  if (!rule.not_pattern_text.empty()) rule.not_pattern = compile(table, row.line, rule.not_pattern_text);
  rule.date = cell("date");
  static const std::set<std::string, std::less<>> kDates = {"", "CCYYMMDD", "ZCCYYMMDD", "YYYYMMDDhhmmssZ"};
  if (!kDates.contains(rule.date)) table.fail(row.line, "unknown date layout '" + rule.date + "'");
  return rule;
}

void read_transactions(SpecificationState& spec, const DataTable& table) {
  const auto tot = table.require("tot"), records = table.require("records");
  const int name = table.column("name");
  for (const auto& row : table.rows) {
    TransactionRule rule;
    if (name >= 0 && static_cast<std::size_t>(name) < row.cells.size()) rule.name = row[name];
    for (const auto count : split(row[records], ' ')) {
      // TYPE[+TYPE...]:MIN[-MAX]
      const auto colon = count.find(':');
      RecordCount entry;
      bool ok = colon != std::string_view::npos;
      for (const auto type : split(count.substr(0, ok ? colon : 0), '+')) {
        const auto value = number(type);
        ok = ok && value;
        if (value) entry.types.push_back(*value);
      }
      if (ok) {
        const auto range = count.substr(colon + 1);
        const auto dash = range.find('-');
        const auto low = number(range.substr(0, dash));
        const auto high = dash == std::string_view::npos ? low : number(range.substr(dash + 1));
        ok = low && high && *low <= *high && !entry.types.empty();
        if (ok) entry.min = *low, entry.max = *high;
      }
      if (!ok) table.fail(row.line, "records are TYPE[+TYPE]:MIN[-MAX], not '" + std::string(count) + "'");
      rule.records.push_back(std::move(entry));
    }
    spec.transactions.insert_or_assign(row[tot], std::move(rule));
  }
}

void read_codes(SpecificationState& spec, const DataTable& table) {
  const auto name = table.require("table"), code = table.require("code");
  std::set<std::string, std::less<>> replaced;
  for (const auto& row : table.rows) {
    // A profile's table of the same name replaces its parent's.
    if (replaced.insert(row[name]).second) spec.tables[row[name]].clear();
    spec.tables[row[name]].insert(row[code]);
  }
}

void load_into(SpecificationState& spec, const Source& source, const std::string& name, int depth) {
  std::string shown;
  const auto text = source.load(name, shown);
  if (!text) throw Error("no specification file " + shown);
  const auto table = DataTable::parse(shown, *text);
  const auto meta = [&](std::string_view key) {
    const auto found = table.metadata.find(key);
    return found == table.metadata.end() ? std::string() : found->second;
  };
  if (const auto parent = meta("extends"); !parent.empty()) {
    if (depth >= kMaxExtends) table.fail(1, "extends more than " + std::to_string(kMaxExtends) + " levels deep");
    // The parent is looked up beside the file first, then among the embedded specifications.
    load_into(spec, source, parent + ".csv", depth + 1);
  }
  spec.id = meta("spec").empty() ? std::filesystem::path(name).stem().string() : meta("spec");
  if (!meta("title").empty()) spec.title = meta("title");
  spec.file = shown;
  const std::string user_defined = meta("user-defined");
  for (const auto range : split(user_defined, ' ')) {
    const auto dash = range.find('-');
    const auto low = field_key(range.substr(0, dash));
    const auto high = dash == std::string_view::npos ? low : field_key(range.substr(dash + 1));
    if (!low || !high) table.fail(1, "user-defined is a list of TYPE.NUMBER-TYPE.NUMBER ranges");
    spec.user_defined.emplace_back(*low, *high);
  }
  for (const auto column : {"field", "condition"}) table.require(column);
  // A profile's rules for a field (or item) replace every rule its parent had for it.
  std::vector<FieldRule> own;
  for (const auto& row : table.rows) own.push_back(read_rule(table, row));
  std::erase_if(spec.rules, [&](const FieldRule& rule) {
    return std::any_of(own.begin(), own.end(), [&](const FieldRule& o) { return o.key == rule.key; });
  });
  std::erase_if(own, [](const FieldRule& rule) { return rule.condition == 'X' && rule.tots.empty(); });
  spec.rules.insert(spec.rules.end(), std::make_move_iterator(own.begin()), std::make_move_iterator(own.end()));
  std::stable_sort(spec.rules.begin(), spec.rules.end(),
                   [](const FieldRule& a, const FieldRule& b) { return a.key < b.key; });
  if (const auto file = meta("transactions"); !file.empty()) {
    std::string where;
    const auto transactions = source.load(file, where);
    if (!transactions) table.fail(1, "no transactions file " + where);
    read_transactions(spec, DataTable::parse(where, *transactions));
  }
  if (const auto file = meta("codes"); !file.empty()) {
    std::string where;
    const auto codes = source.load(file, where);
    if (!codes) table.fail(1, "no codes file " + where);
    read_codes(spec, DataTable::parse(where, *codes));
  }
  for (const auto& rule : spec.rules)
    if (!rule.table.empty() && !spec.tables.contains(rule.table))
      throw ProfileError(shown, 1, "code table '" + rule.table + "' (" + rule.where + ") is in no codes file");
}

}  // namespace

char FieldRule::condition_for(std::string_view tot) const {
  if (tots.empty()) return condition;
  const auto found = tots.find(tot);
  return found == tots.end() ? 0 : found->second;
}

bool SpecificationState::is_user_defined(unsigned type, unsigned number) const {
  const FieldKey key{type, number, 0};
  return std::any_of(user_defined.begin(), user_defined.end(),
                     [&](const auto& range) { return range.first <= key && key <= range.second; });
}

}  // namespace detail

Specification::Specification(std::shared_ptr<const detail::SpecificationState> state) : state_(std::move(state)) {}

Specification Specification::load(std::string_view id_or_file, const std::filesystem::path& mappings_dir) {
  const detail::MappingStore store(mappings_dir);
  auto state = std::make_shared<detail::SpecificationState>();
  const std::filesystem::path path(id_or_file);
  // Ids are names such as "ebts-9.1"; a file is named by its path or its ".csv".
  const bool is_file = path.extension() == ".csv" || id_or_file.find('/') != std::string_view::npos;
  if (is_file) {
    if (!std::filesystem::is_regular_file(path)) throw Error("no specification file " + path.string());
    detail::load_into(*state, {store, path.parent_path().empty() ? "." : path.parent_path()},
                      path.filename().string(), 0);
  } else {
    detail::load_into(*state, {store, {}}, std::string(id_or_file) + ".csv", 0);
  }
  return Specification(std::move(state));
}

std::vector<std::string> Specification::available(const std::filesystem::path& mappings_dir) {
  const detail::MappingStore store(mappings_dir);
  std::vector<std::string> ids;
  for (const auto& file : store.list("specs/")) {
    const std::filesystem::path path(file);
    // Specifications are the CSV files without a second extension (ebts-9.1.codes.csv is a part of one).
    const auto stem = path.stem().string();
    if (path.extension() == ".csv" && stem.find(".codes") == std::string::npos &&
        stem.find(".transactions") == std::string::npos)
      ids.push_back(stem);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

const std::string& Specification::id() const noexcept { return state_->id; }
const std::string& Specification::title() const noexcept { return state_->title; }

CheckReport Specification::check(std::string_view bytes) const { return detail::check_transactions(*state_, bytes); }

}  // namespace xborder
