#include "formats/xes/xes_validator.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>

#include "core/xes_fields.hpp"
#include "core/data_table.hpp"
#include "formats/xes/xes_xml.hpp"

namespace xborder::detail {

struct XesValidator::JsonSchema {
  rapidjson::Document document;
  std::unique_ptr<rapidjson::SchemaDocument> schema;
};

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

// Walks a message and reports every country code field whose value is not in the table.
class CountryCheck {
 public:
  CountryCheck(const std::unordered_set<std::string>& countries, Diagnostics& diagnostics, std::string_view format)
      : countries_(countries), diagnostics_(diagnostics), format_(format) {}

  void operator()(std::string_view name, const std::string& value) {
    if (name == "country" || name == "plate_country" || name == "issuer") check(name, value);
  }
  void operator()(std::string_view name, std::string_view, const std::vector<std::string>& values) {
    if (name != "nationalities") return;
    path_.push(name);
    for (std::size_t i = 0; i < values.size(); ++i) {
      path_.push(i);
      check({}, values[i]);
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
  void check(std::string_view name, const std::string& value) {
    if (value.empty() || countries_.contains(value)) return;
    if (!name.empty()) path_.push(name);
    diagnostics_.error("xes.country",
                       "'" + value + "' is not an ISO 3166-1 alpha-3 or ICAO 9303 country code "
                       "(mappings/codes/countries.csv)",
                       std::string(format_), path_.str());
    if (!name.empty()) path_.pop();
  }

  const std::unordered_set<std::string>& countries_;
  Diagnostics& diagnostics_;
  std::string_view format_;
  WritePath path_;
};

}  // namespace

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
}

XesValidator::~XesValidator() = default;

Diagnostics XesValidator::validate(std::string_view bytes, XesSyntax syntax) const {
  Diagnostics diagnostics;
  const std::string format = syntax == XesSyntax::json ? "xes-json" : "xes-xml";
  std::optional<xes::Message> message;
  if (syntax == XesSyntax::json) {
    message = read_xes(bytes, syntax, diagnostics);  // syntax, structure and depth first: bounded work
    if (!message) return diagnostics;
    rapidjson::SchemaValidator validator(*json_schema_->schema);
    rapidjson::MemoryStream stream(bytes.data(), bytes.size());
    rapidjson::Reader reader;
    reader.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(stream, validator);
    if (!validator.IsValid()) {
      diagnostics.error("xes.schema",
                        "breaks schema rule '" + std::string(validator.GetInvalidSchemaKeyword()) + "' of " +
                            pointer_text(validator.GetInvalidSchemaPointer()),
                        format, pointer_text(validator.GetInvalidDocumentPointer()));
      return diagnostics;
    }
  } else {
    message = read_xes_xml(bytes, diagnostics, XesReadLimits{}, xsd_);
    if (!message) return diagnostics;
  }
  CountryCheck(countries_, diagnostics, format)(*message);
  return diagnostics;
}

}  // namespace xborder::detail
