#pragma once
// ICAO Doc 9303 machine-readable zones: reading with a validation report, and writing.
//
//   const auto report = xborder::mrz::read("P<UTOERIKSSON<<ANNA<MARIA<<<...\nL898902C36UTO7408122F1204159ZE184226B<<<<<10");
//   report.valid();                 // every check passed
//   report.fields.surname;          // "ERIKSSON"
//   report.to_json();               // each check with its field, line, column and outcome
//
// Layouts: TD1 (3x30), TD2 (2x36), TD3 (2x44), MRV-A (2x44), MRV-B (2x36) and the French national identity
// card of 1988-2021 (2x36, not ICAO). The text may be the lines, one string with newlines, or OCR output with
// noise around the zone. Lenient reading repairs what real documents and OCR get wrong (O for 0 and I for 1 in
// numeric fields, spaces, swapped lines, '<' for a check digit of 0) and reports each repair.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xborder/export.hpp"

namespace xborder::mrz {

enum class Layout { unknown, td1, td2, td3, mrva, mrvb, fra_id_1988 };
XBORDER_API std::string_view layout_name(Layout layout);  // "td1", ..., "fra-id-1988"; "unknown"

enum class Outcome { pass, fail, warning };

// One check of the report: a check digit, the syntax of a field, the lines, a code table.
// `name` and `field` are constants of the library (static storage), so a report costs no copies of them.
struct Check {
  std::string_view name;   // "check-digit", "composite-check-digit", "line-lengths", "charset", "date", "sex", "state-code"
  std::string_view field;  // "document_number", "birth_date", ... (empty for checks of the whole zone)
  std::size_t line = 0;    // 1-based; 0 for the whole zone
  std::size_t column = 0;  // 1-based first character
  std::size_t length = 0;
  Outcome outcome = Outcome::pass;
  std::string message;
};

// A repair lenient reading made: what stood at the place and what was read instead.
struct Correction {
  std::size_t line = 0;  // 1-based; 0 for the whole zone (lines swapped)
  std::size_t column = 0;
  std::string found;
  std::string read_as;
  std::string reason;
};

struct Fields {
  std::string document_code;   // "P", "PP", "ID", "I", "V", ... (fillers removed)
  std::string issuing_state;   // as printed: "UTO", "D"
  std::string document_number; // whole, also when a TD1 number continues in the optional data
  std::string optional_data;   // '<' as spaces, trimmed
  std::string optional_data_2; // TD1 line 2
  std::string birth_date;      // YYMMDD as printed
  std::string expiry_date;     // YYMMDD as printed (empty on the French 1988 card)
  std::string birth_date_iso;  // YYYY-MM-DD with the century resolved, or empty if the date is not one
  std::string expiry_date_iso;
  std::string sex;             // "M", "F" or "X" ('<' read as X)
  std::string nationality;
  std::string surname;         // primary identifier, '<' as spaces
  std::string given_names;     // secondary identifier, '<' as spaces (the French card: names separated by ", ")

  // Calls visit(name, value) for each field, in the order above: what reports and bindings list.
  template <typename Visit>
  void each(Visit&& visit) const { each_of(*this, visit); }
  template <typename Visit>
  void each(Visit&& visit) { each_of(*this, visit); }

 private:
  template <typename Self, typename Visit>
  static void each_of(Self& self, Visit& visit) {
    visit("document_code", self.document_code);
    visit("issuing_state", self.issuing_state);
    visit("document_number", self.document_number);
    visit("optional_data", self.optional_data);
    visit("optional_data_2", self.optional_data_2);
    visit("birth_date", self.birth_date);
    visit("expiry_date", self.expiry_date);
    visit("birth_date_iso", self.birth_date_iso);
    visit("expiry_date_iso", self.expiry_date_iso);
    visit("sex", self.sex);
    visit("nationality", self.nationality);
    visit("surname", self.surname);
    visit("given_names", self.given_names);
  }
};

// Where a field stands in the zone.
struct Span {
  std::string_view field;  // a name of Fields ("surname"), a constant of the library
  std::size_t line = 0;    // 1-based
  std::size_t column = 0;  // 1-based first character
  std::size_t length = 0;
};

struct Report {
  Layout layout = Layout::unknown;
  std::vector<std::string> lines;  // as read (after any repair)
  std::vector<std::size_t> line_offsets;  // byte offset in the text read of each line's first character
  Fields fields;
  std::vector<Span> spans;         // where each field read stands (a field the zone does not hold has none)
  std::vector<Check> checks;
  std::vector<Correction> corrections;

  bool valid() const;           // no check failed
  std::string to_json() const;  // {"layout", "valid", "fields", "checks", "corrections"}
};

struct ReadOptions {
  bool lenient = false;
  // The date two-digit years are resolved against (YYYY-MM-DD): a birth date is not after it, an expiry date
  // lies within 50 years of it. Empty: today (UTC).
  std::string reference_date;
};

// Never throws on input: a text without a machine-readable zone gives layout unknown and a failed check.
XBORDER_API Report read(std::string_view text, const ReadOptions& options = {});

// The same into a report reused from zone to zone: its strings and lists keep their memory, so reading a
// stream of zones allocates nothing once the first has been read.
XBORDER_API void read(std::string_view text, const ReadOptions& options, Report& into);

// What a zone is written from. Names in any script; `scheme` transliterates them (ICAO 9303 by default).
struct Document {
  Layout layout = Layout::td3;
  std::string document_code;    // "P" (TD3), "I"/"ID"/"AC" (TD1/TD2), "V" (visas)
  std::string issuing_state;
  std::string document_number;  // TD1 numbers longer than 9 characters continue in the optional data
  std::string nationality;
  std::string birth_date;       // YYYY-MM-DD (or YYMMDD); unknown parts as "<<"
  std::string sex;              // "M", "F", "X"
  std::string expiry_date;
  std::string optional_data;
  std::string optional_data_2;  // TD1 line 2
  std::string primary_identifier;
  std::string secondary_identifier;
  std::string scheme = "icao9303";
};

struct Written {
  std::vector<std::string> lines;
  bool name_truncated = false;
  std::vector<std::string> problems;  // what could not be written as given (too long, characters outside A-Z)
};

// Throws Error for a layout it cannot write (the French 1988 card, unknown).
XBORDER_API Written write(const Document& document);

}  // namespace xborder::mrz
