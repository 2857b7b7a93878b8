#include "xborder/mrz.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "core/byte_blocks.hpp"
#include "core/mapping_store.hpp"
#include "formats/mrz/state_codes.hpp"
#include "core/data_table.hpp"
#include "xborder/diagnostics.hpp"
#include "xborder/text.hpp"

namespace xborder::mrz {
namespace {

// ---- Character values and check digits (ICAO 9303 Part 3 section 4.9) -------------------------------------

// Character values: digits their value, A-Z 10-35, '<' (and anything else, which the charset check reports) 0.
constexpr std::array<std::uint8_t, 256> kCharValues = [] {
  std::array<std::uint8_t, 256> values{};
  for (int c = '0'; c <= '9'; ++c) values[static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(c - '0');
  for (int c = 'A'; c <= 'Z'; ++c) values[static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(c - 'A' + 10);
  return values;
}();

// Adds the weighted values of `part` to `sum`; `phase` is the weight position (0: 7, 1: 3, 2: 1) of its first
// character and becomes that of the character after it. Whole triples are weighed at once.
void add_weighted(std::string_view part, int& sum, std::size_t& phase) {
  static constexpr std::array<int, 3> kWeights{7, 3, 1};
  const auto value = [&](std::size_t i) { return int{kCharValues[static_cast<unsigned char>(part[i])]}; };
  std::size_t i = 0;
  for (; i < part.size() && phase != 0; ++i, phase = phase == 2 ? 0 : phase + 1) sum += value(i) * kWeights[phase];
  for (; i + 3 <= part.size(); i += 3) sum += 7 * value(i) + 3 * value(i + 1) + value(i + 2);
  for (; i < part.size(); ++i, phase = phase == 2 ? 0 : phase + 1) sum += value(i) * kWeights[phase];
}

// The check digit over the concatenation of `parts` (one part for a field, several for a composite).
template <typename... Parts>
int check_digit_of(const Parts&... parts) {
  int sum = 0;
  std::size_t phase = 0;
  (add_weighted(std::string_view(parts), sum, phase), ...);
  return sum % 10;
}

int check_digit(std::string_view data) { return check_digit_of(data); }

bool is_mrz_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '<'; }

bool all_mrz_chars(std::string_view line) {
  return !detail::any_block(line.data(), line.size(), '<', [](detail::ByteLanes x) {
    return detail::any_lane(~((x - 'A' < 26) | (x - '0' < 10) | (x == '<')));
  });
}

// A field's value into a string that keeps its memory from zone to zone (clear and append: assign checks
// for overlap, which costs more than the copy of a few bytes).
void set(std::string& out, std::string_view value) {
  out.clear();
  out.append(value);
}

// The field without its trailing fillers.
std::string_view without_fillers(std::string_view field) {
  const auto end = field.find_last_not_of('<');
  return end == std::string_view::npos ? std::string_view() : field.substr(0, end + 1);
}

// '<' as spaces, trimmed: how optional data and names read.
void assign_text(std::string& out, std::string_view field) {
  field = without_fillers(field);
  field.remove_prefix(std::min(field.find_first_not_of('<'), field.size()));
  set(out, field);
  std::replace(out.begin(), out.end(), '<', ' ');
}

// ---- Layouts ---------------------------------------------------------------------------------------------

struct Shape {
  Layout layout;
  std::size_t lines;
  std::size_t width;
};

Layout layout_of(const std::vector<std::string>& lines) {
  if (lines.size() == 3 && lines[0].size() == 30 && lines[1].size() == 30 && lines[2].size() == 30) return Layout::td1;
  if (lines.size() != 2 || lines[0].size() != lines[1].size()) return Layout::unknown;
  const bool visa = !lines[0].empty() && lines[0][0] == 'V';
  if (lines[0].size() == 44) return visa ? Layout::mrva : Layout::td3;
  if (lines[0].size() == 36) {
    if (lines[0].starts_with("IDFRA")) return Layout::fra_id_1988;
    return visa ? Layout::mrvb : Layout::td2;
  }
  return Layout::unknown;
}

// The first line of every layout starts with a document code letter, then the issuing state.
bool looks_like_first_line(std::string_view line) {
  if (line.size() < 5 || std::string_view("ACIPV").find(line[0]) == std::string_view::npos) return false;
  return std::all_of(line.begin() + 2, line.begin() + 5, [](char c) { return (c >= 'A' && c <= 'Z') || c == '<'; });
}

// ---- Reading ---------------------------------------------------------------------------------------------

class Reader {
 public:
  Reader(const ReadOptions& options, Report& report, const detail::MrzStateCodes& states)
      : options_(options), report_(report), states_(states) {}

  void run(std::string_view text) {
    report_.checks.reserve(12);  // the most a layout makes: no regrowth while reading
    report_.spans.clear();
    read_zone(text);
    report_.checks.resize(checks_);  // a reused report's checks beyond this zone's go
  }

 private:
  void read_zone(std::string_view text) {
    find_lines(text);
    report_.layout = layout_of(report_.lines);
    if (report_.layout == Layout::unknown) {
      add("line-lengths", {}, 0, 0, 0, Outcome::fail,
          "line count/length does not match TD1 (3x30), TD2/MRV-B (2x36) or TD3/MRV-A (2x44)");
      return;
    }
    check_charset();
    switch (report_.layout) {
      case Layout::td1: read_td1(); break;
      case Layout::td2: read_two_line(36, true); break;
      case Layout::td3: read_two_line(44, true); break;
      case Layout::mrva: read_two_line(44, false); break;
      case Layout::mrvb: read_two_line(36, false); break;
      case Layout::fra_id_1988: read_french_card(); break;
      case Layout::unknown: break;
    }
    check_states();
  }

  // Into the report's next check, which a reused report already has: its message keeps its memory.
  void add(std::string_view name, std::string_view field, std::size_t line, std::size_t column, std::size_t length,
           Outcome outcome, std::string_view message = {}) {
    Check& check = checks_ < report_.checks.size() ? report_.checks[checks_] : report_.checks.emplace_back();
    ++checks_;
    check.name = name;
    check.field = field;
    check.line = line;
    check.column = column;
    check.length = length;
    check.outcome = outcome;
    set(check.message, message);
  }

  // Where a field stands (0-based line and column, as the readers below count).
  void span(std::string_view field, std::size_t line, std::size_t column, std::size_t length) {
    report_.spans.push_back({field, line + 1, column + 1, length});
  }

  // The zone's lines: exactly the text's lines (strict), or the last run of lines that make a zone, after
  // removing spaces (lenient).
  void find_lines(std::string_view text) {
    // Into the report's own strings, which keep their memory when a report is reused.
    std::vector<std::string>& split = report_.lines;
    std::vector<std::size_t>& starts = report_.line_offsets;
    split.reserve(3);  // the most lines a zone has: a fresh report's list grows once
    starts.clear();
    std::size_t count = 0;
    for (std::size_t start = 0; start <= text.size(); ++count) {
      auto end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
      if (count < split.size()) {
        set(split[count], line);
      } else {
        split.emplace_back(line);
      }
      starts.push_back(start);
      start = end + 1;
    }
    split.resize(count);
    if (!options_.lenient) {
      while (!split.empty() && split.back().empty()) {
        split.pop_back();
        starts.pop_back();
      }
      const auto first = std::find_if(split.begin(), split.end(), [](const std::string& line) { return !line.empty(); });
      starts.erase(starts.begin(), starts.begin() + (first - split.begin()));
      split.erase(split.begin(), first);
      return;
    }
    std::vector<std::string> lines = std::move(split);
    const std::vector<std::size_t> line_starts = std::move(starts);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      std::string& line = lines[i];
      const auto spaces = std::count_if(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
      if (spaces > 0 && std::all_of(line.begin(), line.end(), [](char c) { return is_mrz_char(c) || c == ' ' || c == '\t'; })) {
        const std::string found = line;
        line.erase(std::remove_if(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; }), line.end());
        if (line.size() == 30 || line.size() == 36 || line.size() == 44) {
          report_.corrections.push_back({i + 1, 1, found, line, "spaces inside the line"});
        }
      }
    }
    // The last group of consecutive zone-like lines of one length that forms a layout.
    const auto zone_like = [&](const std::string& line) {
      return (line.size() == 30 || line.size() == 36 || line.size() == 44) &&
             std::all_of(line.begin(), line.end(), is_mrz_char);
    };
    std::vector<std::string> best;
    std::vector<std::size_t> best_starts;
    for (std::size_t i = 0; i < lines.size();) {
      if (!zone_like(lines[i])) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < lines.size() && zone_like(lines[j]) && lines[j].size() == lines[i].size()) ++j;
      const std::size_t wanted = lines[i].size() == 30 ? 3 : 2;
      if (j - i >= wanted) {
        best.assign(lines.begin() + static_cast<std::ptrdiff_t>(j - wanted), lines.begin() + static_cast<std::ptrdiff_t>(j));
        best_starts.assign(line_starts.begin() + static_cast<std::ptrdiff_t>(j - wanted),
                           line_starts.begin() + static_cast<std::ptrdiff_t>(j));
      }
      i = j;
    }
    if (best.empty()) {
      // Nothing zone-like: keep the non-empty lines, so the report says what is wrong with them.
      for (std::size_t i = 0; i < lines.size(); ++i) {
        if (lines[i].empty()) continue;
        best.push_back(std::move(lines[i]));
        best_starts.push_back(line_starts[i]);
      }
    }
    if (best.size() == 2 && !looks_like_first_line(best[0]) && looks_like_first_line(best[1])) {
      std::swap(best[0], best[1]);
      std::swap(best_starts[0], best_starts[1]);
      report_.corrections.push_back({0, 0, "", "", "lines in reverse order: read second line first"});
    }
    report_.lines = std::move(best);
    report_.line_offsets = std::move(best_starts);
  }

  void check_charset() {
    for (std::size_t l = 0; l < report_.lines.size(); ++l) {
      const std::string& line = report_.lines[l];
      if (all_mrz_chars(line)) continue;
      for (std::size_t c = 0; c < line.size(); ++c) {
        if (!is_mrz_char(line[c])) {
          add("charset", {}, l + 1, c + 1, 1, Outcome::fail,
              "character " + std::to_string(static_cast<unsigned char>(line[c])) + " is not A-Z, 0-9 or '<'");
          return;
        }
      }
    }
  }

  // Lenient: OCR misreadings in a field that must be numeric.
  void repair_digits(std::size_t line, std::size_t column, std::size_t length) {
    if (!options_.lenient) return;
    std::string& text = report_.lines[line];
    for (std::size_t i = column; i < column + length && i < text.size(); ++i) {
      const char c = text[i];
      const char digit = c == 'O' || c == 'Q' || c == 'D' ? '0' : c == 'I' || c == 'L' ? '1' : c == 'S' ? '5'
                       : c == 'B' ? '8' : c == 'Z' ? '2' : c == 'G' ? '6' : '\0';
      if (digit != '\0') {
        report_.corrections.push_back({line + 1, i + 1, std::string(1, c), std::string(1, digit),
                                       "a letter OCR reads for a digit in a numeric field"});
        text[i] = digit;
      }
    }
  }

  // A check digit over `data`, printed at (line, column). `filler_allowed`: '<' stands for 0 when the field
  // is empty (the optional data of TD3).
  bool check(const char* name, std::string_view field, std::size_t line, std::size_t column, std::string_view data,
             bool filler_allowed = false) {
    repair_digits(line, column, 1);
    const char printed = report_.lines[line][column];
    const int expected = check_digit(data);
    bool ok = printed == static_cast<char>('0' + expected);
    if (!ok && printed == '<') {
      const bool empty = without_fillers(data).empty();
      if (filler_allowed && empty) {
        ok = true;
      } else if (options_.lenient && expected == 0) {
        report_.corrections.push_back({line + 1, column + 1, "<", "0", "'<' for a check digit of 0"});
        ok = true;
      }
    }
    if (ok) {
      add(name, field, line + 1, column + 1, 1, Outcome::pass);
    } else {
      add(name, field, line + 1, column + 1, 1, Outcome::fail,
          "check digit " + std::string(1, printed) + ", computed " + std::to_string(expected));
    }
    return ok;
  }

  template <typename... Parts>
  void composite(std::size_t line, std::size_t column, const Parts&... parts) {
    repair_digits(line, column, 1);
    const char printed = report_.lines[line][column];
    const int expected = check_digit_of(parts...);
    bool ok = printed == static_cast<char>('0' + expected);
    if (!ok && printed == '<' && options_.lenient && expected == 0) {
      report_.corrections.push_back({line + 1, column + 1, "<", "0", "'<' for a check digit of 0"});
      ok = true;
    }
    if (ok) {
      add("composite-check-digit", "composite", line + 1, column + 1, 1, Outcome::pass);
    } else {
      add("composite-check-digit", "composite", line + 1, column + 1, 1, Outcome::fail,
          "check digit " + std::string(1, printed) + ", computed " + std::to_string(expected));
    }
  }

  // YYMMDD: a calendar date, its century resolved against the reference date.
  void date(std::string_view field, std::size_t line, std::size_t column, bool birth, std::string& raw,
            std::string& iso) {
    repair_digits(line, column, 6);
    span(field, line, column, 6);
    set(raw, std::string_view(report_.lines[line]).substr(column, 6));
    const auto two = [&](std::size_t at) {
      return std::isdigit(static_cast<unsigned char>(raw[at])) && std::isdigit(static_cast<unsigned char>(raw[at + 1]))
                 ? (raw[at] - '0') * 10 + raw[at + 1] - '0'
                 : -1;
    };
    const int yy = two(0), mm = two(2), dd = two(4);
    static constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (yy < 0 || mm < 1 || mm > 12 || dd < 1 || dd > kDays[static_cast<std::size_t>(mm - 1)]) {
      add("date", field, line + 1, column + 1, 6, Outcome::fail, "'" + raw + "' is not a date YYMMDD");
      return;
    }
    const int reference = reference_number();  // YYYYMMDD
    int year = 2000 + yy;
    if (birth) {
      if (year * 10000 + mm * 100 + dd > reference) year -= 100;
    } else if (year > reference / 10000 + 50) {
      year -= 100;
    }
    if (mm == 2 && dd == 29 && !(year % 4 == 0 && (year % 100 != 0 || year % 400 == 0))) {
      add("date", field, line + 1, column + 1, 6, Outcome::fail, "29 February of " + std::to_string(year));
      return;
    }
    const char written[10] = {static_cast<char>('0' + year / 1000), static_cast<char>('0' + year / 100 % 10),
                              static_cast<char>('0' + year / 10 % 10), static_cast<char>('0' + year % 10), '-',
                              static_cast<char>('0' + mm / 10), static_cast<char>('0' + mm % 10), '-',
                              static_cast<char>('0' + dd / 10), static_cast<char>('0' + dd % 10)};
    set(iso, {written, sizeof written});
  }

  int reference_number() {
    if (reference_ != 0) return reference_;
    const std::string& text = options_.reference_date;
    const bool digits = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                        std::all_of(text.begin(), text.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
    if (digits) {
      for (const char c : text) {
        if (c != '-') reference_ = reference_ * 10 + (c - '0');
      }
    } else {
      const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
      std::tm utc{};
      gmtime_r(&now, &utc);
      reference_ = (utc.tm_year + 1900) * 10000 + (utc.tm_mon + 1) * 100 + utc.tm_mday;
    }
    return reference_;
  }

  void sex(std::size_t line, std::size_t column) {
    const char c = report_.lines[line][column];
    span("sex", line, column, 1);
    set(report_.fields.sex, c == '<' ? std::string_view("X") : std::string_view(&report_.lines[line][column], 1));
    const bool ok = c == 'M' || c == 'F' || c == 'X' || c == '<';
    add("sex", "sex", line + 1, column + 1, 1, ok ? Outcome::pass : Outcome::fail, ok ? "" : "sex is M, F, X or '<'");
  }

  // The names at (line, column): the primary identifier, then after "<<" the secondary.
  void names(std::string_view field, std::size_t line, std::size_t column) {
    const auto split = field.find("<<");
    span("surname", line, column, std::min(split, field.size()));
    if (split != std::string_view::npos) span("given_names", line, column + split + 2, field.size() - split - 2);
    split_names(field, false);
  }

  void split_names(std::string_view field, bool french_given) {
    const auto split = field.find("<<");
    assign_text(report_.fields.surname, field.substr(0, split));
    if (split == std::string_view::npos) return;
    const std::string_view given = without_fillers(field.substr(split + 2));
    std::string& out = report_.fields.given_names;
    if (!french_given) {
      set(out, given);
      std::replace(out.begin(), out.end(), '<', ' ');
      return;
    }
    std::string part;
    for (std::size_t at = 0; at < given.size();) {
      const auto next = given.find("<<", at);
      if (!out.empty()) out += ", ";
      assign_text(part, given.substr(at, next == std::string_view::npos ? std::string_view::npos : next - at));
      out += part;
      at = next == std::string_view::npos ? given.size() : next + 2;
    }
  }

  void document_code_and_state(const std::string& first) {
    span("document_code", 0, 0, 2);
    span("issuing_state", 0, 2, 3);
    set(report_.fields.document_code, without_fillers(std::string_view(first).substr(0, 2)));
    set(report_.fields.issuing_state, without_fillers(std::string_view(first).substr(2, 3)));
  }

  // TD2, TD3, MRV-A, MRV-B: line 1 code, state, name; line 2 number, nationality, dates, sex, optional data.
  void read_two_line(std::size_t width, bool composite_digit) {
    const std::string& first = report_.lines[0];
    document_code_and_state(first);
    names(std::string_view(first).substr(5), 0, 5);
    std::string& second = report_.lines[1];
    Fields& f = report_.fields;
    span("document_number", 1, 0, 9);
    set(f.document_number, without_fillers(std::string_view(second).substr(0, 9)));
    check("check-digit", "document_number", 1, 9, std::string_view(second).substr(0, 9));
    span("nationality", 1, 10, 3);
    set(f.nationality, without_fillers(std::string_view(second).substr(10, 3)));
    date("birth_date", 1, 13, true, f.birth_date, f.birth_date_iso);
    check("check-digit", "birth_date", 1, 19, std::string_view(second).substr(13, 6));
    sex(1, 20);
    date("expiry_date", 1, 21, false, f.expiry_date, f.expiry_date_iso);
    check("check-digit", "expiry_date", 1, 27, std::string_view(second).substr(21, 6));
    const bool td3 = width == 44 && composite_digit;
    const std::size_t optional_end = composite_digit ? width - (td3 ? 2 : 1) : width;
    span("optional_data", 1, 28, optional_end - 28);
    assign_text(f.optional_data, std::string_view(second).substr(28, optional_end - 28));
    if (td3) check("check-digit", "optional_data", 1, 42, std::string_view(second).substr(28, 14), true);
    if (composite_digit) {
      const std::string_view s(second);
      composite(1, width - 1, s.substr(0, 10), s.substr(13, 7), s.substr(21, width - 1 - 21));
    }
  }

  void read_td1() {
    std::string& first = report_.lines[0];
    std::string& second = report_.lines[1];
    Fields& f = report_.fields;
    document_code_and_state(first);
    const std::string_view one(first);
    std::string_view optional = one.substr(15, 15);
    if (first[14] == '<' && !optional.empty() && optional[0] != '<') {
      // A number longer than 9 characters: it goes on in the optional data, its check digit last.
      const auto run = std::min(optional.find('<'), optional.size());
      const std::string number = std::string(one.substr(5, 9)) + std::string(optional.substr(0, run - 1));
      f.document_number = without_fillers(number);
      const char printed = optional[run - 1];
      const bool strict_ok = printed == static_cast<char>('0' + check_digit(number));
      const bool filler_ok = printed == static_cast<char>('0' + check_digit_of(one.substr(5, 10), optional.substr(0, run - 1)));
      // Computed over the number with its '<' (Belgian practice): not ICAO, but what the issuer meant.
      add("check-digit", "document_number", 1, 15 + run, 1,
          strict_ok ? Outcome::pass : filler_ok ? Outcome::warning : Outcome::fail,
          strict_ok ? "" : filler_ok ? "computed over the number with its '<' (a national practice, not ICAO)"
                                     : "check digit " + std::string(1, printed) + " does not match");
      span("document_number", 0, 5, 10 + run - 1);
      const std::size_t rest = std::min(run + 1, optional.size());
      span("optional_data", 0, 15 + rest, optional.size() - rest);
      assign_text(f.optional_data, optional.substr(rest));
    } else {
      span("document_number", 0, 5, 9);
      span("optional_data", 0, 15, 15);
      set(f.document_number, without_fillers(std::string_view(first).substr(5, 9)));
      check("check-digit", "document_number", 0, 14, one.substr(5, 9));
      assign_text(f.optional_data, optional);
    }
    date("birth_date", 1, 0, true, f.birth_date, f.birth_date_iso);
    check("check-digit", "birth_date", 1, 6, std::string_view(second).substr(0, 6));
    sex(1, 7);
    date("expiry_date", 1, 8, false, f.expiry_date, f.expiry_date_iso);
    check("check-digit", "expiry_date", 1, 14, std::string_view(second).substr(8, 6));
    span("nationality", 1, 15, 3);
    set(f.nationality, without_fillers(std::string_view(second).substr(15, 3)));
    span("optional_data_2", 1, 18, 11);
    assign_text(f.optional_data_2, std::string_view(second).substr(18, 11));
    const std::string_view s(second);
    composite(1, 29, std::string_view(first).substr(5, 25), s.substr(0, 7), s.substr(8, 7), s.substr(18, 11));
    names(report_.lines[2], 2, 0);
  }

  // The French identity card of 1988-2021: line 1 "IDFRA", surname, office code; line 2 number, given names,
  // birth date, sex, composite check digit over both lines.
  void read_french_card() {
    const std::string& first = report_.lines[0];
    std::string& second = report_.lines[1];
    Fields& f = report_.fields;
    document_code_and_state(first);
    f.nationality = "FRA";
    span("surname", 0, 5, 25);
    span("optional_data", 0, 30, 6);
    span("document_number", 1, 0, 12);
    span("given_names", 1, 13, 14);
    assign_text(f.optional_data, std::string_view(first).substr(30, 6));
    f.document_number = without_fillers(std::string_view(second).substr(0, 12));
    check("check-digit", "document_number", 1, 12, std::string_view(second).substr(0, 12));
    split_names("<<" + second.substr(13, 14), true);  // a string: the prefix makes the given names secondary
    assign_text(f.surname, std::string_view(first).substr(5, 25));
    date("birth_date", 1, 27, true, f.birth_date, f.birth_date_iso);
    check("check-digit", "birth_date", 1, 33, std::string_view(second).substr(27, 6));
    sex(1, 34);
    composite(1, 35, std::string_view(first), std::string_view(second).substr(0, 35));
  }

  void check_states() {
    const auto one = [&](std::string_view field, const std::string& value, std::size_t line, std::size_t column) {
      if (value.empty() || states_.known(value)) return;
      add("state-code", field, line, column, 3, Outcome::warning,
          "'" + value + "' is neither an ISO 3166-1 nor an ICAO 9303 code");
    };
    one("issuing_state", report_.fields.issuing_state, 1, 3);
    const bool td1 = report_.layout == Layout::td1;
    one("nationality", report_.fields.nationality, 2, td1 ? 16 : 11);
  }

  const ReadOptions& options_;
  Report& report_;
  const detail::MrzStateCodes& states_;
  std::size_t checks_ = 0;  // checks made so far
  int reference_ = 0;
};

// ---- Writing ---------------------------------------------------------------------------------------------

class Writer {
 public:
  explicit Writer(const Document& document) : document_(document) {}

  Written run() {
    switch (document_.layout) {
      case Layout::td1: write_td1(); break;
      case Layout::td2: write_two_line(36, true); break;
      case Layout::td3: write_two_line(44, true); break;
      case Layout::mrva: write_two_line(44, false); break;
      case Layout::mrvb: write_two_line(36, false); break;
      default: throw Error("an MRZ of layout '" + std::string(layout_name(document_.layout)) + "' cannot be written");
    }
    return std::move(written_);
  }

 private:
  // A field in MRZ characters, padded with '<' to `width`; what does not fit or is not A-Z 0-9 is reported.
  std::string field(std::string_view name, std::string_view value, std::size_t width) {
    std::string out;
    bool dropped = false;
    for (const char c : value) {
      const char upper = c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
      if (is_mrz_char(upper)) out += upper;
      else if (upper == ' ' || upper == '-') out += '<';
      else dropped = true;
    }
    if (dropped) written_.problems.push_back(std::string(name) + ": characters outside A-Z, 0-9 removed");
    if (out.size() > width) {
      written_.problems.push_back(std::string(name) + " '" + out + "' is longer than " + std::to_string(width));
      out.resize(width);
    }
    out.resize(width, '<');
    return out;
  }

  // YYYY-MM-DD (or YYYY-MM, YYYY: unknown parts as '<<'), or YYMMDD as it is.
  std::string date(std::string_view name, std::string_view value) {
    if (value.size() == 6) return field(name, value, 6);
    std::string out = "<<<<<<";
    if (value.size() >= 4) out.replace(0, 2, value.substr(2, 2));
    if (value.size() >= 7) out.replace(2, 2, value.substr(5, 2));
    if (value.size() >= 10) out.replace(4, 2, value.substr(8, 2));
    if (!value.empty() && value.size() != 4 && value.size() != 7 && value.size() != 10) {
      written_.problems.push_back(std::string(name) + " '" + std::string(value) + "' is not YYYY-MM-DD");
    }
    return out;
  }

  std::string digit(std::string_view data) { return std::string(1, static_cast<char>('0' + check_digit(data))); }

  std::string names(std::size_t width) {
    const MrzName name = Transliteration::builtin().mrz_name(document_.primary_identifier,
                                                            document_.secondary_identifier, width, document_.scheme);
    written_.name_truncated = name.truncated;
    if (name.dropped > 0) {
      written_.problems.push_back(std::to_string(name.dropped) + " character(s) of the name have no MRZ form and were removed");
    }
    return name.field;
  }

  std::string sex() {
    const std::string& s = document_.sex;
    return s == "M" || s == "F" || s == "X" ? s : "<";
  }

  void write_two_line(std::size_t width, bool composite_digit) {
    std::string first = field("document_code", document_.document_code, 2) +
                        field("issuing_state", document_.issuing_state, 3) + names(width - 5);
    const std::string number = field("document_number", document_.document_number, 9);
    const std::string birth = date("birth_date", document_.birth_date);
    const std::string expiry = date("expiry_date", document_.expiry_date);
    const bool td3 = width == 44 && composite_digit;
    const std::size_t optional_width = composite_digit ? width - 28 - (td3 ? 2 : 1) : width - 28;
    const std::string optional = field("optional_data", document_.optional_data, optional_width);
    std::string second = number + digit(number) + field("nationality", document_.nationality, 3) + birth +
                         digit(birth) + sex() + expiry + digit(expiry) + optional;
    if (td3) second += without_fillers(optional).empty() ? "<" : digit(optional);
    if (composite_digit) {
      const std::string_view s(second);
      second += static_cast<char>('0' + check_digit_of(s.substr(0, 10), s.substr(13, 7), s.substr(21)));
    }
    written_.lines = {std::move(first), std::move(second)};
  }

  void write_td1() {
    const std::string upper_number = field("document_number", document_.document_number, 30);
    const std::string number(without_fillers(upper_number));
    std::string first = field("document_code", document_.document_code, 2) + field("issuing_state", document_.issuing_state, 3);
    std::string optional;
    if (number.size() > 9) {
      // Longer numbers: 9 characters, '<', the rest and the check digit at the start of the optional data.
      first += number.substr(0, 9) + "<";
      optional = number.substr(9) + digit(number) + "<" + document_.optional_data;
    } else {
      const std::string padded = field("document_number", number, 9);
      first += padded + digit(padded);
      optional = document_.optional_data;
    }
    first += field("optional_data", optional, 15);
    const std::string birth = date("birth_date", document_.birth_date);
    const std::string expiry = date("expiry_date", document_.expiry_date);
    std::string second = birth + digit(birth) + sex() + expiry + digit(expiry) +
                         field("nationality", document_.nationality, 3) +
                         field("optional_data_2", document_.optional_data_2, 11);
    const std::string_view s(second);
    second += static_cast<char>('0' + check_digit_of(std::string_view(first).substr(5, 25), s.substr(0, 7),
                                                     s.substr(8, 7), s.substr(18, 11)));
    written_.lines = {std::move(first), std::move(second), names(30)};
  }

  const Document& document_;
  Written written_;
};

void json_string(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
      out += buffer;
    } else {
      out += c;
    }
  }
  out += '"';
}

}  // namespace

std::string_view layout_name(Layout layout) {
  switch (layout) {
    case Layout::td1: return "td1";
    case Layout::td2: return "td2";
    case Layout::td3: return "td3";
    case Layout::mrva: return "mrva";
    case Layout::mrvb: return "mrvb";
    case Layout::fra_id_1988: return "fra-id-1988";
    case Layout::unknown: break;
  }
  return "unknown";
}

bool Report::valid() const {
  return layout != Layout::unknown &&
         std::none_of(checks.begin(), checks.end(), [](const Check& c) { return c.outcome == Outcome::fail; });
}

std::string Report::to_json() const {
  std::string out = "{\"layout\":";
  json_string(out, layout_name(layout));
  out += ",\"valid\":";
  out += valid() ? "true" : "false";
  out += ",\"lines\":[";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += ',';
    json_string(out, lines[i]);
  }
  out += "],\"fields\":{";
  bool first = true;
  fields.each([&](std::string_view name, const std::string& value) {
    if (!first) out += ',';
    first = false;
    json_string(out, name);
    out += ':';
    json_string(out, value);
  });
  out += "},\"checks\":[";
  static constexpr const char* kOutcomes[] = {"pass", "fail", "warning"};
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const Check& c = checks[i];
    if (i > 0) out += ',';
    out += "{\"check\":";
    json_string(out, c.name);
    out += ",\"field\":";
    json_string(out, c.field);
    out += ",\"line\":" + std::to_string(c.line) + ",\"column\":" + std::to_string(c.column) +
           ",\"length\":" + std::to_string(c.length) + ",\"outcome\":\"" + kOutcomes[static_cast<int>(c.outcome)] + "\"";
    if (!c.message.empty()) {
      out += ",\"message\":";
      json_string(out, c.message);
    }
    out += '}';
  }
  out += "],\"corrections\":[";
  for (std::size_t i = 0; i < corrections.size(); ++i) {
    const Correction& c = corrections[i];
    if (i > 0) out += ',';
    out += "{\"line\":" + std::to_string(c.line) + ",\"column\":" + std::to_string(c.column) + ",\"found\":";
    json_string(out, c.found);
    out += ",\"read_as\":";
    json_string(out, c.read_as);
    out += ",\"reason\":";
    json_string(out, c.reason);
    out += '}';
  }
  out += "]}";
  return out;
}

void read(std::string_view text, const ReadOptions& options, Report& into) {
  detail::read_mrz(text, options, into, detail::MrzStateCodes::builtin());
}

Report read(std::string_view text, const ReadOptions& options) {
  Report report;
  read(text, options, report);
  return report;
}

Written write(const Document& document) { return Writer(document).run(); }

}  // namespace xborder::mrz

namespace xborder::detail {

MrzStateCodes::MrzStateCodes(const MappingStore& store) {
  const DataTable table = DataTable::load(store, "codes/countries.csv");
  const std::size_t code = table.require("code");
  for (const auto& row : table.rows) codes_.set(index(row[code]));
  codes_.reset(0);
}

const MrzStateCodes& MrzStateCodes::builtin() {
  static const MrzStateCodes codes{MappingStore()};
  return codes;
}

std::size_t MrzStateCodes::index(std::string_view code) {
  if (code.empty() || code.size() > 3) return 0;
  std::size_t n = 0;
  for (const char c : code) {
    if (c < 'A' || c > 'Z') return 0;
    n = n * 27 + static_cast<std::size_t>(c - 'A' + 1);
  }
  return n;
}

void read_mrz(std::string_view text, const mrz::ReadOptions& options, mrz::Report& into, const MrzStateCodes& states) {
  into.layout = mrz::Layout::unknown;
  into.fields.each([](std::string_view, std::string& value) { value.clear(); });
  into.corrections.clear();
  mrz::Reader(options, into, states).run(text);
}

}  // namespace xborder::detail
