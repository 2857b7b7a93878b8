#pragma once
// Conformance checks: an ANSI/NIST-ITL transaction checked against a specification given as data.
//
//   const auto spec = xborder::Specification::load("ebts-9.1");   // or a file that `extends` one
//   const xborder::CheckReport report = spec.check(bytes);         // safe to call from many threads
//   if (!report.conformant()) for (const auto& f : report.findings) ...;
//
// Specifications live in mappings/specs/ (an2k-2011: ANSI/NIST-ITL 1-2011 field definitions; ebts-9.1: FBI
// EBTS 9.1 per type of transaction); a national or Interpol profile is one more CSV file whose
// "# extends: ID" names the specification it refines (docs/check.md).

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "xborder/diagnostics.hpp"
#include "xborder/export.hpp"

namespace xborder {

// One way a transaction departs from the specification, located in it.
struct Finding {
  Severity severity = Severity::error;  // error: not conformant; warning: doubtful but allowed
  std::string record;     // "2" (the first Type-2 record), "14[3]" (the third Type-14); empty: the transaction
  std::string field;      // "2.018", "2.047[3].2" (subfield 3, item 2); empty: the whole record
  std::uint64_t offset = 0;  // byte offset of the value, or of the record (transaction) that lacks it
  std::string rule;       // stable id: "field.missing", "field.length", "value.code", ... (docs/check.md)
  std::string expected;   // what the specification asks for
  std::string found;      // what the transaction holds (values quoted as they stand, UTF-8)
};

struct CheckReport {
  std::string spec;                // the specification's id
  std::string transaction_type;    // 1.004 TOT as found
  std::vector<Finding> findings;   // in the order of the transaction
  Diagnostics diagnostics;         // what reading the transaction reported (a transaction that cannot be
                                   // read is not conformant)
  bool conformant() const noexcept;
  // {"spec":..., "tot":..., "conformant":..., "findings":[{severity, record, field, offset, rule, expected,
  // found}], "diagnostics": {...}}
  std::string to_json() const;
};

namespace detail {
struct SpecificationState;
}

class XBORDER_API Specification {
 public:
  // A specification by id (mappings/specs/ID.csv, from `mappings_dir` first when given, else embedded) or by
  // the path of a CSV file. Throws ProfileError (file and line) for a malformed one, Error for an unknown id.
  static Specification load(std::string_view id_or_file, const std::filesystem::path& mappings_dir = {});
  // The ids of mappings/specs/.
  static std::vector<std::string> available(const std::filesystem::path& mappings_dir = {});

  const std::string& id() const noexcept;
  const std::string& title() const noexcept;

  // Checks every transaction of `bytes` (ANSI/NIST-ITL traditional encoding). Never throws on bad input.
  CheckReport check(std::string_view bytes) const;

 private:
  explicit Specification(std::shared_ptr<const detail::SpecificationState> state);
  std::shared_ptr<const detail::SpecificationState> state_;
};

}  // namespace xborder
