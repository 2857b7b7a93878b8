#include "formats/ncic/ncic_codec.hpp"

#include <iterator>
#include <map>
#include <string>

#include "core/data_table.hpp"
#include "formats/record_stream.hpp"

namespace xborder::detail {
namespace {

constexpr const char* kFormat = "ncic";

bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }
bool blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// "1N01HEADER", "1L01...": a terminal header (a digit, a letter, two digits).
bool is_header(std::string_view text) {
  return text.size() >= 4 && digit(text[0]) && upper(text[1]) && digit(text[2]) && digit(text[3]);
}
// A message key: one to four letters (EW, EWJ, QW, QWA, ...).
bool is_message_key(std::string_view text) {
  if (text.empty() || text.size() > 4) return false;
  for (const char c : text) {
    if (!upper(c)) return false;
  }
  return true;
}
// An ORI: nine characters, the state's two letters first.
bool is_ori(std::string_view text) {
  if (text.size() != 9 || !upper(text[0]) || !upper(text[1])) return false;
  for (const char c : text) {
    if (!upper(c) && !digit(c)) return false;
  }
  return true;
}
// "NAM/": a three-character field code and its slash at `at`.
bool code_at(std::string_view text, std::size_t at) {
  if (at + 4 > text.size() || text[at + 3] != '/') return false;
  for (std::size_t i = at; i < at + 3; ++i) {
    if (!upper(text[i]) && !digit(text[i])) return false;
  }
  return true;
}

// Whether a line begins a message: a header, or a message key and an ORI, before periods.
bool starts_message(std::string_view line) {
  const std::size_t first = line.find('.');
  if (first == std::string_view::npos) return false;
  std::string_view head = line.substr(0, first);
  std::string_view rest = line.substr(first + 1);
  if (is_header(head)) {
    const std::size_t next = rest.find('.');
    if (next == std::string_view::npos) return false;
    head = rest.substr(0, next);
    rest = rest.substr(next + 1);
  }
  const std::size_t ori = rest.find('.');
  return is_message_key(head) && is_ori(rest.substr(0, ori == std::string_view::npos ? rest.size() : ori));
}

struct Token {
  std::string_view text;
  std::size_t offset;  // in the record
};

// The record's tokens: split at periods and line ends, then before each "XXX/" that follows a blank. At
// most `limit` of them (one more than a record may have fields: enough to tell it has too many).
std::vector<Token> tokens(std::string_view record, std::size_t limit) {
  std::vector<Token> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= record.size() && out.size() < limit; ++i) {
    const bool end = i == record.size() || record[i] == '.' || record[i] == '\n';
    const bool coded_after_blank = i < record.size() && i > start && blank(record[i - 1]) && code_at(record, i);
    if (!end && !coded_after_blank) continue;
    std::size_t from = start, to = i;
    while (from < to && blank(record[from])) ++from;
    while (to > from && blank(record[to - 1])) --to;
    if (to > from) out.push_back({record.substr(from, to - from), from});
    start = coded_after_blank ? i : i + 1;
  }
  return out;
}

class NcicWriter final : public FieldTreeWriter {
 public:
  bool write(const FieldTree& tree, Diagnostics& diagnostics, std::string& out) override {
    // The header, message key and ORI lead, whatever order the profile wrote them in.
    std::vector<const Field*> order;
    for (const char* lead : {"HDR", "MKE", "ORI"}) {
      if (const Field* field = tree.find(lead)) order.push_back(field);
    }
    for (const Field& field : tree.fields) {
      if (field.path != "HDR" && field.path != "MKE" && field.path != "ORI") order.push_back(&field);
    }
    std::string message;
    for (const Field* pointer : order) {
      const Field& field = *pointer;
      if (field.text.find('.') != std::string::npos || field.text.find('\n') != std::string::npos) {
        diagnostics.error("ncic.write", "a value holds a period or a line break, which separate NCIC fields",
                          kFormat, field.path);
        return false;
      }
      if (field.text.empty()) continue;
      if (!message.empty()) message += '.';
      const std::string code = field.path.substr(0, field.path.find('['));
      if (code == "HDR" || code == "MKE" || code == "ORI" || code.starts_with('#') || code == "TXT") {
        message += field.text;
      } else {
        message += code + "/" + field.text;
      }
    }
    out += message + ".\n";
    return true;
  }
};

// The fields that identify the person (FBI, SOC, ...) and their XES identifier types: the codec's, since
// every NCIC message spells them alike and a person may have several of each.
struct IdentifierField {
  std::string code, type, country;
};

class NcicInstance final : public CodecInstance {
 public:
  explicit NcicInstance(std::vector<IdentifierField> identifiers) : identifiers_(std::move(identifiers)) {}

  void to_xes(const FieldTree& tree, xes::Message& message, std::vector<bool>& consumed) const override {
    for (std::size_t i = 0; i < tree.fields.size(); ++i) {
      const Field& field = tree.fields[i];
      const IdentifierField* known = identifier(field.path.substr(0, field.path.find('[')));
      if (known == nullptr || field.text.empty()) continue;
      if (message.persons.empty()) message.persons.emplace_back();
      xes::Identifier& made = message.persons[0].identifiers.emplace_back();
      made.type = known->type;
      made.value = field.text;
      made.country = known->country;
      consumed[i] = true;
    }
  }

  void from_xes(const xes::Message& message, FieldTree& tree, Diagnostics&) const override {
    if (message.persons.empty()) return;
    std::map<std::string, std::size_t, std::less<>> count;
    for (const auto& made : message.persons[0].identifiers) {
      for (const auto& known : identifiers_) {
        if (known.type != made.type) continue;
        const std::size_t n = ++count[known.code];
        tree.set(n == 1 ? known.code : known.code + "[" + std::to_string(n) + "]", made.value);
      }
    }
  }

  int sniff(std::string_view head) const override {
    std::size_t at = 0;
    while (at < head.size() && (blank(head[at]) || head[at] == '\n')) ++at;
    const std::string_view line = head.substr(at, head.find('\n', at) - at);
    if (starts_message(line)) return 50;
    return head.find("\nMKE/") != std::string_view::npos || head.substr(at).starts_with("MKE/") ? 40 : 0;
  }

  void read(std::istream& input, const ConvertOptions& options, const FieldTreeSink& sink) const override {
    std::shared_ptr<const std::string> owner;
    const auto whole = read_document(input, options.limits.input_bytes, owner, kFormat, "ncic.size", sink);
    if (!whole) return;
    const std::string_view text = *whole;
    std::size_t records = 0, start = 0, line_start = 0;
    bool in_record = false;
    const auto flush = [&](std::size_t end) {
      if (!in_record) return true;
      in_record = false;
      return deliver(text.substr(start, end - start), start, ++records, options, sink);
    };
    while (line_start <= text.size()) {
      std::size_t line_end = text.find('\n', line_start);
      if (line_end == std::string::npos) line_end = text.size();
      const std::string_view line = text.substr(line_start, line_end - line_start);
      const bool empty = line.find_first_not_of(" \t\r") == std::string_view::npos;
      if (empty || (in_record && starts_message(line))) {
        if (!flush(line_start)) return;
      }
      if (!empty && !in_record) {
        in_record = true;
        start = line_start;
      }
      if (line_end == text.size()) break;
      line_start = line_end + 1;
    }
    flush(text.size());
  }

  std::unique_ptr<FieldTreeWriter> writer() const override { return std::make_unique<NcicWriter>(); }

 private:
  static bool deliver(std::string_view record, std::size_t offset, std::size_t number, const ConvertOptions& options,
                      const FieldTreeSink& sink) {
    while (!record.empty() && (record.back() == '\n' || blank(record.back()))) record.remove_suffix(1);
    FieldTree tree;
    tree.label = "message[" + std::to_string(number) + "]";
    tree.offset = offset;
    tree.raw.assign(record);
    Diagnostics diagnostics;
    std::map<std::string, std::size_t, std::less<>> seen;
    std::size_t position = 0;
    const std::vector<Token> parts = tokens(record, options.limits.fields + 1);
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const Token& token = parts[i];
      if (tree.fields.size() >= options.limits.fields) {
        diagnostics.error("ncic.fields", "a message has more than " + std::to_string(options.limits.fields) + " fields",
                          kFormat, tree.label, offset + token.offset);
        return sink(tree, std::move(diagnostics));
      }
      if (token.text.size() > options.limits.value_bytes) {
        diagnostics.error("ncic.value", "a field is longer than " + std::to_string(options.limits.value_bytes) + " bytes",
                          kFormat, tree.label, offset + token.offset);
        return sink(tree, std::move(diagnostics));
      }
      std::string code;
      std::string_view value = token.text;
      std::size_t value_offset = token.offset;
      if (code_at(token.text, 0)) {
        code.assign(token.text.substr(0, 3));
        value = token.text.substr(4);
        value_offset += 4;
      } else if (i == 0 && is_header(token.text)) {
        code = "HDR";
      } else if (!seen.count("MKE") && position == 0 && is_message_key(token.text) && i + 1 < parts.size() &&
                 is_ori(parts[i + 1].text)) {
        code = "MKE";
      } else if (seen.count("MKE") && !seen.count("ORI") && position == 0 && is_ori(token.text)) {
        code = "ORI";
      } else if (seen.count("MKE") && seen.count("ORI")) {
        code = "#" + std::to_string(++position);
      } else {
        code = "TXT";  // a response's text lines before its fields
      }
      const std::size_t count = ++seen[code];
      Field& field = tree.fields.emplace_back();
      field.path = count == 1 ? code : code + "[" + std::to_string(count) + "]";
      field.text.assign(value);
      field.raw.assign(value);
      field.offset = offset + value_offset;
    }
    if (tree.fields.empty()) {
      diagnostics.error("ncic.empty", "a message has no fields", kFormat, tree.label, offset);
    }
    return sink(tree, std::move(diagnostics));
  }

  const IdentifierField* identifier(std::string_view code) const {
    for (const auto& known : identifiers_) {
      if (known.code == code) return &known;
    }
    return nullptr;
  }

  std::vector<IdentifierField> identifiers_;
};

std::shared_ptr<const CodecInstance> configure(const rapidjson::Value*, const std::string&, const MappingStore& store,
                                               std::string&) {
  const DataTable table = DataTable::load(store, "codes/ncic-identifiers.csv");
  const std::size_t code = table.require("code"), type = table.require("type"), country = table.require("country");
  std::vector<IdentifierField> identifiers;
  for (const auto& row : table.rows) identifiers.push_back({row[code], row[type], row[country]});
  return std::make_shared<NcicInstance>(std::move(identifiers));
}

bool is_field(std::string_view path, const std::vector<std::string>&) {
  const std::string_view code = path.substr(0, path.find('['));
  if (code == "HDR" || code == "MKE" || code == "ORI" || code == "TXT") return true;
  if (code.size() > 1 && code[0] == '#') return code.find_first_not_of("0123456789", 1) == std::string_view::npos;
  return code_at(std::string(code) + "/", 0);
}

}  // namespace

const Codec& ncic_codec() {
  static const Codec codec{
      .name = "ncic",
      .description = "US NCIC 2000 messages: message key, ORI, then field code/value pairs (NAM/SMITH, JOHN J)",
      .can_write = true,
      // Sniff patterns look anywhere in the head: a hit response names its message key (MKE/WANTED PERSON)
      // after its header and warning lines.
      .shape = RecordShape::documents,
      .field_paths = "a message field code ('NAM', 'DOB', the second alias 'AKA[2]'), or 'MKE', 'ORI', 'HDR'",
      .is_field = is_field,
      .configure = configure,
  };
  return codec;
}

}  // namespace xborder::detail
