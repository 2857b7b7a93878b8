#pragma once
// A conformance specification as loaded from mappings/specs/ (docs/check.md): field rules, the records each
// type of transaction carries, code tables. Immutable once loaded; shared by every check.

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <unicode/regex.h>

#include "xborder/check.hpp"


namespace xborder::detail {

// A record type's field number, and an information item within it (0: the field as a whole).
struct FieldKey {
  unsigned type = 0;
  unsigned number = 0;
  unsigned item = 0;
  auto operator<=>(const FieldKey&) const = default;
};

struct FieldRule {
  std::string where;  // "mappings/specs/ebts-9.1.csv:42", for messages
  FieldKey key;
  std::string mnemonic;
  std::string name;
  char condition = 'O';  // M mandatory, O optional
  // The types of transaction the rule is for (empty: all), each with its own condition.
  std::map<std::string, char, std::less<>> tots;
  std::string characters;  // A, N, AN, ANS, AS, NS, U, H, B, Base64; empty: not checked
  std::string special;     // special characters allowed; "PRINT": every printable one
  std::optional<std::size_t> min_length, max_length, min_occurs, max_occurs;
  std::set<std::string, std::less<>> codes;        // allowed values, as written
  std::vector<std::pair<double, double>> ranges;  // allowed numeric ranges, inclusive
  std::string table;                              // a code table of the specification's codes file
  std::shared_ptr<const icu::RegexPattern> pattern, not_pattern;
  std::string pattern_text, not_pattern_text;
  std::string date;  // CCYYMMDD, ZCCYYMMDD (zeros for unknown), YYYYMMDDhhmmssZ

  // The rule's condition for a transaction of type `tot`, or 0 when the rule is not for it.
  char condition_for(std::string_view tot) const;
  bool has_values() const { return !codes.empty() || !ranges.empty() || !table.empty(); }
};

struct RecordCount {
  std::vector<unsigned> types;  // counted together (EBTS: Type-4 or Type-14)
  std::size_t min = 0, max = 0;
};

struct TransactionRule {
  std::string name;
  std::vector<RecordCount> records;  // empty: the specification does not say
};

struct SpecificationState {
  std::string id, title, file;
  std::vector<FieldRule> rules;  // by key, in file order within a key
  std::map<std::string, TransactionRule, std::less<>> transactions;
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>> tables;
  std::vector<std::pair<FieldKey, FieldKey>> user_defined;  // field ranges left to implementations

  bool is_user_defined(unsigned type, unsigned number) const;
};

CheckReport check_transactions(const SpecificationState& spec, std::string_view bytes);

}  // namespace xborder::detail
