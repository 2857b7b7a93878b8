#include "formats/an2k_xml/an2k_xml_reader.hpp"

#include <xercesc/sax/Locator.hpp>
#include <xercesc/sax/SAXParseException.hpp>
#include <xercesc/sax2/Attributes.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

#include "core/base64.hpp"
#include "core/data_table.hpp"
#include "formats/an2k/an2k_codec.hpp"
#include "formats/xml/hardened_xml.hpp"

namespace xborder::detail {
namespace {

using namespace xercesc;

constexpr const char* kFormat = "an2k-xml";
constexpr std::string_view kPackageNamespace = "http://biometrics.nist.gov/standard/2011";
// Traditional fields no table places travel in <xb:Field path="2.020"> elements of xborder's own namespace.
constexpr std::string_view kXborderNamespace = "urn:xborder:an2k-xml";
constexpr std::string_view kPackageElement = "itl:NISTBiometricInformationExchangePackage";

unsigned to_number(const DataTable& table, std::size_t line, std::string_view text, bool allow_empty) {
  unsigned value = 0;
  if (text.empty() && allow_empty) return 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) table.fail(line, "not a number: '" + std::string(text) + "'");
  return value;
}

}  // namespace

std::string an2k_xml_element_text(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  std::size_t begin = 0, end = text.size();
  const std::size_t lead = std::min(text.find_first_not_of(kSpace), text.size());
  if (text.find_first_of("\r\n") < lead || lead == text.size()) begin = lead;
  if (begin == text.size()) return {};
  const std::size_t trail = text.find_last_not_of(kSpace) + 1;
  if (text.find_first_of("\r\n", trail) != std::string_view::npos) end = trail;
  return std::string(text.substr(begin, end - begin));
}

std::string an2k_xml_traditional_value(std::string_view element, const An2kXmlTarget& target, std::string text) {
  if (const auto found = target.values.find(text); found != target.values.end()) return found->second;
  if (element == "nc:Date" && text.size() == 10 && text[4] == '-' && text[7] == '-') {
    text.erase(7, 1);
    text.erase(4, 1);
  } else if (element == "nc:DateTime" && text.size() == 20 && text[10] == 'T' && text.back() == 'Z') {
    std::erase_if(text, [](char c) { return c == '-' || c == ':' || c == 'T'; });
  }
  return text;
}

namespace {

class Reader : public DefaultHandler {
 public:
  Reader(std::string_view xml, const An2kXmlPaths& paths, const Limits& limits, FieldTree& tree,
         Diagnostics& diagnostics)
      : xml_(xml), paths_(paths), limits_(limits), tree_(tree), diagnostics_(diagnostics), offsets_(xml) {}

  bool run() {
    HardenedXmlReader reader;
    SAX2XMLReader& parser = reader.get();
    parser.setContentHandler(this);
    parser.setErrorHandler(this);
    parser.setLexicalHandler(this);
    // A transaction is read whole or not at all: what check_xml_document finds refuses it before the parse.
    if (const auto problem = check_xml_document(xml_)) {
      diagnostics_.error(problem->code, problem->message, kFormat, "/", problem->offset);
      return false;
    }
    Utf8XmlSource source(xml_);
    bool ok = true;
    try {
      parser.parse(source);
    } catch (const StopXmlParse&) {
      ok = false;
    } catch (const XMLException& e) {
      diagnostics_.error("xml.syntax", xml_to_utf8(e.getMessage()), kFormat, "/", 0);
      ok = false;
    } catch (const SAXException& e) {
      diagnostics_.error("xml.syntax", xml_to_utf8(e.getMessage()), kFormat, "/", 0);
      ok = false;
    }
    if (ok) finish();
    return ok && !diagnostics_.has_errors();
  }

  void setDocumentLocator(const Locator* const locator) override { locator_ = locator; }

  void startDTD(const XMLCh*, const XMLCh*, const XMLCh*) override {
    stop("xml.doctype", "DOCTYPE declarations are not accepted (no DTDs, no entities)");
  }

  void startElement(const XMLCh* const uri, const XMLCh* const localname, const XMLCh* const,
                    const Attributes& attributes) override {
    if (stack_.size() >= limits_.depth) stop("xml.depth", "nesting deeper than " + std::to_string(limits_.depth));
    const std::string ns = xml_to_utf8(uri);
    const auto prefix = paths_.prefix(ns);
    std::string name = (prefix.empty() ? "{" + ns + "}" : std::string(prefix) + ":") + xml_to_utf8(localname);
    if (stack_.empty()) {
      if (ns != kPackageNamespace) stop("an2k-xml.root", "the root is not an ANSI/NIST-ITL package (" + name + ")");
    } else {
      stack_.back().has_children = true;
    }
    if (stack_.size() == 1) {  // a record
      record_type_ = paths_.record_type(name);
      record_ordinal_ = record_type_ == 0 ? 0 : ++ordinals_[record_type_];
      fields_of_record_.clear();
      if (++records_ > limits_.records) stop("limits.records", "more than " + std::to_string(limits_.records) + " records");
    }
    Frame frame;
    frame.path_size = path_.size();
    if (ns == kXborderNamespace) {
      static const XMLCh kPath[] = {'p', 'a', 't', 'h', 0};
      static const XMLCh kEncoding[] = {'e', 'n', 'c', 'o', 'd', 'i', 'n', 'g', 0};
      const XMLCh* carried = attributes.getValue(kPath);
      const XMLCh* encoding = attributes.getValue(kEncoding);
      frame.carried = carried ? xml_to_utf8(carried) : std::string();
      const std::string how = encoding ? xml_to_utf8(encoding) : std::string();
      frame.base64 = how == "base64" || how == "base64-text";
      frame.text_in_base64 = how == "base64-text";
    }
    if (stack_.size() >= 1) {
      path_ += (stack_.size() > 1 ? "/" : "") + name;
      if (stack_.size() == 1 && record_ordinal_ > 1) path_ += "[" + std::to_string(record_ordinal_) + "]";
    }
    if (path_.size() > limits_.path_bytes) stop("limits.path_bytes", "an element path longer than the limit");
    frame.name = std::move(name);
    frame.offset = here();
    stack_.push_back(std::move(frame));
    text_.clear();
  }

  void characters(const XMLCh* const chars, const XMLSize_t length) override {
    xml_to_utf8(chars, length, scratch_);
    if (text_.size() + scratch_.size() > limits_.value_bytes) stop("limits.value_bytes", "a value longer than the limit");
    text_ += scratch_;
  }

  void endElement(const XMLCh* const, const XMLCh* const, const XMLCh* const) override {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    if (!frame.has_children && stack_.size() >= 2) leaf(frame);
    path_.resize(frame.path_size);
    text_.clear();
  }

  void fatalError(const SAXParseException& e) override { syntax(e); }
  void error(const SAXParseException& e) override { syntax(e); }
  void warning(const SAXParseException&) override {}

 private:
  struct Frame {
    std::string name;
    std::string carried;  // the path of a traditional field carried in an xb:Field element
    bool base64 = false;         // carried bytes, base64
    bool text_in_base64 = false;  // carried text, base64 (a value with line breaks at its ends)
    std::size_t path_size = 0;
    std::uint64_t offset = 0;
    bool has_children = false;
  };
  struct Value {
    std::vector<std::pair<unsigned, std::string>> parts;  // (part, text)
    std::string join;
    std::uint64_t offset = 0;
    bool binary = false;
  };
  // (record type, ordinal, field, subfield, item) -> value; ordered as the traditional encoding orders them.
  using Key = std::tuple<unsigned, unsigned, unsigned, unsigned, unsigned>;

  // "itl:PackageX[2]/biom:Y" -> "itl:PackageX/biom:Y": the tables name records without their ordinal.
  static std::string strip_ordinal(const std::string& path) {
    const auto slash = std::min(path.find('/'), path.size());
    const auto bracket = path.find('[');
    if (bracket == std::string::npos || bracket > slash) return path;
    return path.substr(0, bracket) + path.substr(slash);
  }

  std::uint64_t here() const {
    return locator_ ? offsets_.at(locator_->getLineNumber(), locator_->getColumnNumber()) : 0;
  }

  void leaf(const Frame& frame) {
    std::string text = an2k_xml_element_text(text_);
    if (!frame.carried.empty()) {
      if (tree_.fields.size() >= limits_.fields) stop("limits.fields", "more fields than the limit");
      Field& kept = tree_.fields.emplace_back();
      kept.path = frame.carried;
      kept.offset = frame.offset;
      if (frame.base64) {
        std::vector<std::uint8_t> bytes;
        if (!base64_decode(text, bytes)) diagnostics_.error("an2k-xml.base64", "not base64 data", kFormat, path_, frame.offset);
        kept.raw.own().assign(bytes.begin(), bytes.end());
        kept.binary = !frame.text_in_base64;
        if (frame.text_in_base64) kept.text = kept.raw;
      } else {
        kept.text = text;
        kept.raw = std::move(text);
      }
      return;
    }
    const An2kXmlTarget* target = record_type_ ? paths_.find(strip_ordinal(path_)) : nullptr;
    if (target == nullptr || target->type != record_type_) {
      if (tree_.fields.size() >= limits_.fields) stop("limits.fields", "more fields than the limit");
      Field& kept = tree_.fields.emplace_back();
      kept.path = "xml:" + path_;
      kept.text = text;
      kept.raw = std::move(text);
      kept.offset = frame.offset;
      return;
    }
    if (target->number == 1) return;  // the record category code: the record's type, not a field
    unsigned item = target->item == 0 ? 1 : target->item;
    auto& filled = fields_of_record_[target->number];
    // 1.003 CNT: items A-B make the first subfield, C-D (REC, IDC) each further one.
    const bool cnt_entry = record_type_ == 1 && target->number == 3 && item >= 3;
    if (cnt_entry) item -= 2;
    const unsigned slot = item * 16 + target->part;
    if (filled.sub == 0 || filled.slots.count(slot) || (cnt_entry && filled.sub == 1)) {
      ++filled.sub;
      filled.slots.clear();
    }
    filled.slots.insert(slot);
    Value& value = values_[{record_type_, record_ordinal_, target->number, filled.sub, item}];
    if (value.parts.empty()) value.offset = frame.offset;
    value.join = target->join;
    if (frame.name == "nc:BinaryBase64Object") {
      std::vector<std::uint8_t> bytes;
      if (!base64_decode(text, bytes)) {
        diagnostics_.error("an2k-xml.base64", "not base64 image data", kFormat, path_, frame.offset);
        return;
      }
      value.binary = true;
      text.assign(bytes.begin(), bytes.end());
    } else {
      text = an2k_xml_traditional_value(frame.name, *target, std::move(text));
    }
    value.parts.emplace_back(target->part, std::move(text));
  }

  void finish() {
    // The mapped values, in record order (as the records came) and field order, before the unmapped ones.
    std::vector<Field> mapped;
    for (auto& [key, value] : values_) {
      const auto [type, ordinal, number, subfield, item] = key;
      std::stable_sort(value.parts.begin(), value.parts.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      Field& field = mapped.emplace_back();
      field.path = An2kPath{.type = type, .ordinal = ordinal, .field = number, .subfield = subfield, .item = item}.text();
      for (std::size_t i = 0; i < value.parts.size(); ++i) {
        if (i > 0) field.raw.own() += value.join;
        field.raw.own() += value.parts[i].second;
      }
      field.binary = value.binary;
      if (!field.binary) field.text = field.raw;
      field.offset = value.offset;
    }
    std::stable_sort(mapped.begin(), mapped.end(), [&](const Field& a, const Field& b) { return a.offset < b.offset; });
    mapped.insert(mapped.end(), std::make_move_iterator(tree_.fields.begin()), std::make_move_iterator(tree_.fields.end()));
    tree_.fields = std::move(mapped);
  }

  [[noreturn]] void stop(const std::string& code, const std::string& message) {
    diagnostics_.error(code, message, kFormat, path_, here());
    throw StopXmlParse{};
  }

  [[noreturn]] void syntax(const SAXParseException& e) {
    diagnostics_.error("xml.syntax",
                       xml_to_utf8(e.getMessage()) + " (line " + std::to_string(e.getLineNumber()) + ", column " +
                           std::to_string(e.getColumnNumber()) + ")",
                       kFormat, path_, offsets_.at(e.getLineNumber(), e.getColumnNumber()));
    throw StopXmlParse{};
  }

  struct Filled {
    unsigned sub = 0;
    std::set<unsigned> slots;
  };

  std::string_view xml_;
  const An2kXmlPaths& paths_;
  const Limits& limits_;
  FieldTree& tree_;
  Diagnostics& diagnostics_;
  mutable ByteOffsets offsets_;
  const Locator* locator_ = nullptr;
  std::vector<Frame> stack_;
  std::string path_, text_, scratch_;
  unsigned record_type_ = 0, record_ordinal_ = 0;
  std::size_t records_ = 0;
  std::map<unsigned, unsigned> ordinals_;
  std::map<unsigned, Filled> fields_of_record_;
  std::map<Key, Value> values_;
};

}  // namespace

An2kXmlPaths::An2kXmlPaths(const MappingStore& store) {
  // EBTS's elements first: where both tables name a path, the EBTS one is the more specific.
  std::vector<std::pair<const An2kXmlTarget*, std::string>> order;
  for (const char* file : {"an2k-xml/ebts.csv", "an2k-xml/fields.csv"}) {
    const DataTable table = DataTable::load(store, file);
    // "# namespaces: itl=http://... biom=http://..." (lines of the same key are joined with a space)
    const auto namespaces = table.metadata.find("namespaces");
    const std::string declared = namespaces == table.metadata.end() ? std::string() : namespaces->second;
    std::string_view rest = declared;
    while (!rest.empty()) {
      const auto end = std::min(rest.find(' '), rest.size());
      const auto pair = rest.substr(0, end);
      const auto equals = pair.find('=');
      if (equals == std::string_view::npos) table.fail(1, "namespaces are PREFIX=URI pairs");
      prefixes_.emplace(std::string(pair.substr(equals + 1)), std::string(pair.substr(0, equals)));
      rest.remove_prefix(std::min(end + 1, rest.size()));
    }
    const auto field = table.require("field"), path = table.require("path");
    const int item = table.column("item"), part = table.column("part"), join = table.column("join"),
              values = table.column("values");
    const auto cell = [](const DataTable::Row& row, int column) {
      return column < 0 || static_cast<std::size_t>(column) >= row.cells.size() ? std::string() : row[column];
    };
    for (const auto& row : table.rows) {
      An2kXmlTarget target;
      const auto dot = row[field].find('.');
      if (dot == std::string::npos) table.fail(row.line, "field is TYPE.NUMBER");
      target.type = to_number(table, row.line, std::string_view(row[field]).substr(0, dot), false);
      target.number = to_number(table, row.line, std::string_view(row[field]).substr(dot + 1), false);
      target.item = to_number(table, row.line, cell(row, item), true);
      target.part = to_number(table, row.line, cell(row, part), true);
      target.join = cell(row, join);
      const std::string pairs = cell(row, values);
      std::string_view list = pairs;
      while (!list.empty()) {
        const auto bar = std::min(list.find('|'), list.size());
        const auto pair = list.substr(0, bar);
        const auto equals = pair.find('=');
        if (equals == std::string_view::npos) table.fail(row.line, "values are XML=TRADITIONAL pairs");
        target.values.emplace(std::string(pair.substr(0, equals)), std::string(pair.substr(equals + 1)));
        list.remove_prefix(std::min(bar + 1, list.size()));
      }
      const std::string& element_path = row[path];
      if (target.number == 1 && target.item == 0) records_.emplace(element_path.substr(0, element_path.find('/')), target.type);
      const auto [at, added] = paths_.emplace(element_path, std::move(target));
      if (added) order.emplace_back(&at->second, element_path);
    }
  }
  build_placements(order);
}

namespace {


// The longest common prefix of element paths, by whole elements.
std::string common_prefix(const std::vector<std::string>& paths) {
  if (paths.empty()) return {};
  auto first = an2k_xml_segments(paths.front());
  std::size_t n = first.size();
  for (const auto& path : paths) {
    const auto other = an2k_xml_segments(path);
    std::size_t i = 0;
    while (i < n && i < other.size() && other[i] == first[i]) ++i;
    n = i;
  }
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out.append(i ? "/" : "").append(first[i]);
  return out;
}

}  // namespace

void An2kXmlPaths::build_placements(const std::vector<std::pair<const An2kXmlTarget*, std::string>>& order) {
  // The first path of each (field, item, part), as the tables list them (EBTS first).
  std::map<std::tuple<unsigned, unsigned, unsigned>, std::map<unsigned, std::pair<const An2kXmlTarget*, std::string>>> first;
  std::map<std::pair<unsigned, unsigned>, std::string> field_paths;  // item 0: the field's own element
  for (const auto& [target, path] : order) {
    if (target->item == 0 && target->part == 0) field_paths.emplace(std::pair{target->type, target->number}, path);
    first[{target->type, target->number, target->item}].emplace(target->part, std::pair{target, path});
  }
  const auto place = [&](unsigned type, unsigned number, unsigned item, unsigned source_item, bool later) {
    const auto found = first.find({type, number, source_item});
    if (found == first.end()) return;
    Placement placement;
    for (const auto& [part, entry] : found->second) {
      placement.parts.push_back(entry.first);
      placement.part_paths.push_back(entry.second);
    }
    placement.target = placement.parts.front();
    placement.path = placement.part_paths.front();
    // The element that repeats with each subfield: the field's own element when it holds the items, else what
    // the field's items share (1.003: each further subfield one ContentRecordSummary), else the value itself.
    std::vector<std::string> items;
    for (unsigned i = later ? 3 : 1; first.count({type, number, i}); ++i) items.push_back(first[{type, number, i}].begin()->second.second);
    const auto own = field_paths.find({type, number});
    if (later) {
      placement.container = common_prefix(items);
    } else if (source_item != 0 && own != field_paths.end() && placement.path.rfind(own->second + "/", 0) == 0) {
      placement.container = own->second;
    } else if (items.size() > 1) {
      placement.container = common_prefix(items);
    } else {
      placement.container = placement.parts.size() > 1 ? common_prefix(placement.part_paths) : placement.path;
    }
    placements_.emplace(std::tuple{type, number, item, later}, std::move(placement));
  };
  for (const auto& [key, parts] : first) {
    const auto [type, number, item] = key;
    if (type == 1 && number == 3 && item >= 3) {
      place(type, number, item - 2, item, true);  // CNT: REC and IDC are items 1 and 2 of each further subfield
    } else {
      place(type, number, item, item, false);
    }
    const auto element = parts.begin()->second.second;
    if (number == 1 && item == 0) record_elements_.emplace(type, element.substr(0, element.find('/')));
  }
}

const An2kXmlPaths::Placement* An2kXmlPaths::placement(unsigned type, unsigned number, unsigned item,
                                                      bool later_subfield) const {
  const bool cnt = type == 1 && number == 3 && later_subfield;
  auto found = placements_.find({type, number, item, cnt});
  if (found == placements_.end() && item == 1) found = placements_.find({type, number, 0, cnt});
  return found == placements_.end() ? nullptr : &found->second;
}

std::string An2kXmlPaths::record_element(unsigned type) const {
  const auto found = record_elements_.find(type);
  return found == record_elements_.end() ? std::string() : found->second;
}

const An2kXmlPaths& An2kXmlPaths::builtin() {
  static const An2kXmlPaths paths{MappingStore()};
  return paths;
}

const An2kXmlTarget* An2kXmlPaths::find(std::string_view path) const {
  const auto found = paths_.find(std::string(path));
  return found == paths_.end() ? nullptr : &found->second;
}

std::string_view An2kXmlPaths::prefix(std::string_view uri) const {
  const auto found = prefixes_.find(uri);
  return found == prefixes_.end() ? std::string_view() : std::string_view(found->second);
}

unsigned An2kXmlPaths::record_type(std::string_view element) const {
  const auto found = records_.find(element);
  return found == records_.end() ? 0 : found->second;
}

std::vector<std::string_view> an2k_xml_segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (at < path.size()) {
    const auto end = std::min(path.find('/', at), path.size());
    out.push_back(path.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

bool looks_like_an2k_xml(std::string_view head) {
  return head.find('<') != std::string_view::npos && head.find(kPackageNamespace) != std::string_view::npos;
}

bool read_an2k_xml(std::string_view xml, const An2kXmlPaths& paths, const Limits& limits, FieldTree& tree,
                   Diagnostics& diagnostics) {
  if (xml.size() > limits.input_bytes) {
    diagnostics.error("limits.input_bytes", "the document is larger than the limit", kFormat, "/", 0);
    return false;
  }
  tree.raw.assign(xml);
  tree.label = "transaction[1]";
  Reader reader(xml, paths, limits, tree, diagnostics);
  return reader.run();
}

}  // namespace xborder::detail
