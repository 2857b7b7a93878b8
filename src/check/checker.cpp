// Checking ANSI/NIST-ITL transactions against a specification (docs/check.md). The transaction is read by the
// an2k codec into its FieldTree (paths "2.018", "2.047[3].2", "14[2].013"), grouped back into records,
// fields, subfields and items, and every rule that applies to the transaction's type is tried on it.

#include <unicode/regex.h>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "check/specification_state.hpp"
#include "core/memory_stream.hpp"
#include "core/utf8.hpp"
#include "formats/an2k/an2k_codec.hpp"
#include "formats/an2k_xml/an2k_xml_reader.hpp"
#include "xborder/convert.hpp"

namespace xborder {
namespace detail {
namespace {

struct PresentField {
  std::uint64_t offset = 0;
  // subfield -> item -> leaf, each from 1
  std::map<unsigned, std::map<unsigned, const Field*>> subfields;
};

struct PresentRecord {
  unsigned type = 0, ordinal = 1;
  std::uint64_t offset = 0;
  std::string name;  // "2", "14[3]"
  std::map<unsigned, PresentField> fields;
};

bool binary_record(unsigned type) { return type >= 3 && type <= 8; }

std::string field_name(const PresentRecord& record, unsigned number) {
  char digits[8];
  std::snprintf(digits, sizeof digits, "%03u", number);
  return record.name + "." + digits;
}

// "[3]" for the third subfield or record of its type; nothing for the first.
std::string ordinal_suffix(unsigned ordinal) {
  std::string text;
  if (ordinal > 1) text.append("[").append(std::to_string(ordinal)).append("]");
  return text;
}

std::string range_text(std::size_t low, std::size_t high) {
  std::string text = std::to_string(low);
  if (high != low) text.append("-").append(std::to_string(high));
  return text;
}

std::string as_found(std::string_view text) {
  constexpr std::size_t kShown = 80;
  std::string shown = escape_invalid_utf8(text.substr(0, kShown));
  return "'" + shown + (text.size() > kShown ? "...'" : "'");
}

class Checker {
 public:
  // `xml`: the transaction came in the XML encoding, which has no record lengths (n.001) to check.
  Checker(const SpecificationState& spec, CheckReport& report, bool xml)
      : spec_(spec), report_(report), xml_(xml) {}

  void check(const FieldTree& tree) {
    records_.clear();
    group(tree);
    const Field* tot_field = tree.find("1.004");
    tot_ = tot_field ? tot_field->text : std::string();
    if (report_.transaction_type.empty()) report_.transaction_type = tot_;
    check_transaction(tot_field, tree.offset);
    for (const auto& record : records_) check_record(record);
  }

 private:
  void add(Severity severity, const PresentRecord* record, std::string field, std::uint64_t offset,
           std::string rule, std::string expected, std::string found) {
    report_.findings.push_back(Finding{severity, record ? record->name : std::string(), std::move(field), offset,
                                       std::move(rule), std::move(expected), std::move(found)});
  }

  void group(const FieldTree& tree) {
    std::map<std::pair<unsigned, unsigned>, std::size_t> index;
    for (const auto& field : tree.fields) {
      const auto path = An2kPath::parse(field.path);
      if (!path) continue;  // not an ANSI/NIST path: nothing a rule names
      auto [at, added] = index.emplace(std::pair{path->type, path->ordinal}, records_.size());
      if (added) {
        PresentRecord record;
        record.type = path->type;
        record.ordinal = path->ordinal;
        record.name = std::to_string(path->type) + ordinal_suffix(path->ordinal);
        // The record starts at its first field's tag ("2.001:"), or at its header (binary records).
        record.offset = field.offset;
        if (!binary_record(path->type) && !xml_) {
          const std::size_t tag = field.tag.empty() ? field.path.size() : field.tag.size();
          record.offset = field.offset >= tag + 1 ? field.offset - tag - 1 : 0;
        }
        records_.push_back(std::move(record));
      }
      auto& record = records_[at->second];
      auto& present = record.fields[path->field];
      if (present.subfields.empty()) present.offset = field.offset;
      present.subfields[path->subfield][path->item] = &field;
    }
  }

  void check_transaction(const Field* tot_field, std::uint64_t offset) {
    if (spec_.transactions.empty()) return;
    const auto found = spec_.transactions.find(tot_);
    if (found == spec_.transactions.end()) {
      add(Severity::error, nullptr, "1.004", tot_field ? tot_field->offset : offset, "transaction.type",
          "a type of transaction " + spec_.id + " defines", tot_field ? as_found(tot_) : "absent");
      return;
    }
    if (found->second.records.empty()) return;
    std::vector<bool> counted(records_.size(), false);
    for (const auto& count : found->second.records) {
      std::size_t n = 0;
      for (std::size_t i = 0; i < records_.size(); ++i) {
        if (std::find(count.types.begin(), count.types.end(), records_[i].type) == count.types.end()) continue;
        counted[i] = true;
        ++n;
      }
      if (n < count.min || n > count.max) {
        std::string types;
        for (const auto type : count.types) types += (types.empty() ? "Type-" : " or Type-") + std::to_string(type);
        add(Severity::error, nullptr, "", offset, "transaction.records",
            range_text(count.min, count.max) + " " +
                types + " record(s) in a " + tot_,
            std::to_string(n));
      }
    }
    for (std::size_t i = 0; i < records_.size(); ++i) {
      if (counted[i]) continue;
      add(Severity::error, &records_[i], "", records_[i].offset, "record.unexpected",
          "no Type-" + std::to_string(records_[i].type) + " record in a " + tot_, "a Type-" +
          std::to_string(records_[i].type) + " record");
    }
  }

  // The rule for a field (or item) in this type of transaction, with its condition; nullptr if none applies.
  const FieldRule* rule_for(const FieldKey& key, char& condition, bool& defined_elsewhere) const {
    defined_elsewhere = false;
    const auto begin = std::lower_bound(spec_.rules.begin(), spec_.rules.end(), key,
                                        [](const FieldRule& rule, const FieldKey& k) { return rule.key < k; });
    for (auto it = begin; it != spec_.rules.end() && it->key == key; ++it) {
      const char own = it->condition_for(tot_);
      if (own == 'M' || own == 'O') {
        condition = own;
        return &*it;
      }
      defined_elsewhere = true;
    }
    return nullptr;
  }

  void check_record(const PresentRecord& record) {
    const FieldKey first{record.type, 0, 0}, last{record.type + 1, 0, 0};
    const auto begin = std::lower_bound(spec_.rules.begin(), spec_.rules.end(), first,
                                        [](const FieldRule& rule, const FieldKey& k) { return rule.key < k; });
    const auto end = std::lower_bound(begin, spec_.rules.end(), last,
                                      [](const FieldRule& rule, const FieldKey& k) { return rule.key < k; });
    const bool record_defined = begin != end;
    // Mandatory fields that are absent, in field order.
    for (auto it = begin; it != end; ++it) {
      if (it->key.item != 0 || record.fields.contains(it->key.number)) continue;
      if (xml_ && it->key.number == 1) continue;
      if (it != begin && std::prev(it)->key == it->key) continue;
      char condition = 0;
      bool elsewhere = false;
      const FieldRule* rule = rule_for(it->key, condition, elsewhere);
      if (rule && condition == 'M')
        add(Severity::error, &record, field_name(record, it->key.number), record.offset, "field.missing",
            "mandatory " + describe(*rule), "absent");
    }
    for (const auto& [number, present] : record.fields) {
      char condition = 0;
      bool elsewhere = false;
      const FieldRule* rule = rule_for({record.type, number, 0}, condition, elsewhere);
      if (!rule) {
        if (!record_defined || spec_.is_user_defined(record.type, number)) continue;
        add(elsewhere ? Severity::error : Severity::warning, &record, field_name(record, number), present.offset,
            elsewhere ? "field.not-allowed" : "field.unknown",
            elsewhere ? "no such field in a " + tot_ : "a field " + spec_.id + " defines", "present");
        continue;
      }
      check_field(record, number, present, *rule);
    }
  }

  static std::string describe(const FieldRule& rule) {
    std::string text = rule.mnemonic;
    if (!rule.name.empty()) {
      if (!text.empty()) text += ' ';
      text.append("(").append(rule.name).append(")");
    }
    return text;
  }

  void check_field(const PresentRecord& record, unsigned number, const PresentField& present, const FieldRule& rule) {
    const std::string name = field_name(record, number);
    const std::size_t occurrences = present.subfields.empty() ? 0 : present.subfields.rbegin()->first;
    if ((rule.min_occurs && occurrences < *rule.min_occurs) || (rule.max_occurs && occurrences > *rule.max_occurs)) {
      add(Severity::error, &record, name, present.offset, "field.occurrences",
          std::to_string(rule.min_occurs.value_or(0)) + "-" +
              (rule.max_occurs ? std::to_string(*rule.max_occurs) : std::string("any")) + " occurrences of " +
              describe(rule),
          std::to_string(occurrences));
    }
    // The items the specification defines for this field, in this type of transaction.
    std::vector<std::pair<const FieldRule*, char>> items;
    for (unsigned item = 1;; ++item) {
      char condition = 0;
      bool elsewhere = false;
      const FieldRule* item_rule = rule_for({record.type, number, item}, condition, elsewhere);
      if (!item_rule && !elsewhere) break;
      items.emplace_back(item_rule, condition);
    }
    for (const auto& [subfield, leaves] : present.subfields) {
      const std::string subfield_name = name + ordinal_suffix(subfield);
      if (items.empty()) {
        for (const auto& [item, leaf] : leaves) check_value(record, *leaf, rule, leaf->path);
        continue;
      }
      for (std::size_t i = 0; i < items.size(); ++i) {
        const auto [item_rule, condition] = items[i];
        if (!item_rule) continue;
        const auto leaf = leaves.find(static_cast<unsigned>(i + 1));
        const bool empty = leaf == leaves.end() || (leaf->second->text.empty() && leaf->second->raw.empty());
        if (empty) {
          if (condition == 'M')
            add(Severity::error, &record, subfield_name + "." + std::to_string(i + 1),
                leaf == leaves.end() ? leaves.begin()->second->offset : leaf->second->offset, "item.missing",
                "mandatory " + describe(*item_rule), "absent");
          continue;
        }
        check_value(record, *leaf->second, *item_rule, leaf->second->path);
      }
    }
  }

  void check_value(const PresentRecord& record, const Field& leaf, const FieldRule& rule, const std::string& path) {
    if (leaf.binary) return;
    const std::string_view text = leaf.text;
    if (text.empty()) return;  // an empty item is absence, which the item rules judge
    const bool numeric_binary = rule.characters == "B";
    if (!numeric_binary && !rule.characters.empty() && rule.characters != "Base64") {
      const auto bad = first_bad_character(text, rule);
      if (bad != std::string_view::npos) {
        add(Severity::error, &record, path, leaf.offset + raw_position(leaf, bad), "value.characters",
            rule.characters + (rule.special.empty() ? "" : " with special characters " + as_found(rule.special)) +
                " for " + describe(rule),
            as_found(text));
        return;
      }
    }
    if (!numeric_binary) {
      const std::size_t length = rule.characters == "U" ? code_points(text) : text.size();
      if ((rule.min_length && length < *rule.min_length) || (rule.max_length && length > *rule.max_length)) {
        add(Severity::error, &record, path, leaf.offset, "value.length",
            std::to_string(rule.min_length.value_or(0)) + "-" +
                (rule.max_length ? std::to_string(*rule.max_length) : std::string("any")) + " characters for " +
                describe(rule),
            std::to_string(length) + " in " + as_found(text));
        return;
      }
    }
    if (rule.has_values() && !allowed(rule, text)) {
      add(Severity::error, &record, path, leaf.offset, "value.code", "a value " + describe(rule) + " allows" +
          (rule.table.empty() ? "" : " (code table " + rule.table + ")"), as_found(text));
      return;
    }
    if (!rule.date.empty() && !valid_date(text, rule.date)) {
      add(Severity::error, &record, path, leaf.offset, "value.date", rule.date + " for " + describe(rule),
          as_found(text));
      return;
    }
    if (rule.pattern && !matches(*rule.pattern, text)) {
      add(Severity::error, &record, path, leaf.offset, "value.pattern", rule.pattern_text, as_found(text));
    } else if (rule.not_pattern && matches(*rule.not_pattern, text)) {
      add(Severity::error, &record, path, leaf.offset, "value.pattern", "not " + rule.not_pattern_text,
          as_found(text));
    }
  }

  bool allowed(const FieldRule& rule, std::string_view text) const {
    if (rule.codes.contains(text)) return true;
    if (!rule.table.empty()) {
      const auto table = spec_.tables.find(rule.table);
      if (table != spec_.tables.end() && table->second.contains(text)) return true;
    }
    if (!rule.ranges.empty()) {
      double value = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (ec == std::errc() && end == text.data() + text.size())
        for (const auto& [low, high] : rule.ranges)
          if (value >= low && value <= high) return true;
    }
    return false;
  }

  static std::size_t code_points(std::string_view text) {
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  }

  // The offset of the first character the rule's type does not allow, or npos.
  // Where the character at `index` of a leaf's decoded text lies among its bytes: the same index when the text
  // is the bytes as they were; the count of characters before it when each was one byte (ISO 8859 read into
  // UTF-8); otherwise the item's first byte.
  static std::size_t raw_position(const Field& leaf, std::size_t index) {
    const std::string_view text = leaf.text;
    if (leaf.raw.size() == text.size()) return index;
    const auto characters = [](std::string_view part) {
      return static_cast<std::size_t>(std::count_if(part.begin(), part.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
      }));
    };
    if (leaf.raw.size() == characters(text)) return characters(text.substr(0, index));
    return 0;
  }

  static std::size_t first_bad_character(std::string_view text, const FieldRule& rule) {
    const std::string& type = rule.characters;
    const bool letters = type.find('A') != std::string::npos;
    const bool digits = type.find('N') != std::string::npos;
    const bool specials = type.find('S') != std::string::npos;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (type == "U") {
        if (c < 0x20 || c == 0x7F) return i;
        continue;
      }
      if (type == "H") {
        if (!std::isxdigit(c)) return i;
        continue;
      }
      if (c >= 0x80 || c < 0x20 || c == 0x7F) return i;
      if (std::isalpha(c)) {
        if (!letters) return i;
      } else if (std::isdigit(c)) {
        if (!digits) return i;
      } else if (!specials || (!rule.special.empty() && rule.special != "PRINT" &&
                               rule.special.find(static_cast<char>(c)) == std::string::npos)) {
        return i;
      }
    }
    return std::string_view::npos;
  }

  static bool valid_date(std::string_view text, std::string_view layout) {
    if (layout.front() == 'Z' && layout.size() > 1 && layout[1] == 'C') {
      if (text.find_first_not_of('0') == std::string_view::npos && text.size() == layout.size() - 1) return true;
      layout.remove_prefix(1);
    }
    if (text.size() != layout.size()) return false;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    const auto take = [&](std::size_t at, std::size_t n, int& out) {
      for (std::size_t i = at; i < at + n; ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
        out = out * 10 + (text[i] - '0');
      }
      return true;
    };
    bool ok = take(0, 4, year) && take(4, 2, month) && take(6, 2, day);
    if (layout.size() > 8) ok = ok && take(8, 2, hour) && take(10, 2, minute) && take(12, 2, second) && text[14] == 'Z';
    if (!ok || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return day <= (month == 2 && !leap ? 28 : kDays[month - 1]);
  }

  static bool matches(const icu::RegexPattern& pattern, std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString subject = icu::UnicodeString::fromUTF8(
        icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())));
    std::unique_ptr<icu::RegexMatcher> matcher(pattern.matcher(subject, status));
    if (U_FAILURE(status)) return true;  // not judged rather than a false finding
    matcher->setTimeLimit(1000, status);
    const bool result = matcher->matches(status);
    return U_FAILURE(status) ? true : result;
  }

  const SpecificationState& spec_;
  CheckReport& report_;
  bool xml_ = false;
  std::string tot_;
  std::vector<PresentRecord> records_;
};

}  // namespace

CheckReport check_transactions(const SpecificationState& spec, std::string_view bytes) {
  CheckReport report;
  report.spec = spec.id;
  if (looks_like_an2k_xml(bytes.substr(0, 4096))) {
    FieldTree tree;
    if (read_an2k_xml(bytes, An2kXmlPaths::builtin(), Limits{}, tree, report.diagnostics)) {
      Checker(spec, report, true).check(tree);
    }
    return report;
  }
  Checker checker(spec, report, false);
  MemoryStream input(bytes);
  report.diagnostics = Registry::builtin().inspect(input, "an2k", [&](const FieldTree& tree) {
    checker.check(tree);
    return true;
  });
  return report;
}

}  // namespace detail

bool CheckReport::conformant() const noexcept {
  return !diagnostics.has_errors() &&
         std::none_of(findings.begin(), findings.end(), [](const Finding& f) { return f.severity == Severity::error; });
}

std::string CheckReport::to_json() const {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> out(buffer);
  const auto string = [&](const std::string& text) {
    const std::string safe = detail::escape_invalid_utf8(text);
    out.String(safe.data(), static_cast<rapidjson::SizeType>(safe.size()));
  };
  out.StartObject();
  out.Key("spec");
  string(spec);
  out.Key("tot");
  string(transaction_type);
  out.Key("conformant");
  out.Bool(conformant());
  out.Key("findings");
  out.StartArray();
  for (const auto& finding : findings) {
    out.StartObject();
    out.Key("severity");
    string(finding.severity == Severity::error ? "error" : "warning");
    out.Key("record");
    string(finding.record);
    out.Key("field");
    string(finding.field);
    out.Key("offset");
    out.Uint64(finding.offset);
    out.Key("rule");
    string(finding.rule);
    out.Key("expected");
    string(finding.expected);
    out.Key("found");
    string(finding.found);
    out.EndObject();
  }
  out.EndArray();
  out.Key("diagnostics");
  const std::string diagnostics_json = diagnostics.to_json();
  out.RawValue(diagnostics_json.data(), diagnostics_json.size(), rapidjson::kObjectType);
  out.EndObject();
  return buffer.GetString();
}

}  // namespace xborder
