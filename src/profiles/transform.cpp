#include "profiles/transform.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <unicode/locid.h>
#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <charconv>
#include <cmath>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "profiles/country_transform.hpp"
#include "xborder/categories.hpp"
#include "xborder/dates.hpp"

namespace xborder::detail {
namespace {

std::string member_string(const rapidjson::Value& options, const char* name, std::string fallback = {}) {
  if (!options.IsObject()) return fallback;
  const auto found = options.FindMember(name);
  return found != options.MemberEnd() && found->value.IsString() ? found->value.GetString() : fallback;
}

int member_int(const rapidjson::Value& options, const char* name, int fallback) {
  if (!options.IsObject()) return fallback;
  const auto found = options.FindMember(name);
  return found != options.MemberEnd() && found->value.IsInt() ? found->value.GetInt() : fallback;
}

bool fail(TransformContext& context, std::string code, std::string message) {
  context.diagnostics.error(std::move(code), std::move(message), std::string(context.format), context.path(),
                            context.offset);
  return false;
}

// --- trim: surrounding spaces and tabs. Backward: as is.
class Trim final : public Transform {
 public:
  bool forward(Values& values, TransformContext& context) const override {
    for (auto& value : values) {
      const auto first = value.find_first_not_of(" \t");
      const std::size_t before = value.size();
      value = first == std::string::npos ? std::string() : value.substr(first, value.find_last_not_of(" \t") - first + 1);
      if (value.size() != before) context.inexact = true;
    }
    return true;
  }
  bool backward(Values&, TransformContext&) const override { return true; }
  bool tells_exactness() const override { return true; }
};

// --- unknown: the source's codes for "not known" ("000", "XXX") become no value. Backward: as is; the
// original code of a value read that way is kept in the extensions, as for any value not written back exactly.
class Unknown final : public Transform {
 public:
  explicit Unknown(std::vector<std::string> codes) : codes_(std::move(codes)) {}
  bool forward(Values& values, TransformContext& context) const override {
    for (auto& value : values) {
      if (value.empty() || std::find(codes_.begin(), codes_.end(), value) == codes_.end()) continue;
      value.clear();
      context.inexact = true;
    }
    return true;
  }
  bool backward(Values&, TransformContext&) const override { return true; }
  bool tells_exactness() const override { return true; }

 private:
  std::vector<std::string> codes_;
};

// --- upper / lower: Unicode case mapping (root locale). Not invertible.
class Case final : public Transform {
 public:
  explicit Case(bool upper) : upper_(upper) {}
  bool forward(Values& values, TransformContext&) const override {
    for (auto& value : values) {
      icu::UnicodeString text = icu::UnicodeString::fromUTF8(value);
      if (upper_) text.toUpper(icu::Locale::getRoot()); else text.toLower(icu::Locale::getRoot());
      value.clear();
      text.toUTF8String(value);
    }
    return true;
  }
  bool invertible() const override { return false; }
  bool backward(Values&, TransformContext&) const override { return false; }

 private:
  bool upper_;
};

// --- code: look each value up in a code table, from one column to another.
class Code final : public Transform {
 public:
  Code(std::shared_ptr<const CodeTable> table, int from, int to, bool strict)
      : table_(std::move(table)), from_(from), to_(to), strict_(strict) {}
  // Inexact where the code found is not looked up back to the one read (a table that writes a code two ways).
  bool forward(Values& values, TransformContext& context) const override {
    return map(values, from_, to_, context, &context.inexact);
  }
  bool backward(Values& values, TransformContext& context) const override { return map(values, to_, from_, context); }
  bool tells_exactness() const override { return true; }

 private:
  bool map(Values& values, int from, int to, TransformContext& context, bool* inexact = nullptr) const {
    for (auto& value : values) {
      if (value.empty()) continue;
      if (const auto found = table_->lookup(from, to, value)) {
        if (inexact != nullptr && table_->lookup(to, from, *found) != std::string_view(value)) *inexact = true;
        value.assign(*found);
        continue;
      }
      if (inexact != nullptr) *inexact = true;  // kept as it is: left to the full check
      const std::string message = "code '" + value + "' is not in table " + table_->name();
      if (strict_) return fail(context, "profile.unknown-code", message);
      context.diagnostics.warning("profile.unknown-code", message + "; kept as it is", std::string(context.format),
                                  context.path(), context.offset);
    }
    return true;
  }

  std::shared_ptr<const CodeTable> table_;
  int from_, to_;
  bool strict_;
};

// --- date: a national layout ("DD.MM.YYYY", "CCYYMMDD", "YYMMDD", ...) of any calendar to the XES partial date
// and back, by the text engine's DateLayout.
class Date final : public Transform {
 public:
  explicit Date(dates::DateLayout layout) : layout_(std::move(layout)) {}

  bool forward(Values& values, TransformContext& context) const override {
    std::string why;
    for (auto& value : values) {
      if (value.empty()) continue;
      const auto date = layout_.parse(value, &why);
      if (!date) return fail(context, "profile.date", "'" + value + "' does not fit the date layout " + layout_.layout() + ": " + why);
      if (!layout_.round_trips(value)) context.inexact = true;
      value = date->to_string();
    }
    return true;
  }

  bool backward(Values& values, TransformContext& context) const override {
    std::string why;
    for (auto& value : values) {
      if (value.empty()) continue;
      const auto date = dates::PartialDate::parse(value);
      auto written = date ? layout_.format(*date, &why) : std::nullopt;
      if (!date) why = "it is not a partial date";
      if (!written) return fail(context, "profile.date", "'" + value + "' cannot be written as " + layout_.layout() + ": " + why);
      value = std::move(*written);
    }
    return true;
  }
  bool tells_exactness() const override { return true; }

 private:
  dates::DateLayout layout_;
};

// --- name: one part of a name written in a layout: "SURNAME, GIVEN MIDDLE", "SURNAME<<GIVEN<MIDDLE",
// "SURNAME GIVEN", "GIVEN SURNAME". Given names come out as one value each. Not invertible: a rule that
// keeps the whole name writes the source field.
class NamePart final : public Transform {
 public:
  enum class Layout { comma, mrz, family_first, given_first };
  NamePart(Layout layout, bool family) : layout_(layout), family_(family) {}

  bool forward(Values& values, TransformContext&) const override {
    Values out;
    for (const auto& value : values) {
      std::string family, given;
      split(value, family, given);
      if (family_) {
        if (!family.empty()) out.push_back(family);
        continue;
      }
      std::size_t at = 0;
      const char separator = layout_ == Layout::mrz ? '<' : ' ';
      while (at < given.size()) {
        const std::size_t end = std::min(given.find(separator, at), given.size());
        if (end > at) out.push_back(given.substr(at, end - at));
        at = end + 1;
      }
    }
    values = std::move(out);
    return true;
  }
  bool invertible() const override { return false; }
  bool backward(Values&, TransformContext&) const override { return false; }

 private:
  void split(const std::string& value, std::string& family, std::string& given) const {
    const auto trim = [](std::string text) {
      const auto first = text.find_first_not_of(' ');
      return first == std::string::npos ? std::string() : text.substr(first, text.find_last_not_of(' ') - first + 1);
    };
    std::size_t cut = std::string::npos, skip = 0;
    switch (layout_) {
      case Layout::comma: cut = value.find(','); skip = 1; break;
      case Layout::mrz: cut = value.find("<<"); skip = 2; break;
      case Layout::family_first: cut = value.find(' '); skip = 1; break;
      case Layout::given_first: cut = value.rfind(' '); skip = 1; break;
    }
    if (cut == std::string::npos) {
      family = trim(value);  // one word: the family name
      return;
    }
    std::string first = trim(value.substr(0, cut)), second = trim(value.substr(cut + skip));
    if (layout_ == Layout::given_first) std::swap(first, second);
    family = std::move(first);
    given = std::move(second);
  }

  Layout layout_;
  bool family_;
};

// --- split / concat: one value into many at a separator, and back.
class Split final : public Transform {
 public:
  // `skip_empty` (concat): absent parts leave no separator behind ("ERIC BADEGE", not "ERIC BADEGE  "); a
  // join without its empty parts cannot be split back into its fields, so it does not write.
  Split(std::string separator, bool join, bool skip_empty = false)
      : separator_(std::move(separator)), join_(join), skip_empty_(skip_empty) {}
  bool invertible() const override { return !skip_empty_; }
  bool forward(Values& values, TransformContext& context) const override {
    if (join_) {
      concat(values);
    } else {
      // Joined back into one value, the pieces give back one value that had no empty piece.
      const bool one = values.size() == 1;
      split(values);
      if (!one || std::any_of(values.begin(), values.end(), [](const std::string& v) { return v.empty(); })) {
        context.inexact = true;
      }
    }
    return true;
  }
  bool backward(Values& values, TransformContext&) const override {
    join_ ? split(values) : concat(values);
    return true;
  }
  // A join is split back at separators the values may hold themselves: left to the full check.
  bool tells_exactness() const override { return !join_; }

 private:
  // Rules run row after row: the scratch lists and strings keep their buffers (swapped with the values).
  void split(Values& values) const {
    thread_local Values out;
    std::size_t count = 0;
    for (const auto& value : values) {
      std::size_t at = 0;
      while (at <= value.size()) {
        const std::size_t end = std::min(value.find(separator_, at), value.size());
        if (out.size() <= count) out.emplace_back();
        out[count++].assign(value, at, end - at);
        at = end + separator_.size();
      }
    }
    out.resize(count);
    values.swap(out);
  }
  void concat(Values& values) const {
    thread_local std::string joined;
    joined.clear();
    bool first = true;
    for (const auto& value : values) {
      if (skip_empty_ && value.empty()) continue;
      if (!first) joined += separator_;
      joined += value;
      first = false;
    }
    values.resize(1);
    values[0].assign(joined);  // a copy: both keep their buffers
  }

  std::string separator_;
  bool join_;
  bool skip_empty_;
};

// --- units: "ft-in" heights ("510" = 5 ft 10 in), inches and metres (Interpol's "1.65") to centimetres,
// pounds to kilograms.
class Units final : public Transform {
 public:
  enum class Unit { feet_inches, inches, metres, pounds };
  explicit Units(Unit unit) : unit_(unit) {}

  bool forward(Values& values, TransformContext& context) const override {
    for (auto& value : values) {
      if (value.empty()) continue;
      // Feet and inches are digits ("510"); inches and pounds may have decimals (NIEM's "142.6").
      double number = 0;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
      if (error != std::errc{} || end != value.data() + value.size() || !(number >= 0 && number < 1e9) ||
          (unit_ == Unit::feet_inches && number != std::floor(number))) {
        return fail(context, "profile.units",
                    "'" + value + (unit_ == Unit::feet_inches ? "' is not a whole number" : "' is not a number"));
      }
      switch (unit_) {
        case Unit::feet_inches: {
          const long digits = std::lround(number);
          if (digits % 100 >= 12) return fail(context, "profile.units", "'" + value + "': inches must be below 12");
          value = std::to_string(std::lround(static_cast<double>(digits / 100 * 12 + digits % 100) * 2.54));
          break;
        }
        case Unit::inches: value = std::to_string(std::lround(number * 2.54)); break;
        case Unit::metres: value = std::to_string(std::lround(number * 100)); break;
        case Unit::pounds: {
          char buffer[32];
          const double kg = std::round(number * 0.45359237 * 10) / 10;
          value.assign(buffer, std::to_chars(buffer, buffer + sizeof buffer, kg).ptr);
          break;
        }
      }
    }
    return true;
  }

  bool backward(Values& values, TransformContext& context) const override {
    for (auto& value : values) {
      if (value.empty()) continue;
      double number = 0;
      const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
      if (error != std::errc{} || end != value.data() + value.size()) {
        return fail(context, "profile.units", "'" + value + "' is not a number");
      }
      switch (unit_) {
        case Unit::feet_inches: {
          const long inches = std::lround(number / 2.54);
          value = std::to_string(inches / 12 * 100 + inches % 12);
          break;
        }
        case Unit::inches: value = std::to_string(std::lround(number / 2.54)); break;
        case Unit::metres: {
          char buffer[32];
          value.assign(buffer, std::to_chars(buffer, buffer + sizeof buffer, number / 100).ptr);
          break;
        }
        case Unit::pounds: value = std::to_string(std::lround(number / 0.45359237)); break;
      }
    }
    return true;
  }

 private:
  Unit unit_;
};

// --- regex: the first match's capture group (ICU regular expressions, with a time limit against
// pathological patterns). Values that do not match become empty. Not invertible.
class Regex final : public Transform {
 public:
  Regex(std::unique_ptr<icu::RegexPattern> pattern, int group) : pattern_(std::move(pattern)), group_(group) {}
  bool forward(Values& values, TransformContext& context) const override {
    std::unique_ptr<icu::RegexMatcher> matcher = take_matcher();
    if (!matcher) return fail(context, "profile.regex", "regular expression failed");
    bool ok = true;
    icu::UnicodeString text;
    for (auto& value : values) {
      UErrorCode status = U_ZERO_ERROR;
      text = icu::UnicodeString::fromUTF8(value);
      matcher->reset(text);
      const bool found = matcher->find(status);
      if (U_FAILURE(status)) {
        ok = fail(context, "profile.regex", "regular expression ran out of time");
        break;
      }
      value.clear();
      if (found) matcher->group(group_, status).toUTF8String(value);
    }
    // A matcher that ran out of time may have grown its backtracking stack: not kept.
    if (ok) give_back(std::move(matcher));
    return ok;
  }
  bool invertible() const override { return false; }
  bool backward(Values&, TransformContext&) const override { return false; }

 private:
  // Matchers are costly to make and belong to one thread at a time: each call takes one made before, if
  // another call has given it back, and gives it back when done.
  std::unique_ptr<icu::RegexMatcher> take_matcher() const {
    {
      const std::lock_guard lock(mutex_);
      if (!matchers_.empty()) {
        std::unique_ptr<icu::RegexMatcher> kept = std::move(matchers_.back());
        matchers_.pop_back();
        return kept;
      }
    }
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> made(pattern_->matcher(status));
    if (U_FAILURE(status)) return nullptr;
    made->setTimeLimit(1000, status);
    return made;
  }
  void give_back(std::unique_ptr<icu::RegexMatcher> matcher) const {
    static const icu::UnicodeString nothing;
    matcher->reset(nothing);  // not the caller's text, which goes out of scope
    const std::lock_guard lock(mutex_);
    if (matchers_.size() < kKeptMatchers) matchers_.push_back(std::move(matcher));
  }

  static constexpr std::size_t kKeptMatchers = 4;
  std::unique_ptr<icu::RegexPattern> pattern_;
  int group_;
  mutable std::mutex mutex_;
  mutable std::vector<std::unique_ptr<icu::RegexMatcher>> matchers_;  // destroyed before the pattern they match
};

// --- record: each value as a flat JSON object for a "...[]" target, the value in one member and constants in
// the others ({"type": "us-ssn", "value": "..."}), so that a document's optional items append without gaps.
// Backward: the value member of the objects whose constants match.
class RecordTransform final : public Transform {
 public:
  RecordTransform(std::string member, std::vector<std::pair<std::string, std::string>> constants)
      : member_(std::move(member)), constants_(std::move(constants)) {}

  bool forward(Values& values, TransformContext&) const override {
    for (auto& value : values) {
      if (value.empty()) continue;
      rapidjson::StringBuffer buffer;
      rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
      json.StartObject();
      for (const auto& [name, text] : constants_) {
        json.Key(name.c_str());
        json.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
      }
      json.Key(member_.c_str());
      json.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
      json.EndObject();
      value.assign(buffer.GetString(), buffer.GetSize());
    }
    return true;
  }
  bool invertible() const override { return false; }  // a list item is not told from its neighbours' rules
  bool backward(Values&, TransformContext&) const override { return false; }

 private:
  std::string member_;
  std::vector<std::pair<std::string, std::string>> constants_;
};

// --- category: a national offence code to its categories in international systems, each value a flat JSON
// object for a "...categories[]" target: {"system", "code", "label", "relation", "source"}. Not invertible:
// the national code itself is written by its own rule.
class CategoryTransform final : public Transform {
 public:
  CategoryTransform(std::shared_ptr<const Categories> categories, std::string system, std::vector<std::string> targets)
      : categories_(std::move(categories)), system_(std::move(system)), targets_(std::move(targets)) {}

  bool forward(Values& values, TransformContext& context) const override {
    thread_local Values out;  // swapped with the values: both keep their strings' buffers from row to row
    std::size_t count = 0;
    for (const auto& code : values) {
      if (code.empty()) continue;
      const std::shared_ptr<const Values> found = candidates(code);
      if (!found) {
        context.diagnostics.warning("profile.unknown-category", "code '" + code + "' is not in " + system_,
                                    std::string(context.format), context.path(), context.offset);
        continue;
      }
      for (const std::string& candidate : *found) {
        if (out.size() <= count) out.emplace_back();
        out[count++].assign(candidate);
      }
    }
    out.resize(count);
    values.swap(out);
    return true;
  }
  bool invertible() const override { return false; }
  bool backward(Values&, TransformContext&) const override { return false; }

 private:
  // The code's candidates as values, nothing for a code not in the system. A national export repeats a few
  // hundred codes over millions of rows: each is translated once (up to kCacheSize codes).
  std::shared_ptr<const Values> candidates(const std::string& code) const {
    static constexpr std::size_t kCacheSize = 4096;
    {
      std::lock_guard lock(cache_mutex_);
      if (const auto cached = cache_.find(code); cached != cache_.end()) return cached->second;
    }
    const Categories& categories = categories_ ? *categories_ : Categories::builtin();
    std::shared_ptr<Values> made;
    if (categories.has(system_, code)) {
      made = std::make_shared<Values>();
      for (const auto& target : targets_) {
        for (const auto& candidate : categories.translate(system_, code, target)) made->push_back(rendered(candidate));
      }
    }
    std::lock_guard lock(cache_mutex_);
    if (cache_.size() < kCacheSize) cache_.emplace(code, made);
    return made;
  }

  // {"system", "code", "label", "relation", "source"}
  static std::string rendered(const CategoryCandidate& candidate) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> json(buffer);
    json.StartObject();
    const auto member = [&](const char* name, std::string_view text) {
      json.Key(name);
      json.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    };
    member("system", candidate.system);
    member("code", candidate.code);
    member("label", candidate.title);
    member("relation", relation_name(candidate.relation));
    member("source", candidate.path.back().via.substr(candidate.path.back().via.find(' ') + 1));
    json.EndObject();
    return {buffer.GetString(), buffer.GetSize()};
  }

  std::shared_ptr<const Categories> categories_;  // empty: the built-in systems
  std::string system_;
  std::vector<std::string> targets_;
  mutable std::mutex cache_mutex_;
  mutable std::unordered_map<std::string, std::shared_ptr<const Values>> cache_;
};

}  // namespace

std::unique_ptr<Transform> make_transform(std::string_view kind, const rapidjson::Value& options,
                                          const TableLoader& tables, std::string& why,
                                          std::shared_ptr<const Categories> categories) {
  if (kind == "trim") return std::make_unique<Trim>();
  if (kind == "unknown") {
    std::vector<std::string> codes;
    for (const auto& code : options["values"].GetArray()) codes.emplace_back(code.GetString());
    return std::make_unique<Unknown>(std::move(codes));
  }
  if (kind == "upper" || kind == "lower") return std::make_unique<Case>(kind == "upper");
  if (kind == "code") {
    const auto table = tables(member_string(options, "table"), why);
    if (!table) return nullptr;
    const std::string from = member_string(options, "from"), to = member_string(options, "to");
    const int from_column = from.empty() ? 0 : table->column(from);
    const int to_column = to.empty() ? (table->columns() > 1 ? 1 : 0) : table->column(to);
    if (from_column < 0 || to_column < 0) {
      why = "table " + table->name() + " has no column '" + (from_column < 0 ? from : to) + "'";
      return nullptr;
    }
    return std::make_unique<Code>(table, from_column, to_column, member_string(options, "unknown", "warn") == "error");
  }
  if (kind == "country") return make_country_transform(options, tables, why);
  if (kind == "date") {
    try {
      return std::make_unique<Date>(dates::DateLayout(member_string(options, "layout"), member_int(options, "pivot", 30),
                                                      member_string(options, "calendar")));
    } catch (const Error& e) {
      why = e.what();
      return nullptr;
    }
  }
  if (kind == "name") {
    static const std::pair<const char*, NamePart::Layout> kLayouts[] = {
        {"SURNAME, GIVEN", NamePart::Layout::comma}, {"SURNAME<<GIVEN", NamePart::Layout::mrz},
        {"SURNAME GIVEN", NamePart::Layout::family_first}, {"GIVEN SURNAME", NamePart::Layout::given_first}};
    const std::string layout = member_string(options, "layout");
    for (const auto& [name, value] : kLayouts) {
      if (layout == name) return std::make_unique<NamePart>(value, member_string(options, "part") == "family");
    }
    why = "unknown name layout '" + layout + "'";
    return nullptr;
  }
  if (kind == "split" || kind == "concat") {
    const std::string separator = member_string(options, "separator", " ");
    if (separator.empty()) {
      why = "the separator of " + std::string(kind) + " is empty";
      return nullptr;
    }
    const auto skip = options.FindMember("skip_empty");
    return std::make_unique<Split>(separator, kind == "concat", skip != options.MemberEnd() && skip->value.IsBool() && skip->value.GetBool());
  }
  if (kind == "units") {
    const std::string from = member_string(options, "from");
    if (from == "ft-in") return std::make_unique<Units>(Units::Unit::feet_inches);
    if (from == "in") return std::make_unique<Units>(Units::Unit::inches);
    if (from == "m") return std::make_unique<Units>(Units::Unit::metres);
    if (from == "lb") return std::make_unique<Units>(Units::Unit::pounds);
    why = "unknown unit '" + from + "' (ft-in, in, m, lb)";
    return nullptr;
  }
  if (kind == "regex") {
    const std::string pattern = member_string(options, "pattern");
    UErrorCode status = U_ZERO_ERROR;
    UParseError where{};
    std::unique_ptr<icu::RegexPattern> compiled(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), where, status));
    if (U_FAILURE(status)) {
      why = "invalid regular expression '" + pattern + "' at offset " + std::to_string(where.offset);
      return nullptr;
    }
    const int group = member_int(options, "group", 1);
    UErrorCode group_status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> probe(compiled->matcher(group_status));
    if (U_FAILURE(group_status) || group < 0 || group > probe->groupCount()) {
      why = "regular expression '" + pattern + "' has no group " + std::to_string(group);
      return nullptr;
    }
    return std::make_unique<Regex>(std::move(compiled), group);
  }
  if (kind == "record") {
    std::vector<std::pair<std::string, std::string>> constants;
    if (const auto with = options.FindMember("with"); with != options.MemberEnd() && with->value.IsObject()) {
      for (const auto& constant : with->value.GetObject()) {
        if (!constant.value.IsString()) continue;
        constants.emplace_back(constant.name.GetString(), constant.value.GetString());
      }
    }
    return std::make_unique<RecordTransform>(member_string(options, "value"), std::move(constants));
  }
  if (kind == "category") {
    const std::string system = member_string(options, "system");
    const auto systems = (categories ? *categories : Categories::builtin()).systems();
    if (std::none_of(systems.begin(), systems.end(), [&](const SystemInfo& info) { return info.id == system; })) {
      why = "unknown classification system '" + system + "'";
      return nullptr;
    }
    std::vector<std::string> targets;
    const auto found = options.FindMember("to");
    if (found != options.MemberEnd() && found->value.IsArray()) {
      for (const auto& target : found->value.GetArray()) targets.emplace_back(target.GetString());
    }
    if (targets.empty()) targets = {"iccs", "ecris", "eaw"};
    return std::make_unique<CategoryTransform>(std::move(categories), system, std::move(targets));
  }
  why = "unknown transform '" + std::string(kind) + "'";
  return nullptr;
}

}  // namespace xborder::detail
