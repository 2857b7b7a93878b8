#include "formats/an2k/an2k_codec.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <set>
#include <memory>

#include "core/charset.hpp"
#include "core/data_table.hpp"
#include "core/mapping_store.hpp"

namespace xborder::detail {
namespace {

// The versions and character sets of the standard, from the embedded codes/an2k-standard.csv.
struct Standard {
  std::set<std::string, std::less<>> versions;
  std::map<std::string, std::string, std::less<>> charsets;

  static const Standard& builtin() {
    static const Standard standard = [] {
      Standard loaded;
      const DataTable table = DataTable::load(MappingStore(), "codes/an2k-standard.csv");
      const std::size_t kind = table.require("kind"), code = table.require("code"), value = table.require("value");
      for (const auto& row : table.rows) {
        if (row[kind] == "version") {
          loaded.versions.insert(row[code]);
        } else if (row[kind] == "charset") {
          loaded.charsets.emplace(row[code], row[value]);
        } else {
          table.fail(row.line, "kind is version or charset, not '" + row[kind] + "'");
        }
      }
      return loaded;
    }();
    return standard;
  }
};

constexpr const char* kFormat = "an2k";
constexpr unsigned kMaxRecordType = 99;

// The fixed header of a binary record: field number and byte width of each item, in order. LEN (4 bytes)
// and IDC (1 byte) always lead; the image data follows as the record's last field.
struct BinaryItem {
  unsigned number;
  unsigned width;
  An2kField::Kind kind = An2kField::Kind::integer;
};
struct BinaryLayout {
  std::vector<BinaryItem> items;
  unsigned header_bytes = 0;
  unsigned data_field = 0;
};

const BinaryLayout& binary_layout(unsigned type) {
  using Kind = An2kField::Kind;
  // Types 3-6: LEN IDC IMP FGP(6 positions) ISR HLL VLL GCA/CGA; type 7: LEN IDC, the rest user-defined;
  // type 8: LEN IDC SIG SRT ISR HLL VLL (ANSI/NIST-ITL 1-2011 sections 8.3-8.8).
  static const BinaryLayout kImage{
      {{1, 4}, {2, 1}, {3, 1}, {4, 6, Kind::octets}, {5, 1}, {6, 2}, {7, 2}, {8, 1}}, 18, 9};
  static const BinaryLayout kUserDefined{{{1, 4}, {2, 1}}, 5, 3};
  static const BinaryLayout kSignature{{{1, 4}, {2, 1}, {3, 1}, {4, 1}, {5, 1}, {6, 2}, {7, 2}}, 12, 8};
  return type == 7 ? kUserDefined : type == 8 ? kSignature : kImage;
}

std::uint64_t big_endian(std::string_view bytes) {
  std::uint64_t value = 0;
  for (const char byte : bytes) value = (value << 8) | static_cast<unsigned char>(byte);
  return value;
}

// A decimal number of at most 18 digits (no sign, no spaces); nothing otherwise.
std::optional<std::uint64_t> decimal(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string_view item_of(std::string_view value, std::size_t subfield, std::size_t item) {
  for (std::size_t s = 1; s < subfield; ++s) {
    const auto next = value.find(kRecordSeparator);
    if (next == std::string_view::npos) return {};
    value.remove_prefix(next + 1);
  }
  value = value.substr(0, value.find(kRecordSeparator));
  for (std::size_t i = 1; i < item; ++i) {
    const auto next = value.find(kUnitSeparator);
    if (next == std::string_view::npos) return {};
    value.remove_prefix(next + 1);
  }
  return value.substr(0, value.find(kUnitSeparator));
}

const An2kField* field_of(const An2kRecord& record, unsigned number) {
  for (const auto& field : record.fields) {
    if (field.number == number) return &field;
  }
  return nullptr;
}

// "2.018": at least three digits for the field, as the standard writes them.
void append_number(std::string& out, unsigned value) {
  char digits[10];
  const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
}

// "2.018": at least three digits for the field, as the standard writes them.
void append_field_number(std::string& out, unsigned field) {
  if (field < 100) out += field < 10 ? "00" : "0";
  append_number(out, field);
}

std::string canonical_tag(unsigned type, unsigned field) {
  std::string tag;
  append_number(tag, type);
  tag += '.';
  append_field_number(tag, field);
  return tag;
}

// Whether `tag` is spelt as canonical_tag spells it ("2.018", "2.1003"), without making that string: the type
// without leading zeros, the field in three digits or, from 1000 on, without leading zeros.
bool is_canonical_tag(std::string_view tag, unsigned type, unsigned field) {
  const auto dot = tag.find('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == tag.size()) return false;
  const std::string_view type_text = tag.substr(0, dot), field_text = tag.substr(dot + 1);
  return type_text.front() != '0' && (field < 1000 ? field_text.size() == 3 : field_text.front() != '0') &&
         decimal(type_text) == type && decimal(field_text) == field;
}

class Parser {
 public:
  Parser(std::string_view data, std::uint64_t base, bool strict, An2kTransaction& transaction,
         Diagnostics& diagnostics)
      : data_(data), base_(base), strict_(strict), transaction_(transaction), diagnostics_(diagnostics) {}

  std::optional<std::size_t> run() {
    transaction_.offset = base_;
    transaction_.charset = "US-ASCII";
    transaction_.records.clear();
    std::array<unsigned, kMaxRecordType + 1> ordinals{};
    std::size_t pos = 0;
    if (!parse_tagged(0, 1, next_record())) return std::nullopt;
    const An2kRecord& header = transaction_.records.front();
    pos = header.bytes.size();
    ordinals[1] = 1;
    if (!check_header(header)) return std::nullopt;

    // Views into the input, which outlive the records vector's growth.
    const std::string_view entries = field_of(header, 3)->value;
    const std::uint64_t cnt_offset = field_of(header, 3)->offset;
    const auto first_end = entries.find(kRecordSeparator);
    const std::string_view declared_count = item_of(entries.substr(0, first_end), 1, 2);
    const std::string_view first_entry = entries.substr(0, first_end);
    if ((decimal(item_of(first_entry, 1, 1)) != 1u ||
         std::count(first_entry.begin(), first_entry.end(), kUnitSeparator) != 1) &&
        !inconsistent("an2k.cnt", "CNT must begin with '1<US>count'", "1.003", cnt_offset)) {
      return std::nullopt;
    }
    std::size_t listed = 0;
    std::size_t next = first_end == std::string_view::npos ? entries.size() : first_end + 1;
    while (next < entries.size()) {
      const auto end = std::min(entries.find(kRecordSeparator, next), entries.size());
      const std::string_view entry = entries.substr(next, end - next);
      const std::uint64_t entry_offset = cnt_offset + next;
      next = end + 1;
      ++listed;
      const auto type = decimal(item_of(entry, 1, 1));
      const auto idc = decimal(item_of(entry, 1, 2));
      if (!type || *type < 2 || *type > kMaxRecordType) {
        error("an2k.cnt", "CNT entry " + std::to_string(listed) + " names no record type 2-99", "1.003", entry_offset);
        return std::nullopt;
      }
      const bool two_items = std::count(entry.begin(), entry.end(), kUnitSeparator) == 1;
      if ((!idc || !two_items) &&
          !inconsistent("an2k.cnt", "CNT entry " + std::to_string(listed) + " is not 'record type<US>IDC'", "1.003",
                        entry_offset)) {
        return std::nullopt;
      }
      if (pos >= data_.size()) {
        if (!inconsistent("an2k.cnt", "CNT lists a Type-" + std::to_string(*type) + " record (entry " +
                                          std::to_string(listed) + ") but the input ends",
                          "1.003", base_ + pos)) {
          return std::nullopt;
        }
        break;
      }
      const auto record_type = static_cast<unsigned>(*type);
      An2kRecord& record = next_record();
      record.ordinal = ++ordinals[record_type];
      const bool ok = an2k_binary_type(record_type) ? parse_binary(pos, record_type, record)
                                                    : parse_tagged(pos, record_type, record);
      if (!ok) return std::nullopt;
      pos += record.bytes.size();
      if (!check_idc(record, idc, entry_offset)) return std::nullopt;
    }
    const auto count = decimal(declared_count);
    if (!count || *count != listed) {
      if (!inconsistent("an2k.cnt", "CNT says " + std::string(declared_count) + " records follow but lists " +
                                        std::to_string(listed),
                        "1.003", cnt_offset)) {
        return std::nullopt;
      }
    }
    transaction_.bytes = data_.substr(0, pos);
    return pos;
  }

 private:
  An2kRecord& next_record() {
    An2kRecord& record = transaction_.records.emplace_back();
    return record;
  }

  void error(const char* code, std::string message, std::string path, std::uint64_t offset) {
    diagnostics_.error(code, std::move(message), kFormat, std::move(path), offset);
  }

  enum class Quirk : unsigned { tag_spelling = 1, foreign_tag = 2, repeated = 4, order = 8, padding = 16 };

  // A quirk of real files (kept as it is): an error when strict, otherwise a warning, said once a record.
  bool quirk(Quirk kind, const char* code, std::string message, std::string path, std::uint64_t offset) {
    if (strict_) {
      error(code, std::move(message), std::move(path), offset);
      return false;
    }
    if ((said_ & static_cast<unsigned>(kind)) == 0) {
      diagnostics_.warning(code, std::move(message), kFormat, std::move(path), offset);
      said_ |= static_cast<unsigned>(kind);
    }
    return true;
  }

  // An inconsistency the parser can step over: an error when strict, otherwise a warning. True to go on.
  bool inconsistent(const char* code, std::string message, std::string path, std::uint64_t offset) {
    if (strict_) {
      error(code, std::move(message), std::move(path), offset);
      return false;
    }
    diagnostics_.warning(code, std::move(message), kFormat, std::move(path), offset);
    return true;
  }

  bool check_header(const An2kRecord& header) {
    const An2kField* version = field_of(header, 2);
    const An2kField* cnt = field_of(header, 3);
    if (version == nullptr || cnt == nullptr) {
      error("an2k.header", std::string("the Type-1 record has no ") + (version ? "1.003 CNT" : "1.002 VER") + " field",
            "1", header.offset);
      return false;
    }
    // Real files carry other versions (NIST's own reference files include "0"); the layout is the same.
    if (!Standard::builtin().versions.contains(version->value) &&
        !inconsistent("an2k.version", "version '" + std::string(version->value) + "' is not one of the standard's",
                      "1.002", version->offset)) {
      return false;
    }
    if (const An2kField* dcs = field_of(header, 15)) {
      std::string charset = an2k_charset(item_of(dcs->value, 1, 1), item_of(dcs->value, 1, 2));
      if (charset.empty()) {
        if (!inconsistent("an2k.charset", "character set '" + std::string(dcs->value.substr(0, 40)) +
                                              "' is not known; text is read as ISO-8859-1",
                          "1.015", dcs->offset)) {
          return false;
        }
        charset = "ISO-8859-1";
      }
      transaction_.charset = std::move(charset);
    }
    return true;
  }

  bool check_idc(const An2kRecord& record, std::optional<std::uint64_t> listed, std::uint64_t entry_offset) {
    const An2kField* idc = field_of(record, 2);
    if (idc == nullptr) return true;
    const auto value = idc->kind == An2kField::Kind::integer ? std::optional(big_endian(idc->value))
                                                              : decimal(item_of(idc->value, 1, 1));
    // Leniently, a mismatch does not stop reading: the record is still whole.
    return value == listed || inconsistent("an2k.idc", "IDC of this record differs from its CNT entry",
                                           An2kPath{record.type, record.ordinal, 2}.text(), entry_offset);
  }

  // A tagged record at `start`: fields "T.N:value" ended by GS, the last by FS; field .999 taken by LEN.
  bool parse_tagged(std::size_t start, unsigned type, An2kRecord& record) {
    record.type = type;
    record.tagged = true;
    record.offset = base_ + start;
    record.fields.clear();
    said_ = 0;
    const bool parsed = parse_tagged_fields(start, type, record);
    for (const An2kField& field : record.fields) occurrences_[field.number] = 0;
    return parsed;
  }

  bool parse_tagged_fields(std::size_t start, unsigned type, An2kRecord& record) {
    std::size_t pos = start;
    std::optional<std::uint64_t> length;
    const std::string record_path = An2kPath{type, record.ordinal, 0}.text();
    while (true) {
      const std::size_t colon = data_.find(':', pos);
      if (colon == std::string_view::npos || colon - pos > 12) {
        error("an2k.tag", "expected a field tag 'type.field:'", record_path, base_ + pos);
        return false;
      }
      const std::string_view tag = data_.substr(pos, colon - pos);
      const auto dot = tag.find('.');
      const auto tag_type = dot == std::string_view::npos ? std::nullopt : decimal(tag.substr(0, dot));
      const auto number = dot == std::string_view::npos ? std::nullopt : decimal(tag.substr(dot + 1));
      if (!tag_type || !number || *number == 0 || *number > 9999) {
        error("an2k.tag", "'" + std::string(tag) + "' is not a field tag 'type.field'", record_path, base_ + pos);
        return false;
      }
      // Quirks of real files, kept as they are (warnings; errors when strict): a tag spelt otherwise than the
      // standard writes it ("1.01", "2.0018"), a tag of another record type ("13.005" in a Type-9), a field
      // out of numeric order or repeated. Each is said once a record.
      const bool first = record.fields.empty();
      if (first && *number != 1) {
        error("an2k.len", "a record must begin with its LEN field, not '" + std::string(tag) + "'", record_path,
              base_ + pos);
        return false;
      }
      if (*tag_type != type && !quirk(Quirk::foreign_tag, "an2k.type",
                                      "tag '" + std::string(tag) + "' in a record CNT lists as Type-" + std::to_string(type),
                                      record_path, base_ + pos)) {
        return false;
      }
      if (*tag_type == type && !is_canonical_tag(tag, type, static_cast<unsigned>(*number)) &&
          !quirk(Quirk::tag_spelling, "an2k.tag",
                 "tag '" + std::string(tag) + "' is written otherwise than the standard's '" +
                     canonical_tag(type, static_cast<unsigned>(*number)) + "'",
                 record_path, base_ + pos)) {
        return false;
      }
      const unsigned occurrence = occurrences_[*number] + 1;
      if (occurrence > 1 && !quirk(Quirk::repeated, "an2k.repeat",
                                   "field " + std::string(tag) + " comes again in its record (occurrence " +
                                       std::to_string(occurrence) + ")",
                                   record_path, base_ + pos)) {
        return false;
      }
      if (!first && occurrence == 1 && *number < record.fields.back().number &&
          !quirk(Quirk::order, "an2k.order",
                 "field " + std::string(tag) + " comes after field " + std::to_string(record.fields.back().number) +
                     " of its record",
                 record_path, base_ + pos)) {
        return false;
      }
      An2kField& field = record.fields.emplace_back();
      field.number = static_cast<unsigned>(*number);
      field.occurrence = occurrence;
      occurrences_[field.number] = occurrence;
      field.tag = tag;
      field.offset = base_ + colon + 1;
      std::size_t end = 0;
      if (field.number == 999 && type > 2) {
        // Binary data runs to the record's end, which only LEN knows; its bytes are never scanned.
        if (!length || *length > data_.size() - start || start + *length <= colon + 1 ||
            data_[start + *length - 1] != kFileSeparator) {
          error("an2k.len", "LEN does not end the record's binary field " + std::string(tag) + " with FS",
                record_path, record.fields.front().offset);
          return false;
        }
        end = start + *length - 1;
        field.kind = An2kField::Kind::bytes;
      } else {
        end = colon + 1;
        while (end < data_.size() && data_[end] != kGroupSeparator && data_[end] != kFileSeparator) ++end;
        if (end == data_.size()) {
          error("an2k.truncated", "the record ends without FS", record_path, base_ + data_.size());
          return false;
        }
      }
      field.value = data_.substr(colon + 1, end - colon - 1);
      if (first) {
        length = decimal(field.value);
        if (!length) {
          error("an2k.len", "LEN '" + std::string(field.value.substr(0, 20)) + "' is not a number",
                An2kPath{type, record.ordinal, 1}.text(), field.offset);
          return false;
        }
        if (std::to_string(*length) != field.value &&
            !quirk(Quirk::padding, "an2k.padding", "LEN '" + std::string(field.value) + "' is padded with zeros",
                   An2kPath{type, record.ordinal, 1}.text(), field.offset)) {
          return false;
        }
      }
      pos = end + 1;
      if (data_[end] == kFileSeparator) break;
    }
    record.bytes = data_.substr(start, pos - start);
    if (*length != record.bytes.size() &&
        !inconsistent("an2k.len", "LEN says " + std::to_string(*length) + " bytes but the record has " +
                                      std::to_string(record.bytes.size()),
                      An2kPath{type, record.ordinal, 1}.text(), record.fields.front().offset)) {
      return false;
    }
    return true;
  }

  // A binary record at `start`: the fixed big-endian header of its type, then the data, LEN bytes in all.
  bool parse_binary(std::size_t start, unsigned type, An2kRecord& record) {
    record.type = type;
    record.tagged = false;
    record.offset = base_ + start;
    record.fields.clear();
    const BinaryLayout& layout = binary_layout(type);
    const std::size_t remaining = data_.size() - start;
    const std::string path = An2kPath{type, record.ordinal, 1}.text();
    if (remaining < layout.header_bytes) {
      error("an2k.truncated", "a Type-" + std::to_string(type) + " record needs " +
                                  std::to_string(layout.header_bytes) + " header bytes; " + std::to_string(remaining) +
                                  " remain",
            path, base_ + start);
      return false;
    }
    const std::uint64_t length = big_endian(data_.substr(start, 4));
    if (length < layout.header_bytes || length > remaining) {
      error("an2k.len", "LEN " + std::to_string(length) + " of a Type-" + std::to_string(type) + " record " +
                            (length > remaining ? "overruns the input (" + std::to_string(remaining) + " bytes remain)"
                                                : "is shorter than its header"),
            path, base_ + start);
      return false;
    }
    std::size_t pos = start;
    for (const BinaryItem& item : layout.items) {
      An2kField& field = record.fields.emplace_back();
      field.number = item.number;
      field.kind = item.kind;
      field.value = data_.substr(pos, item.width);
      field.offset = base_ + pos;
      pos += item.width;
    }
    An2kField& data = record.fields.emplace_back();
    data.number = layout.data_field;
    data.kind = An2kField::Kind::bytes;
    data.value = data_.substr(pos, start + length - pos);
    data.offset = base_ + pos;
    record.bytes = data_.substr(start, length);
    return true;
  }

  std::string_view data_;
  std::uint64_t base_;
  bool strict_;
  unsigned said_ = 0;  // the quirks said of the record being read
  // Occurrences of each field number in the record being read (zero between records), one table a thread.
  std::array<std::uint32_t, 10000>& occurrences_ = []() -> std::array<std::uint32_t, 10000>& {
    thread_local std::array<std::uint32_t, 10000> counts{};
    return counts;
  }();
  An2kTransaction& transaction_;
  Diagnostics& diagnostics_;
};

}  // namespace

bool an2k_binary_type(unsigned type) { return type >= 3 && type <= 8; }
unsigned an2k_data_field(unsigned type) { return an2k_binary_type(type) ? binary_layout(type).data_field : 999; }

std::string an2k_charset(std::string_view index, std::string_view name) {
  // The standard's indexes (mappings/codes/an2k-standard.csv); 128-999 are user-defined and named by the
  // second item, which ICU may know.
  const auto number = decimal(index);
  if (!number) return {};
  if (const auto known = Standard::builtin().charsets.find(std::to_string(*number)); known != Standard::builtin().charsets.end()) {
    return known->second;
  }
  if (*number < 128 || *number > 999 || name.empty()) return {};
  try {
    return Charset::named(name).name();
  } catch (const Error&) {
    return {};
  }
}

std::string An2kPath::text() const {
  std::string path;
  append_to(path);
  return path;
}

void An2kPath::append_to(std::string& path) const {
  append_number(path, type);
  if (ordinal != 1) {
    path += '[';
    append_number(path, ordinal);
    path += ']';
  }
  if (field == 0) return;
  path += '.';
  append_field_number(path, field);
  if (occurrence != 1) {
    path += '#';
    append_number(path, occurrence);
  }
  if (subfield != 1) {
    path += '[';
    append_number(path, subfield);
    path += ']';
  }
  if (item != 1) {
    path += '.';
    append_number(path, item);
  }
}

std::optional<An2kPath> An2kPath::parse(std::string_view text) {
  An2kPath path;
  const auto number = [&](unsigned& out) {
    std::size_t digits = 0;
    while (digits < text.size() && digits < 6 && text[digits] >= '0' && text[digits] <= '9') ++digits;
    const auto value = decimal(text.substr(0, digits));
    if (!value || *value == 0) return false;
    out = static_cast<unsigned>(*value);
    text.remove_prefix(digits);
    return true;
  };
  const auto index = [&](unsigned& out) {
    if (text.empty() || text.front() != '[') return true;
    text.remove_prefix(1);
    if (!number(out) || text.empty() || text.front() != ']') return false;
    text.remove_prefix(1);
    return true;
  };
  if (!number(path.type) || path.type > kMaxRecordType || !index(path.ordinal)) return std::nullopt;
  if (text.empty() || text.front() != '.') return std::nullopt;
  text.remove_prefix(1);
  if (!number(path.field) || path.field > 9999) return std::nullopt;
  if (!text.empty() && text.front() == '#') {
    text.remove_prefix(1);
    if (!number(path.occurrence) || path.occurrence == 1) return std::nullopt;
  }
  if (!index(path.subfield)) return std::nullopt;
  if (!text.empty()) {
    if (text.front() != '.') return std::nullopt;
    text.remove_prefix(1);
    if (!number(path.item) || !text.empty()) return std::nullopt;
  }
  return path;
}

std::optional<std::size_t> parse_an2k(std::string_view data, std::uint64_t base, bool strict,
                                      An2kTransaction& transaction, Diagnostics& diagnostics) {
  return Parser(data, base, strict, transaction, diagnostics).run();
}

bool an2k_to_field_tree(const An2kTransaction& transaction, std::string_view label,
                        const std::shared_ptr<const void>& owner, FieldTree& tree, Diagnostics& diagnostics) {
  tree.label = label;
  tree.offset = transaction.offset;
  tree.raw = FieldBytes::view_of(transaction.bytes, owner);
  tree.fields.clear();
  std::size_t leaves = 0;  // known before the leaves are made: the vector of them grows once
  for (const An2kRecord& record : transaction.records) {
    for (const An2kField& field : record.fields) {
      leaves += field.kind == An2kField::Kind::octets ? field.value.size()
                : field.kind == An2kField::Kind::text
                    ? 1 + static_cast<std::size_t>(std::count_if(field.value.begin(), field.value.end(), [](char c) {
                            return c == kRecordSeparator || c == kUnitSeparator;
                          }))
                    : 1;
    }
  }
  tree.fields.reserve(leaves);
  const Charset& charset = Charset::named(transaction.charset);
  bool warned = false;
  for (const An2kRecord& record : transaction.records) {
    for (const An2kField& field : record.fields) {
      An2kPath path{record.type, record.ordinal, field.number, field.occurrence};
      const auto leaf = [&](std::string_view raw, std::uint64_t offset) -> Field& {
        Field& added = tree.fields.emplace_back();
        path.append_to(added.path);
        added.raw = FieldBytes::view_of(raw, owner);
        added.offset = offset;
        return added;
      };
      const bool spelt_otherwise = !is_canonical_tag(field.tag, record.type, field.number);
      switch (field.kind) {
        case An2kField::Kind::bytes: {
          Field& data = leaf(field.value, field.offset);
          data.binary = true;
          if (spelt_otherwise) data.tag.assign(field.tag);
          break;
        }
        case An2kField::Kind::integer:
          leaf(field.value, field.offset).text = std::to_string(big_endian(field.value));
          break;
        case An2kField::Kind::octets:
          for (std::size_t i = 0; i < field.value.size(); ++i) {
            path.subfield = static_cast<unsigned>(i + 1);
            leaf(field.value.substr(i, 1), field.offset + i).text =
                std::to_string(static_cast<unsigned char>(field.value[i]));
          }
          break;
        case An2kField::Kind::text: {
          std::size_t pos = 0;
          path.subfield = 1;
          path.item = 1;
          while (true) {
            std::size_t end = pos;
            while (end < field.value.size() && field.value[end] != kRecordSeparator &&
                   field.value[end] != kUnitSeparator) {
              ++end;
            }
            const std::string_view raw = field.value.substr(pos, end - pos);
            Field& item = leaf(raw, field.offset + pos);
            if (path.subfield == 1 && path.item == 1 && spelt_otherwise) item.tag.assign(field.tag);
            if (!charset.decode(raw, item.text)) {
              // Real files declare ASCII and carry Latin-1 names; say so, and read them as Latin-1.
              if (transaction.charset != "US-ASCII" || !Charset::named("ISO-8859-1").decode(raw, item.text)) {
                diagnostics.error("an2k.charset", "bytes that are not " + transaction.charset, kFormat,
                                  std::string(label) + "." + item.path, item.offset);
                return false;
              }
              if (!warned) {
                diagnostics.warning("an2k.charset", "8-bit text in a transaction without a 1.015 character set; "
                                    "read as ISO-8859-1", kFormat, std::string(label) + "." + item.path, item.offset);
                warned = true;
              }
            }
            if (end == field.value.size()) break;
            if (field.value[end] == kRecordSeparator) {
              ++path.subfield;
              path.item = 1;
            } else {
              ++path.item;
            }
            pos = end + 1;
          }
          break;
        }
      }
    }
  }
  return true;
}

namespace {

struct PendingField {
  std::string tag;  // as the source spelt it, if it did
  std::vector<std::vector<std::string>> subfields;  // text items, encoded; or integer values (binary header)
  std::string_view bytes;                           // binary data (a view into the tree written)
  bool binary = false;
  std::string path;
};

using FieldKey = std::pair<unsigned, unsigned>;  // number, occurrence

struct PendingRecord {
  unsigned type = 0;
  unsigned ordinal = 1;
  std::map<FieldKey, PendingField> fields;
  std::vector<FieldKey> order;  // as the fields first appear in the tree
  bool as_read = true;          // its leaves stand in the tree at increasing source offsets
  std::uint64_t last_offset = 0;
};

void append_field(const PendingField& field, std::string& value) {
  if (field.binary) {
    value += field.bytes;
    return;
  }
  for (std::size_t s = 0; s < field.subfields.size(); ++s) {
    if (s > 0) value += kRecordSeparator;
    for (std::size_t i = 0; i < field.subfields[s].size(); ++i) {
      if (i > 0) value += kUnitSeparator;
      value += field.subfields[s][i];
    }
  }
}

std::string_view first_item(const PendingRecord& record, unsigned number, std::size_t subfield = 0,
                            std::size_t item = 0) {
  const auto found = record.fields.find({number, 1});
  if (found == record.fields.end() || found->second.subfields.size() <= subfield ||
      found->second.subfields[subfield].size() <= item) {
    return {};
  }
  return found->second.subfields[subfield][item];
}

// The text of a number that should be `value`: the source's own text where it already says so (keeping
// zero padding), otherwise plain digits.
std::string number_text(std::string_view original, std::uint64_t value) {
  return decimal(original) == value ? std::string(original) : std::to_string(value);
}

class Writer {
 public:
  explicit Writer(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}

  std::optional<std::string> write(const FieldTree& tree) {
    if (!collect(tree)) return std::nullopt;
    if (records_.empty() || records_.front().type != 1) {
      diagnostics_.error("an2k.header", "a transaction needs a Type-1 record", kFormat, "1");
      return std::nullopt;
    }
    std::vector<std::string> bodies(records_.size());
    for (std::size_t r = 1; r < records_.size(); ++r) {
      if (!write_record(records_[r], bodies[r])) return std::nullopt;
    }
    set_count();
    if (!write_record(records_.front(), bodies.front())) return std::nullopt;
    std::string out;
    std::size_t total = 0;
    for (const auto& body : bodies) total += body.size();
    out.reserve(total);
    for (const auto& body : bodies) out += body;
    return out;
  }

 private:
  bool fail(const std::string& path, std::string message) {
    diagnostics_.error("an2k.write", std::move(message), kFormat, path);
    return false;
  }

  bool collect(const FieldTree& tree) {
    std::map<std::pair<unsigned, unsigned>, std::size_t> index;
    // Subfields and items a path's index makes: a record read has no more of them than it has fields, so a
    // path naming subfield 999999 is refused rather than filled with empty ones.
    const std::size_t max_slots = 4 * tree.fields.size() + 64;
    std::size_t slots = 0;
    for (const Field& field : tree.fields) {
      const auto path = An2kPath::parse(field.path);
      if (!path) return fail(field.path, "not an ANSI/NIST field path ('2.018', '2.019[2]', '14[3].013')");
      auto [slot, added] = index.try_emplace({path->type, path->ordinal}, records_.size());
      if (added) {
        records_.emplace_back().type = path->type;
        records_.back().ordinal = path->ordinal;
      }
      PendingRecord& record = records_[slot->second];
      const FieldKey key{path->field, path->occurrence};
      PendingField& pending = record.fields[key];
      if (pending.path.empty()) {
        pending.path = An2kPath{path->type, path->ordinal, path->field, path->occurrence}.text();
        record.order.push_back(key);
      }
      record.as_read = record.as_read && field.offset > record.last_offset;
      record.last_offset = field.offset;
      if (!field.tag.empty()) {
        // A tag as a source spelt it ("1.01", "13.005" in a Type-9): digits, a dot, digits naming this field.
        const auto dot = field.tag.find('.');
        if (dot == std::string::npos || !decimal(std::string_view(field.tag).substr(0, dot)) ||
            decimal(std::string_view(field.tag).substr(dot + 1)) != path->field) {
          return fail(field.path, "tag '" + field.tag.substr(0, 24) + "' is not 'type.field' for field " +
                                      std::to_string(path->field));
        }
        pending.tag = field.tag;
      }
      if (field.binary) {
        pending.binary = true;
        pending.bytes = field.raw;
        continue;
      }
      if (field.text.find_first_of("\x1C\x1D\x1E\x1F") != std::string::npos) {
        return fail(field.path, "the value holds an ANSI/NIST separator character");
      }
      const std::size_t subfields = pending.subfields.size();
      const std::size_t items_now = path->subfield <= subfields ? pending.subfields[path->subfield - 1].size() : 0;
      slots += (subfields < path->subfield ? path->subfield - subfields : 0) + (items_now < path->item ? path->item - items_now : 0);
      if (slots > max_slots) {
        return fail(field.path, "the index names more subfields or items than the record's fields fill");
      }
      if (pending.subfields.size() < path->subfield) pending.subfields.resize(path->subfield);
      auto& items = pending.subfields[path->subfield - 1];
      if (items.size() < path->item) items.resize(path->item);
      items[path->item - 1] = field.text;
    }
    // Type-1 leads; the other records keep the order in which they first appeared.
    std::stable_partition(records_.begin(), records_.end(), [](const PendingRecord& r) { return r.type == 1; });
    for (std::size_t r = 1; r < records_.size(); ++r) {
      if (records_[r].type == 1) return fail("1[2].001", "a transaction has one Type-1 record");
    }
    if (records_.empty()) return true;
    charset_ = text_charset(records_.front());
    return !charset_.empty() || fail("1.015", "the declared character set is not known");
  }

  static std::string text_charset(const PendingRecord& header) {
    if (header.fields.count({15, 1}) == 0) return "US-ASCII";
    return an2k_charset(first_item(header, 15), first_item(header, 15, 0, 1));
  }

  // 1.003 CNT from the records present: "1<US>count", then "type<US>IDC" per record.
  void set_count() {
    PendingRecord& header = records_.front();
    PendingField& cnt = header.fields[{3, 1}];
    const auto original = cnt.subfields;
    const auto original_item = [&](std::size_t s, std::size_t i) -> std::string_view {
      return s < original.size() && i < original[s].size() ? std::string_view(original[s][i]) : std::string_view();
    };
    cnt.subfields.assign(records_.size(), {});
    cnt.subfields[0] = {number_text(original_item(0, 0), 1), number_text(original_item(0, 1), records_.size() - 1)};
    for (std::size_t r = 1; r < records_.size(); ++r) {
      const PendingRecord& record = records_[r];
      // A record without an IDC field (the Type-1 of some versions' Type-2) keeps the one CNT gave it.
      const auto idc = record.fields.count({2, 1}) ? decimal(first_item(record, 2)) : decimal(original_item(r, 1));
      cnt.subfields[r] = {number_text(original_item(r, 0), record.type),
                          number_text(original_item(r, 1), idc.value_or(0))};
    }
    // Empty entries after the last (a CNT that ends in a separator) stay, as the transaction had them.
    for (std::size_t s = records_.size(); s < original.size(); ++s) {
      if (std::any_of(original[s].begin(), original[s].end(), [](const std::string& item) { return !item.empty(); })) {
        break;
      }
      cnt.subfields.push_back(original[s]);
    }
  }

  bool write_record(PendingRecord& record, std::string& out) {
    return an2k_binary_type(record.type) ? write_binary(record, out) : write_tagged(record, out);
  }

  bool encode(PendingField& field) {
    if (field.binary || charset_ == "US-ASCII") {
      for (const auto& items : field.subfields) {
        for (const auto& item : items) {
          for (const char c : item) {
            if (static_cast<unsigned char>(c) > 0x7F) {
              return fail(field.path, "the transaction declares ASCII (1.015) but the value is not ASCII");
            }
          }
        }
      }
      return true;
    }
    const Charset& charset = Charset::named(charset_);
    std::string encoded;
    for (auto& items : field.subfields) {
      for (auto& item : items) {
        if (!charset.encode(item, encoded)) return fail(field.path, "the value cannot be written in " + charset_);
        item.swap(encoded);
      }
    }
    return true;
  }

  bool write_tagged(PendingRecord& record, std::string& out) {
    std::string body;
    // As read: in the order of the source (fields out of order or repeated stay so); otherwise ascending.
    if (!record.as_read) {
      record.order.clear();
      for (const auto& [key, field] : record.fields) record.order.push_back(key);
    }
    std::erase(record.order, FieldKey{1, 1});
    for (std::size_t f = 0; f < record.order.size(); ++f) {
      const unsigned number = record.order[f].first;
      PendingField& field = record.fields[record.order[f]];
      if (field.binary && number != 999) return fail(field.path, "binary data belongs in field .999");
      if (!encode(field)) return false;
      body += field.tag.empty() ? canonical_tag(record.type, number) : field.tag;
      body += ':';
      append_field(field, body);
      body += f + 1 == record.order.size() ? kFileSeparator : kGroupSeparator;
    }
    const PendingField& len = record.fields[{1, 1}];
    const std::string tag = len.tag.empty() ? canonical_tag(record.type, 1) : len.tag;
    // LEN counts its own digits. The source's text stays if it is still right (zero padding and all).
    const std::size_t rest = tag.size() + 2 + body.size();  // the tag, ':', the separator and the other fields
    std::string value(first_item(record, 1));
    if (decimal(value) != rest + value.size()) {
      std::size_t length = rest + 1;
      while (std::to_string(length).size() + rest != length) length = rest + std::to_string(length).size();
      value = std::to_string(length);
    }
    out = tag + ":" + value + (body.empty() ? kFileSeparator : kGroupSeparator) + body;
    return true;
  }

  bool write_binary(PendingRecord& record, std::string& out) {
    const BinaryLayout& layout = binary_layout(record.type);
    const PendingField& data = record.fields[{layout.data_field, 1}];
    if (!data.binary && !data.subfields.empty()) return fail(data.path, "image data must be binary");
    const std::uint64_t length = layout.header_bytes + data.bytes.size();
    if (length > 0xFFFFFFFFu) return fail(data.path, "a binary record holds at most 4 GiB");
    out.clear();
    out.reserve(length);
    for (const BinaryItem& item : layout.items) {
      const std::string path = An2kPath{record.type, record.ordinal, item.number}.text();
      if (item.kind == An2kField::Kind::octets) {
        for (unsigned i = 0; i < item.width; ++i) {
          const auto value = decimal(first_item(record, item.number, i)).value_or(255);
          if (value > 255) return fail(path, "a finger position is a number 0-255");
          out += static_cast<char>(value);
        }
        continue;
      }
      std::uint64_t value = item.number == 1 ? length : 0;
      if (item.number != 1) {
        const std::string_view text = first_item(record, item.number);
        const auto parsed = text.empty() ? std::optional<std::uint64_t>(0) : decimal(text);
        if (!parsed || *parsed >> (8 * item.width) != 0) {
          return fail(path, "'" + std::string(text) + "' does not fit " + std::to_string(item.width) + " byte(s)");
        }
        value = *parsed;
      }
      for (unsigned i = item.width; i-- > 0;) out += static_cast<char>((value >> (8 * i)) & 0xFF);
    }
    out += data.bytes;
    return true;
  }

  Diagnostics& diagnostics_;
  std::vector<PendingRecord> records_;
  std::string charset_ = "US-ASCII";
};

}  // namespace

std::optional<std::string> write_an2k(const FieldTree& tree, Diagnostics& diagnostics) {
  return Writer(diagnostics).write(tree);
}

}  // namespace xborder::detail
