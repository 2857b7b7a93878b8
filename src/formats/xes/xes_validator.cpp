#include "formats/xes/xes_validator.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>

#include <array>
#include <functional>
#include <set>

#include "core/xes_fields.hpp"
#include "core/data_table.hpp"
#include "formats/xes/xes_xml.hpp"

namespace xborder::detail {

namespace {

std::string load_required(const MappingStore& store, std::string_view path) {
  auto text = store.load(path);
  if (!text) throw Error("mapping file '" + std::string(path) + "' is missing");
  return std::move(*text);
}

// The "code" column of a CSV table.
std::unordered_set<std::string> load_codes(const MappingStore& store, std::string_view path) {
  const DataTable table = DataTable::load(store, path);
  const std::size_t code = table.require("code");
  std::unordered_set<std::string> codes;
  for (const auto& row : table.rows) codes.insert(row[code]);
  return codes;
}

template <class Pointer>
std::string pointer_text(const Pointer& pointer) {
  rapidjson::StringBuffer buffer;
  pointer.Stringify(buffer);
  return buffer.GetSize() == 0 ? "/" : std::string(buffer.GetString(), buffer.GetSize());
}

// Why a partial date of the schema's form ("1981", "1981-03", "1981-03-21", "~" for about, "start/end" for a
// range) is not a real one: month 1-12, day within its month (leap years counted), a range that does not end
// before it starts. Empty when it is real, or when it does not have that form (the schema's pattern says so).
std::string partial_date_problem(std::string_view text) {
  struct Day {
    int year = 0, month = 0, day = 0;
    auto operator<=>(const Day&) const = default;
  };
  const auto digits = [](std::string_view part) {
    int value = 0;
    for (const char c : part) {
      if (c < '0' || c > '9') return -1;
      value = value * 10 + (c - '0');
    }
    return part.empty() ? -1 : value;
  };
  const auto days_in = [](int year, int month) {
    static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
  };
  std::string problem;
  // One side of a range: its first and last day, or nothing (with `problem` when the form fits but the
  // date is not real).
  const auto side = [&](std::string_view part) -> std::optional<std::pair<Day, Day>> {
    if (!part.empty() && part.back() == '~') part.remove_suffix(1);
    if (part.size() != 4 && part.size() != 7 && part.size() != 10) return std::nullopt;
    if ((part.size() > 4 && part[4] != '-') || (part.size() > 7 && part[7] != '-')) return std::nullopt;
    const int year = digits(part.substr(0, 4));
    const int month = part.size() > 4 ? digits(part.substr(5, 2)) : 0;
    const int day = part.size() > 7 ? digits(part.substr(8, 2)) : 0;
    if (year < 0 || month < 0 || day < 0) return std::nullopt;
    if (part.size() > 4 && (month < 1 || month > 12)) {
      problem = "there is no month " + std::string(part.substr(5, 2));
      return std::nullopt;
    }
    if (part.size() > 7 && (day < 1 || day > days_in(year, month))) {
      problem = "month " + std::string(part.substr(5, 2)) + " of " + std::string(part.substr(0, 4)) + " has " +
                std::to_string(days_in(year, month)) + " days, not " + std::string(part.substr(8, 2));
      return std::nullopt;
    }
    const Day first{year, month ? month : 1, day ? day : 1};
    const Day last{year, month ? month : 12, day ? day : days_in(year, month ? month : 12)};
    return std::pair{first, last};
  };
  const std::size_t slash = text.find('/');
  const auto start = side(text.substr(0, slash));
  if (!problem.empty() || !start || slash == std::string_view::npos) return problem;
  const auto end = side(text.substr(slash + 1));
  if (problem.empty() && end && end->second < start->first) problem = "the range ends before it starts";
  return problem;
}

// The members the schema declares as partial dates and as country codes (alone or as list items), by name:
// the rules a JSON Schema pattern cannot state (a real calendar date, a code of the table) follow the schema.
struct ValueRules {
  std::set<std::string, std::less<>> dates, date_lists, countries, country_lists;

  explicit ValueRules(const rapidjson::Value& schema) { collect(schema); }

  void collect(const rapidjson::Value& value) {
    if (value.IsArray()) {
      for (const auto& item : value.GetArray()) collect(item);
      return;
    }
    if (!value.IsObject()) return;
    const auto properties = value.FindMember("properties");
    if (properties != value.MemberEnd() && properties->value.IsObject()) {
      for (const auto& property : properties->value.GetObject()) {
        const std::string name = property.name.GetString();
        if (refers_to(property.value, "partialDate")) dates.insert(name);
        if (refers_to(property.value, "country")) countries.insert(name);
        const auto items = property.value.IsObject() ? property.value.FindMember("items") : property.value.MemberEnd();
        if (property.value.IsObject() && items != property.value.MemberEnd()) {
          if (refers_to(items->value, "partialDate")) date_lists.insert(name);
          if (refers_to(items->value, "country")) country_lists.insert(name);
        }
      }
    }
    for (const auto& member : value.GetObject()) collect(member.value);
  }

  static bool refers_to(const rapidjson::Value& schema, std::string_view definition) {
    if (!schema.IsObject()) return false;
    const auto ref = schema.FindMember("$ref");
    return ref != schema.MemberEnd() && ref->value.IsString() &&
           std::string_view(ref->value.GetString()) == "#/definitions/" + std::string(definition);
  }
};

// The checks of one value beyond the schemas: a partial date that is a real date, a country code of the
// table. Values not of the schema's form are left to the schema, which reports them.
class ValueCheck {
 public:
  ValueCheck(const ValueRules& rules, const std::unordered_set<std::string>& countries, Diagnostics& diagnostics,
             std::string_view format)
      : rules_(rules), countries_(countries), diagnostics_(diagnostics), format_(format) {}

  // `value` of member `name`, or an item of list `name`.
  void check(std::string_view name, bool item, std::string_view value, const std::string& path) const {
    if ((item ? rules_.date_lists : rules_.dates).contains(name)) {
      const std::string problem = partial_date_problem(value);
      if (!problem.empty()) {
        diagnostics_.error("xes.date", "'" + std::string(value) + "' is not a calendar date: " + problem,
                           std::string(format_), path);
      }
    }
    if ((item ? rules_.country_lists : rules_.countries).contains(name) && well_formed_country(value) &&
        !countries_.contains(std::string(value))) {
      diagnostics_.error("xes.country",
                         "'" + std::string(value) + "' is not an ISO 3166-1 alpha-3 or ICAO 9303 country code "
                         "(mappings/codes/countries.csv)",
                         std::string(format_), path);
    }
  }

 private:
  static bool well_formed_country(std::string_view value) {  // the schema's pattern, ^[A-Z]{1,3}$
    return !value.empty() && value.size() <= 3 &&
           std::all_of(value.begin(), value.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  }

  const ValueRules& rules_;
  const std::unordered_set<std::string>& countries_;
  Diagnostics& diagnostics_;
  std::string_view format_;
};

// Walks a message (read from XES XML) and checks every value a ValueCheck applies to.
class MessageCheck {
 public:
  explicit MessageCheck(const ValueCheck& check) : check_(check) {}

  void operator()(std::string_view name, const std::string& value) {
    if (value.empty()) return;
    path_.push(name);
    check_.check(name, false, value, path_.str());
    path_.pop();
  }
  void operator()(std::string_view name, std::string_view, const std::vector<std::string>& values) {
    path_.push(name);
    for (std::size_t i = 0; i < values.size(); ++i) {
      path_.push(i);
      check_.check(name, true, values[i], path_.str());
      path_.pop();
    }
    path_.pop();
  }
  template <class T>
  void operator()(std::string_view name, std::string_view, const std::vector<T>& items) {
    path_.push(name);
    for (std::size_t i = 0; i < items.size(); ++i) {
      path_.push(i);
      (*this)(items[i]);
      path_.pop();
    }
    path_.pop();
  }
  template <class T>
  void always(std::string_view name, std::string_view item, const std::vector<T>& items) {
    (*this)(name, item, items);
  }
  template <xes_record T>
  void operator()(std::string_view name, const std::optional<T>& value) {
    if (value) (*this)(name, *value);
  }
  template <xes_record T>
  void operator()(std::string_view name, const T& record) {
    path_.push(name);
    (*this)(record);
    path_.pop();
  }
  template <class T>
  void operator()(std::string_view, const T&) {}  // numbers, bytes

  template <xes_record T>
  void operator()(const T& record) {
    describe(*this, record);
  }

 private:
  const ValueCheck& check_;
  WritePath path_;
};

// One pass of a JSON document through the schema validator, leaving out the values at `skip` (JSON
// pointers). RapidJSON 1.1 (Debian 12's) stops at the first breach and has no kValidateContinueOnErrorFlag,
// so XesValidator validates again with each breaching value left out, until the document passes: every
// breach is listed. The pass tracks each value's pointer (in the document as written, whatever was left
// out), bounds nesting, and hands each string value it forwards to `on_string`.
class SchemaPass {
 public:
  using OnString = std::function<void(std::string_view name, bool item, std::string_view value, const std::string& path)>;

  SchemaPass(rapidjson::SchemaValidator& validator, const std::set<std::string, std::less<>>& skip,
             std::size_t max_depth, OnString on_string)
      : validator_(validator), skip_(skip), max_depth_(max_depth), on_string_(std::move(on_string)) {}

  bool Null() { return scalar([&] { return validator_.Null(); }); }
  bool Bool(bool b) { return scalar([&] { return validator_.Bool(b); }); }
  bool Int(int i) { return scalar([&] { return validator_.Int(i); }); }
  bool Uint(unsigned u) { return scalar([&] { return validator_.Uint(u); }); }
  bool Int64(std::int64_t i) { return scalar([&] { return validator_.Int64(i); }); }
  bool Uint64(std::uint64_t u) { return scalar([&] { return validator_.Uint64(u); }); }
  bool Double(double d) { return scalar([&] { return validator_.Double(d); }); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) {
    return scalar([&] { return validator_.RawNumber(s, n, copy); });
  }
  bool String(const char* s, rapidjson::SizeType n, bool copy) {
    return scalar([&] { return validator_.String(s, n, copy); }, std::string_view(s, n));
  }
  bool StartObject() { return open(false, [&] { return validator_.StartObject(); }); }
  bool StartArray() { return open(true, [&] { return validator_.StartArray(); }); }
  bool EndObject(rapidjson::SizeType) { return close([&](rapidjson::SizeType n) { return validator_.EndObject(n); }); }
  bool EndArray(rapidjson::SizeType) { return close([&](rapidjson::SizeType n) { return validator_.EndArray(n); }); }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) {
    if (skipping_ > 0) return true;
    Frame& top = frames_.back();
    top.keys.emplace_back(s, n);
    push_token(std::string_view(s, n));
    if (skip_.contains(path_)) {
      top.skip_value = true;  // the member is left out, key and value
      return true;
    }
    ++top.forwarded;
    return validator_.Key(s, n, copy) || breach();
  }

  bool breached() const { return breached_; }
  bool too_deep() const { return too_deep_; }
  // The first `tokens` tokens of the pointer where the breach was found: the validator's pointer, in the
  // document as written.
  std::string breach_pointer(std::size_t tokens) const {
    return tokens == 0 ? std::string() : breach_path_.substr(0, breach_ends_[std::min(tokens, breach_ends_.size()) - 1]);
  }
  // The members of the object whose end the validator refused (for 'required': which ones are missing), and
  // its members or items in the document as written (for 'minItems', 'minProperties').
  const std::vector<std::string>& breach_keys() const { return breach_keys_; }
  std::size_t breach_count() const { return breach_count_; }

 private:
  struct Frame {
    bool array = false;
    std::string name;              // the member the container is the value of (for list items)
    std::size_t path_size = 0;     // the container's own pointer length
    std::size_t next_index = 0;    // of the next item in the document as written
    rapidjson::SizeType forwarded = 0;  // members or items handed to the validator
    std::vector<std::string> keys;      // every member name, left out or not
    bool skip_value = false;
  };

  void push_token(std::string_view token) {
    path_ += '/';
    for (const char c : token) {
      if (c == '~') {
        path_ += "~0";
      } else if (c == '/') {
        path_ += "~1";
      } else {
        path_ += c;
      }
    }
    ends_.push_back(path_.size());
  }

  // The start of a value: its pointer; false when it is left out.
  bool begin_value() {
    if (frames_.empty()) return true;
    Frame& top = frames_.back();
    if (top.array) {
      push_token(std::to_string(top.next_index++));
      if (skip_.contains(path_)) return false;
      ++top.forwarded;
      return true;
    }
    const bool skip = top.skip_value;
    top.skip_value = false;
    return !skip;
  }

  void end_value() {
    if (frames_.empty()) return;
    path_.resize(frames_.back().path_size);
    ends_.pop_back();
  }

  template <class Forward>
  bool scalar(Forward&& forward, std::optional<std::string_view> text = std::nullopt) {
    if (skipping_ > 0) return true;
    if (!begin_value()) {
      end_value();
      return true;
    }
    if (!forward()) return breach();
    if (text && !frames_.empty() && on_string_) {
      const Frame& top = frames_.back();
      on_string_(top.array ? std::string_view(top.name) : std::string_view(top.keys.back()), top.array, *text, path_);
    }
    end_value();
    return true;
  }

  template <class Forward>
  bool open(bool array, Forward&& forward) {
    if (skipping_ > 0) {
      ++skipping_;
      return true;
    }
    if (!begin_value()) {
      skipping_ = 1;
      return true;
    }
    if (frames_.size() >= max_depth_) {
      too_deep_ = true;
      return false;
    }
    if (!forward()) return breach();
    Frame frame;
    frame.array = array;
    if (!frames_.empty() && !frames_.back().array) frame.name = frames_.back().keys.back();
    frame.path_size = path_.size();
    frames_.push_back(std::move(frame));
    return true;
  }

  template <class Forward>
  bool close(Forward&& forward) {
    if (skipping_ > 0) {
      if (--skipping_ == 0) end_value();
      return true;
    }
    Frame& top = frames_.back();
    if (!forward(top.forwarded)) {
      breach_keys_ = top.keys;
      breach_count_ = top.array ? top.next_index : top.keys.size();
      return breach();
    }
    frames_.pop_back();
    end_value();
    return true;
  }

  bool breach() {
    breached_ = true;
    breach_path_ = path_;
    breach_ends_ = ends_;
    return false;
  }

  rapidjson::SchemaValidator& validator_;
  const std::set<std::string, std::less<>>& skip_;
  std::size_t max_depth_;
  OnString on_string_;
  std::vector<Frame> frames_;
  std::string path_;               // JSON pointer of the current value
  std::vector<std::size_t> ends_;  // where each of its tokens ends
  std::size_t skipping_ = 0;       // nesting inside a value left out
  bool breached_ = false, too_deep_ = false;
  std::string breach_path_;
  std::vector<std::size_t> breach_ends_;
  std::vector<std::string> breach_keys_;
  std::size_t breach_count_ = 0;
};

// At most this many breaches of the JSON schema are listed, and the passes that find them (one each) read
// at most about this many bytes in all: a large document full of breaches costs a bounded multiple of it.
constexpr std::size_t kMaxSchemaErrors = 100;
constexpr std::size_t kMaxSchemaPassBytes = std::size_t{64} << 20;

}  // namespace

struct XesValidator::JsonSchema {
  rapidjson::Document document;
  std::unique_ptr<rapidjson::SchemaDocument> schema;
  std::optional<ValueRules> rules;  // which members are dates and country codes, from the schema
};

XesValidator::XesValidator(const MappingStore& store)
    : json_schema_(std::make_unique<JsonSchema>()),
      xsd_(load_required(store, "schema/xes.xsd")),
      countries_(load_codes(store, "codes/countries.csv")) {
  const std::string schema_text = load_required(store, "schema/xes.schema.json");
  json_schema_->document.Parse(schema_text.data(), schema_text.size());
  if (json_schema_->document.HasParseError()) {
    throw Error(std::string("schema/xes.schema.json is not valid JSON: ") +
                rapidjson::GetParseError_En(json_schema_->document.GetParseError()) + " at byte " +
                std::to_string(json_schema_->document.GetErrorOffset()));
  }
  json_schema_->schema = std::make_unique<rapidjson::SchemaDocument>(json_schema_->document);
  json_schema_->rules.emplace(json_schema_->document);
}

XesValidator::~XesValidator() = default;

// Every problem of a document is listed, not just the first: the reader's (syntax, structure, types), each
// breach of the published schema, and the values the schemas cannot check (calendar dates, country codes).
Diagnostics XesValidator::validate(std::string_view bytes, XesSyntax syntax) const {
  Diagnostics diagnostics;
  const std::string format = syntax == XesSyntax::json ? "xes-json" : "xes-xml";
  const ValueRules& rules = *json_schema_->rules;
  if (syntax == XesSyntax::xml) {
    // The XSD's breaches are all reported as the document is read (xsd.invalid); the message is still built
    // unless the reader itself failed. The reader's errors at a path the XSD already named add nothing.
    Diagnostics read;
    const auto message = read_xes_xml(bytes, read, XesReadLimits{}, xsd_);
    std::set<std::string, std::less<>> xsd_paths;
    for (const auto& item : read.all()) {
      if (item.severity == Severity::error && item.code == "xsd.invalid") xsd_paths.insert(item.path);
    }
    for (const auto& item : read.all()) {
      if (item.severity != Severity::error || item.code == "xsd.invalid" || !xsd_paths.contains(item.path)) {
        diagnostics.add(item);
      }
    }
    if (message) MessageCheck(ValueCheck(rules, countries_, diagnostics, format))(*message);
    return diagnostics;
  }

  const XesReadLimits limits;
  Diagnostics read;
  read_xes(bytes, syntax, read, limits);  // syntax, structure and depth first: bounded work
  std::set<std::string, std::less<>> read_paths;
  for (const auto& item : read.all()) {
    if (item.severity != Severity::error) continue;
    if (item.code == "json.syntax" || item.code == "json.depth" || item.code == "input.size") return read;
    read_paths.insert(item.path);
  }
  diagnostics.append(read);

  // The schema, pass after pass, each breaching value left out of the next (see SchemaPass). The checks
  // beyond the schema apply to the string values the validator accepted, each once, whichever pass saw it.
  std::set<std::string, std::less<>> skip, checked;
  Diagnostics schema_errors, value_errors;
  const ValueCheck check(rules, countries_, value_errors, format);
  for (std::size_t passes = 1;; ++passes) {
    rapidjson::SchemaValidator validator(*json_schema_->schema);
    SchemaPass pass(validator, skip, limits.max_depth,
                    [&](std::string_view name, bool item, std::string_view value, const std::string& path) {
                      if (checked.insert(path).second) check.check(name, item, value, path);
                    });
    rapidjson::MemoryStream stream(bytes.data(), bytes.size());
    rapidjson::Reader reader;
    const rapidjson::ParseResult parsed =
        reader.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(stream, pass);
    // Syntax and depth past the point where the reader stopped at an error of its own.
    if (pass.too_deep()) {
      schema_errors.error("json.depth", "nesting deeper than the limit", format, "/", stream.Tell());
      break;
    }
    if (!pass.breached()) {
      if (parsed.IsError()) {
        schema_errors.error("json.syntax", std::string("malformed JSON: ") + rapidjson::GetParseError_En(parsed.Code()),
                            format, "/", parsed.Offset());
      }
      break;
    }
    const char* const invalid_keyword = validator.GetInvalidSchemaKeyword();
    const std::string keyword = invalid_keyword ? invalid_keyword : "?";
    const rapidjson::Pointer rule = validator.GetInvalidSchemaPointer();
    const std::string at = pass.breach_pointer(validator.GetInvalidDocumentPointer().GetTokenCount());
    // A breach of a container's 'required', 'minItems' or 'minProperties' may only follow from members or
    // items left out: then the document as written keeps the rule, and the breach is not reported.
    std::string missing;
    bool follows_from_skipping = false;
    const rapidjson::Value* schema = rule.Get(json_schema_->document);
    const rapidjson::Value* limit =
        schema != nullptr && schema->IsObject() && schema->HasMember(keyword.c_str()) ? &(*schema)[keyword.c_str()] : nullptr;
    if (keyword == "required" && limit != nullptr && limit->IsArray()) {
      const auto& keys = pass.breach_keys();
      for (const auto& name : limit->GetArray()) {
        if (name.IsString() && std::find(keys.begin(), keys.end(), name.GetString()) == keys.end()) {
          missing += std::string(missing.empty() ? "" : ", ") + "'" + name.GetString() + "'";
        }
      }
      follows_from_skipping = missing.empty();
    } else if ((keyword == "minItems" || keyword == "minProperties") && limit != nullptr && limit->IsUint64()) {
      follows_from_skipping = pass.breach_count() >= limit->GetUint64();
    }
    if (!follows_from_skipping) {
      const std::string path = at.empty() ? "/" : at;
      if (!read_paths.contains(path)) {
        schema_errors.error("xes.schema",
                            "breaks schema rule '" + keyword + "' of " + pointer_text(rule) +
                                (missing.empty() ? "" : ": " + missing + " missing"),
                            format, path);
      }
    }
    if (at.empty() || !skip.insert(at).second) break;  // the document itself, or no progress: nothing to leave out
    if (schema_errors.error_count() >= kMaxSchemaErrors || passes >= 4 * kMaxSchemaErrors ||
        (passes + 1) * bytes.size() > kMaxSchemaPassBytes) {
      schema_errors.error("xes.schema", "listing stopped after " + std::to_string(schema_errors.error_count()) +
                                            " breaches of the schema: there may be more", format, "/");
      break;
    }
  }
  diagnostics.append(schema_errors);
  diagnostics.append(value_errors);
  return diagnostics;
}

}  // namespace xborder::detail
