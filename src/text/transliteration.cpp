#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <vector>

#include "core/mapping_store.hpp"
#include "core/utf8.hpp"
#include "core/data_table.hpp"
#include "text/normalizers.hpp"
#include "xborder/diagnostics.hpp"
#include "xborder/text.hpp"

namespace xborder {
namespace detail {

constexpr std::string_view kTableScheme = "icao9303";  // and its variants, "icao9303-uk", ...

namespace {

constexpr std::string_view kTableFile = "translit/icao9303.csv";
constexpr std::string_view kAliasFile = "translit/aliases.csv";

// One character of a compiled table: its Latin letters, with the forms a position in the name part selects.
struct TableEntry {
  std::string plain;
  std::string initial;  // first letter of a name part (Ukrainian Є -> YE)
  std::string final;    // last letter of a name part (Arabic ة -> XAH)
  bool has_initial = false;
  bool has_final = false;
  bool doubles = false;  // repeats the previous letter's letters (Arabic shadda)
  bool mark = false;     // a combining mark (harakat): does not end or begin a name part
  // `plain` again, padded, for the fast path's fixed-size copy (ICAO's longest is SHCH); 0: too long for it.
  std::array<char, 8> plain_inline{};
  std::uint8_t plain_inline_size = 0;
};

struct Table {
  std::unordered_map<UChar32, TableEntry> entries;    // upper case, as the table has them
  std::unordered_map<UChar32, const TableEntry*> any_case;  // and their lower case: the UTF-8 fast path
  std::vector<const TableEntry*> below_0800;  // any_case for the two-byte code points, by index (null: none)
};

UChar32 first_code_point(std::string_view utf8) {
  const icu::UnicodeString text = icu::UnicodeString::fromUTF8(utf8);
  return text.length() == 0 ? U_SENTINEL : text.char32At(0);
}

bool is_mark(UChar32 c) { return (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0; }

// Letters and the apostrophes inside names (МАР'ЯНА: the Я is not the first letter of a name part).
bool in_word(UChar32 c) { return u_isalpha(c) != 0 || c == 0x27 || c == 0x2019 || c == 0x02BC; }

// Whether the name part goes on before `index`, looking past combining marks (harakat between letters).
bool letter_before(const icu::UnicodeString& text, int32_t index) {
  while (index > 0) {
    index = text.moveIndex32(index, -1);
    const UChar32 c = text.char32At(index);
    if (!is_mark(c)) return in_word(c);
  }
  return false;
}

bool letter_after(const icu::UnicodeString& text, int32_t index) {
  index = text.moveIndex32(index, 1);
  while (index < text.length()) {
    const UChar32 c = text.char32At(index);
    if (!is_mark(c)) return in_word(c);
    index = text.moveIndex32(index, 1);
  }
  return false;
}

// A Latin letter the table lacks: its base letter, when decomposing leaves one A-Z letter and marks.
bool latin_base(UChar32 c, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  if (uscript_getScript(c, &status) != USCRIPT_LATIN || U_FAILURE(status)) return false;
  icu::UnicodeString decomposed;
  if (!normalizer(Normalization::nfd).getDecomposition(c, decomposed) || decomposed.length() == 0) return false;
  const UChar32 base = decomposed.char32At(0);
  if (base < 'A' || base > 'Z') return false;
  for (int32_t i = decomposed.moveIndex32(0, 1); i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
    if (!is_mark(decomposed.char32At(i))) return false;
  }
  out += static_cast<char>(base);
  return true;
}

// Text of ASCII and table characters only (in either case) needs no normalisation and no case mapping
// beyond the table's: it is read straight from the UTF-8, which is checked on the way (throws Error if it is
// not UTF-8). Nothing if another character occurs.
std::optional<std::string> apply_fast(const Table& table, std::string_view utf8) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  const auto at = [&](int32_t& i) {
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) throw Error("transliteration: the text is not UTF-8");
    return c;
  };
  // Whether the name part goes on after position i (combining marks skipped).
  const auto continues = [&](int32_t i) {
    while (i < length) {
      const UChar32 c = at(i);
      if (!is_mark(c)) return in_word(c);
    }
    return false;
  };
  // A character gives at most four letters and takes at least one byte (two, beyond ASCII): twice the input
  // and a fixed-size copy's slack are room enough.
  std::string out(2 * utf8.size() + 8, '\0');
  char* written = out.data();
  std::string_view previous;  // the letters the last table letter gave
  bool word = false;          // the last character that was not a mark continues a name part
  for (int32_t i = 0; i < length;) {
    if (bytes[i] < 0x80) {
      const unsigned char c = bytes[i++];
      const bool letter = static_cast<unsigned char>((c | 0x20) - 'a') < 26;
      *written++ = static_cast<char>(letter ? c & ~0x20 : c);
      word = letter || c == '\'';
      previous = {};
      continue;
    }
    const TableEntry* entry = nullptr;
    if (bytes[i] >= 0xC2 && bytes[i] <= 0xDF && i + 1 < length && (bytes[i + 1] & 0xC0) == 0x80) {
      // Two bytes (Latin, Greek, Cyrillic, Arabic): decoded here, the commonest case beyond ASCII.
      entry = table.below_0800[static_cast<std::size_t>((bytes[i] & 0x1F) << 6 | (bytes[i + 1] & 0x3F))];
      i += 2;
    } else if (const auto found = table.any_case.find(at(i)); found != table.any_case.end()) {
      entry = found->second;
    }
    if (entry == nullptr) return std::nullopt;
    if (entry->doubles) {
      written = std::copy(previous.begin(), previous.end(), written);
      continue;
    }
    const bool plain = !(entry->has_initial && !word) && !(entry->has_final && !continues(i));
    if (plain && entry->plain_inline_size != 0) {
      std::memcpy(written, entry->plain_inline.data(), entry->plain_inline.size());
      previous = {written, entry->plain_inline_size};
      written += entry->plain_inline_size;
    } else {
      const std::string& letters = plain ? entry->plain : entry->has_final && !continues(i) ? entry->final : entry->initial;
      if (!letters.empty()) previous = {written, letters.size()};
      written = std::copy(letters.begin(), letters.end(), written);
    }
    if (!entry->mark) word = true;
  }
  out.resize(static_cast<std::size_t>(written - out.data()));
  return out;
}

std::string apply_table(const Table& table, std::string_view utf8) {
  if (auto fast = apply_fast(table, utf8)) return std::move(*fast);
  if (!is_valid_utf8(utf8)) throw Error("transliteration: the text is not UTF-8");  // past where the fast path stopped
  bool ascii = true;
  for (const char c : utf8) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {  // nothing for the table to do: upper-case and go
    std::string out(utf8);
    for (char& c : out) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
  }
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString text = normalizer(Normalization::nfc).normalize(icu::UnicodeString::fromUTF8(utf8), status);
  if (U_FAILURE(status)) throw Error("transliteration: the text cannot be normalised");
  text.toUpper(icu::Locale::getRoot());
  std::string out;
  out.reserve(utf8.size());
  std::string previous;  // the letters the previous table character gave
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    if (c < 0x80) {
      out += static_cast<char>(c);
      previous.clear();
      continue;
    }
    const auto found = table.entries.find(c);
    if (found == table.entries.end()) {
      if (is_mark(c)) continue;  // a diacritic NFC could not compose with its letter (Greek UNGEGN's macron below)
      if (!latin_base(c, out)) {
        icu::UnicodeString(c).toUTF8String(out);
      }
      previous.clear();
      continue;
    }
    const TableEntry& entry = found->second;
    if (entry.doubles) {
      out += previous;
      continue;
    }
    const std::string* letters = &entry.plain;
    if (entry.has_initial && !letter_before(text, i)) letters = &entry.initial;
    if (entry.has_final && !letter_after(text, i)) letters = &entry.final;
    out += *letters;
    if (!letters->empty()) previous = *letters;  // harakat between a letter and its shadda leave it be
  }
  return out;
}

// Every scheme variant's table: the rows for all icao9303 schemes, then the variant's own over them.
std::map<std::string, Table, std::less<>> compile_tables(std::string_view text, const std::string& file) {
  const DataTable csv = DataTable::parse(file, text);
  const std::size_t char_column = csv.require("char"), variant_column = csv.require("variant"),
                    context_column = csv.require("context"), mrz_column = csv.require("mrz");
  std::map<std::string, Table, std::less<>> tables;
  const auto put = [&](Table& table, const DataTable::Row& row) {
    const UChar32 c = first_code_point(row[char_column]);
    TableEntry& entry = table.entries[c];
    entry.mark = is_mark(c);
    const std::string& context = row[context_column];
    const std::string& mrz = row[mrz_column];
    if (mrz == "[DOUBLE]") {
      entry.doubles = true;
    } else if (context == "initial") {
      entry.initial = mrz;
      entry.has_initial = true;
    } else if (context == "final") {
      entry.final = mrz;
      entry.has_final = true;
    } else {
      entry.plain = mrz;
    }
  };
  Table& common = tables[std::string(kTableScheme)];
  for (const auto& row : csv.rows) {
    const std::string& character = row[char_column];
    const std::string& context = row[context_column];
    const std::string& mrz = row[mrz_column];
    const icu::UnicodeString one = icu::UnicodeString::fromUTF8(character);
    if (one.countChar32() != 1 || (context != "" && context != "initial" && context != "final") ||
        mrz.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos) {
      if (mrz != "[DOUBLE]" || one.countChar32() != 1) {
        csv.fail(row.line, "row '" + character + "': one character, a context of '', initial or final, "
                                        "and letters A-Z (or [DOUBLE])");
      }
    }
    if (row[variant_column].empty()) put(common, row);
  }
  for (const auto& row : csv.rows) {
    const std::string& variant = row[variant_column];
    if (variant.empty()) continue;
    const std::string id = std::string(kTableScheme) + "-" + variant;
    auto [slot, added] = tables.try_emplace(id);
    if (added) slot->second = common;
    put(slot->second, row);
  }
  // The fast path's keys: each character in upper case (as the table has it) and in lower case.
  for (auto& [id, table] : tables) {
    for (auto& [c, entry] : table.entries) {
      if (!entry.plain.empty() && entry.plain.size() < entry.plain_inline.size()) {
        std::copy(entry.plain.begin(), entry.plain.end(), entry.plain_inline.begin());
        entry.plain_inline_size = static_cast<std::uint8_t>(entry.plain.size());
      }
      table.any_case.emplace(c, &entry);
      const UChar32 lower = u_tolower(c);
      if (lower != c && lower >= 0x80 && table.entries.count(lower) == 0) table.any_case.emplace(lower, &entry);
    }
    table.below_0800.assign(0x800, nullptr);
    for (const auto& [c, entry] : table.any_case) {
      if (c < 0x800) table.below_0800[static_cast<std::size_t>(c)] = entry;
    }
  }
  return tables;
}

// Whether a segment reference follows a '$' at `at`, as ICU reads one: a decimal digit of any script (ICU's
// u_digit). '$' and U+0661 ARABIC-INDIC DIGIT ONE is "$1"; '$' and eight U+0669 (99999999) takes ICU 72 8 s
// and 575 MB to refuse.
bool segment_reference_follows(std::string_view rules, std::size_t at) {
  if (at >= rules.size()) return false;
  UChar32 c = 0;
  int32_t index = static_cast<int32_t>(at);
  U8_NEXT(rules.data(), index, static_cast<int32_t>(std::min<std::size_t>(rules.size(), at + 4)), c);
  return c >= 0 && u_digit(c, 10) >= 0;
}

// The length of the Pattern_White_Space character at `at` (ICU skips these between rules), or 0.
std::size_t white_space_at(std::string_view text, std::size_t at) {
  constexpr std::string_view kWide[] = {"\u0085", "\u200E", "\u200F", "\u2028", "\u2029"};
  const char c = text[at];
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  for (const std::string_view wide : kWide) {
    if (text.substr(at).starts_with(wide)) return wide.size();
  }
  return 0;
}

// A "::" transform of a rule file: its id (and filter) as written, and its line.
struct TransformRule {
  std::string id;
  std::size_t line = 0;
};

// Rule files are read in a subset of ICU's rule syntax: conversions with context, cursor and anchors,
// variables, sets, "::" transforms; not segments "( )" with their references "$1", quantifiers "* + ?",
// functions "&" or cursor offsets "@". Fuzzing found ICU 72's parser crashing, hanging or leaking on rules
// with the latter (a variable holding "$1", "$99999999999", "$1*", a hundred '('; an unclosed '(' leaks its
// segment, ICU-22817; "::A(B" without ')' leaks B's parsed id, tridpars.cpp parseSingleID), and name
// transliteration needs none of them. Also refused: rules over 1 MiB, not UTF-8, sets nested deeper than 16
// (ICU parses them recursively), and a two-way rule ("<>") with context and a cursor on one side
// ("b <> x{y}|", "x{|<>b"), on which ICU 72 crashes building the rule's other direction.
//
// The check must read the text as ICU does, or a refused character hides where ICU sees syntax: outside sets
// '...' quotes and '#' begins a comment (ICU: at the start of a rule; elsewhere ICU stops with an error, so
// reading the rest of the line as a comment hides nothing ICU reads); inside a set (ICU's UnicodeSet syntax)
// a quote is an ordinary character and "{...}" is a string whose brackets do not count; "\p{...}", "\P{...}"
// and "\N{...}" outside a set are a set too, up to the next '}'. A backslash escapes the next character
// elsewhere. (Fuzzing found "[']( ..." passing an earlier check that let the quote hide the '(' from it,
// while ICU closed the set at ']' and leaked the unclosed segment.) Returns the "::" transforms, which the
// caller has ICU try one by one.
std::vector<TransformRule> check_rules(std::string_view rules, const std::string& origin) {
  constexpr std::size_t kMaxRules = 1 << 20;
  constexpr int kMaxSetNesting = 16;
  if (rules.size() > kMaxRules) throw ProfileError(origin, 1, "rules longer than 1 MiB");
  if (!is_valid_utf8(rules)) throw ProfileError(origin, 1, "the rules are not UTF-8");
  enum class Mode { kRule, kQuote, kComment, kSet, kSetString, kProperty };
  Mode mode = Mode::kRule;
  std::vector<TransformRule> transforms;
  bool rule_start = true;                            // nothing but white space and comments since the last ';'
  std::size_t transform = std::string_view::npos;  // where the id of a "::" rule begins
  std::size_t transform_line = 0;
  std::size_t line = 1;
  int sets = 0;
  // The rule being read: which side of its operator, whether it runs both ways, what each side holds.
  struct Side {
    bool context = false, cursor = false;
  };
  std::array<Side, 2> sides{};
  std::size_t side = 0;
  bool two_way = false;
  const auto end_rule = [&] {
    for (const Side& s : sides) {
      if (two_way && s.context && s.cursor) {
        throw ProfileError(origin, line, "a two-way rule ('<>') with context '{ }' and a cursor '|' on one side "
                                         "is outside the rule syntax xborder reads");
      }
    }
    sides = {};
    side = 0;
    two_way = false;
    rule_start = true;
  };
  const auto end_transform = [&](std::size_t end) {
    if (transform == std::string_view::npos) return;
    transforms.push_back({std::string(rules.substr(transform, end - transform)), transform_line});
    transform = std::string_view::npos;
  };
  constexpr std::string_view kRightArrow = "\u2192", kLeftArrow = "\u2190", kBothArrow = "\u2194";
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const char c = rules[i];
    if (c == '\n') ++line;
    if (c == '\\' && mode == Mode::kRule && i + 2 < rules.size() && rules[i + 2] == '{' &&
        (rules[i + 1] == 'p' || rules[i + 1] == 'P' || rules[i + 1] == 'N')) {
      mode = Mode::kProperty;  // "\p{...}" is a set to ICU, up to the next '}'
      rule_start = false;
      i += 2;
      continue;
    }
    if (c == '\\' && mode != Mode::kQuote && mode != Mode::kComment && mode != Mode::kProperty) {
      // An escaped character stands for itself (its other UTF-8 bytes are never syntax).
      if (i + 1 < rules.size() && rules[i + 1] == '\n') ++line;
      ++i;
      if (mode == Mode::kRule) rule_start = false;
      continue;
    }
    switch (mode) {
      case Mode::kComment:
        if (c == '\n') mode = Mode::kRule;
        continue;
      case Mode::kQuote:
        if (c == '\'') mode = Mode::kRule;  // "''" is a quote: out and in again
        continue;
      case Mode::kSetString:
        if (c == '}') mode = Mode::kSet;
        continue;
      case Mode::kProperty:
        if (c == '}') mode = Mode::kRule;
        continue;
      case Mode::kSet:
        if (c == '{') {
          mode = Mode::kSetString;
        } else if (c == '[') {
          if (++sets > kMaxSetNesting) throw ProfileError(origin, line, "sets nested deeper than 16");
        } else if (c == ']' && --sets == 0) {
          mode = Mode::kRule;
        }
        continue;
      case Mode::kRule:
        break;
    }
    const std::string_view rest = rules.substr(i);
    if (rule_start) {
      if (const std::size_t space = white_space_at(rules, i); space > 0) {
        i += space - 1;
        continue;
      }
      if (c != '#' && c != ';') rule_start = false;
      if (rest.starts_with("::")) {  // ICU reads a transform id here, not a rule
        transform = i + 2;
        transform_line = line;
        ++i;
        continue;
      }
    }
    if (c == ';') {
      end_transform(i);
      end_rule();
    } else if (rest.starts_with("<>") || rest.starts_with(kBothArrow)) {
      two_way = true;
      side = 1;
    } else if (c == '<' || c == '>' || rest.starts_with(kRightArrow) || rest.starts_with(kLeftArrow)) {
      side = 1;
    } else if (c == '{' || c == '}') {
      sides[side].context = true;
    } else if (c == '|') {
      sides[side].cursor = true;
    } else if (c == '\'') {
      mode = Mode::kQuote;
    } else if (c == '#') {
      mode = Mode::kComment;
    } else if (c == '[') {
      mode = Mode::kSet;
      sets = 1;
    } else if (c == '(' || c == ')' || c == '*' || c == '+' || c == '?' || c == '&' || c == '@' ||
               (c == '$' && segment_reference_follows(rules, i + 1))) {
      throw ProfileError(origin, line, std::string("'") + c + "' is outside the rule syntax xborder reads (no segments, "
                                       "quantifiers, functions or cursor offsets; quote it to mean the character)");
    }
  }
  end_transform(rules.size());
  end_rule();
  return transforms;
}

// ICU transform ids a caller names (not the named schemes: tables, aliases, rule files) kept compiled, shared
// and in each thread's clones. Any text is an id ("[\u0100] Upper", "Any-Latin; Lower", ...), so an unbounded
// cache would grow with every distinct id a caller sends; the least recently used beyond this are rebuilt
// when named again.
constexpr std::size_t kMaxCompiledIds = 64;

// A map keeping its `capacity` most recently used entries.
template <typename V>
class LruMap {
 public:
  explicit LruMap(std::size_t capacity) : capacity_(capacity) {}

  V* find(std::string_view key) {
    const auto found = index_.find(key);
    if (found == index_.end()) return nullptr;
    items_.splice(items_.begin(), items_, found->second);
    return &found->second->second;
  }

  // `key` must be absent. Drops the least recently used entry beyond the capacity.
  V& insert(std::string key, V value) {
    items_.emplace_front(std::move(key), std::move(value));
    try {
      index_.emplace(items_.front().first, items_.begin());
    } catch (...) {
      items_.pop_front();
      throw;
    }
    if (items_.size() > capacity_) {
      index_.erase(items_.back().first);
      items_.pop_back();
    }
    return items_.front().second;
  }

  std::size_t size() const { return items_.size(); }

 private:
  using Items = std::list<std::pair<std::string, V>>;
  std::size_t capacity_;
  Items items_;  // the most recently used first
  std::map<std::string_view, typename Items::iterator, std::less<>> index_;  // keys point into items_
};

}  // namespace

class TranslitState {
 public:
  explicit TranslitState(const std::filesystem::path& mappings_dir) : store_(mappings_dir) {
    const auto table = store_.load(kTableFile);
    if (!table) throw Error("mapping file '" + std::string(kTableFile) + "' is missing");
    tables_ = compile_tables(*table, "mappings/" + std::string(kTableFile));
    if (const auto aliases = store_.load(kAliasFile)) {
      const DataTable csv = DataTable::parse("mappings/" + std::string(kAliasFile), *aliases);
      const std::size_t id = csv.require("id"), icu_id = csv.require("icu");
      for (const auto& row : csv.rows) aliases_[row[id]] = row[icu_id];
    }
    for (const std::string& path : store_.list("translit/")) {
      if (!path.ends_with(".txt")) continue;
      add_rules(path.substr(9, path.size() - 9 - 4), *store_.load(path), "mappings/" + path);
    }
  }

  // A broken rule set is refused at once, with its line.
  void add_rules(std::string id, std::string rules, std::string origin) {
    if (tables_.count(id) != 0 || aliases_.count(id) != 0 || rule_files_.count(id) != 0) {
      throw Error("transliteration scheme '" + id + "' exists already");
    }
    rule_files_.emplace(id, Rules{std::move(rules), std::move(origin)});
    try {
      prototype(id);
    } catch (...) {
      rule_files_.erase(id);
      throw;
    }
  }

  std::vector<std::string> schemes() const {
    std::vector<std::string> out;
    for (const auto& [id, table] : tables_) out.push_back(id);
    for (const auto& [id, target] : aliases_) out.push_back(id);
    for (const auto& [id, rules] : rule_files_) out.push_back(id);
    return out;
  }

  std::string apply(std::string_view text, std::string_view scheme) const {
    if (const auto table = tables_.find(scheme); table != tables_.end()) return apply_table(table->second, text);
    if (!is_valid_utf8(text)) throw Error("transliteration: the text is not UTF-8");
    icu::Transliterator& transliterator = for_this_thread(scheme);
    icu::UnicodeString unicode = icu::UnicodeString::fromUTF8(text);
    transliterator.transliterate(unicode);
    std::string out;
    unicode.toUTF8String(out);
    return out;
  }

  std::size_t compiled_transforms() const {
    std::lock_guard lock(mutex_);
    return id_prototypes_.size();
  }

 private:
  // ICU's rule-based transliterators lock on every call when shared: each thread has its own clones, in a
  // cache per engine that goes when the engine does (swept when a thread meets a new engine).
  icu::Transliterator& for_this_thread(std::string_view scheme) const {
    struct EngineClones {
      std::weak_ptr<const void> engine;
      std::map<std::string, std::unique_ptr<icu::Transliterator>, std::less<>> named;
      LruMap<std::unique_ptr<icu::Transliterator>> ids{kMaxCompiledIds};
    };
    thread_local std::vector<EngineClones> caches;
    const auto same_engine = [&](const EngineClones& cache) {
      return !cache.engine.owner_before(alive_) && !alive_.owner_before(cache.engine);
    };
    auto cache = std::find_if(caches.begin(), caches.end(), same_engine);
    if (cache == caches.end()) {
      std::erase_if(caches, [](const EngineClones& old) { return old.engine.expired(); });
      cache = caches.insert(caches.end(), EngineClones{alive_, {}, LruMap<std::unique_ptr<icu::Transliterator>>(kMaxCompiledIds)});
    }
    const auto clone = [&] { return std::unique_ptr<icu::Transliterator>(prototype(std::string(scheme))->clone()); };
    if (is_named(scheme)) {
      auto found = cache->named.find(scheme);
      if (found == cache->named.end()) found = cache->named.emplace(std::string(scheme), clone()).first;
      return *found->second;
    }
    if (auto* found = cache->ids.find(scheme)) return **found;
    return *cache->ids.insert(std::string(scheme), clone());
  }

  // The named schemes: a rule file or an alias (a table never reaches ICU). Changed only by add_rules, which
  // no other thread runs beside.
  bool is_named(std::string_view scheme) const {
    return rule_files_.find(scheme) != rule_files_.end() || aliases_.find(scheme) != aliases_.end();
  }

  // Built once per id (creating costs up to 100 ms), under a lock; cloned from then on. Shared, so that an
  // id dropped from the cache lives on while a thread still clones it.
  std::shared_ptr<const icu::Transliterator> prototype(const std::string& scheme) const {
    std::lock_guard lock(mutex_);
    const bool named = is_named(scheme);
    if (named) {
      if (const auto found = named_prototypes_.find(scheme); found != named_prototypes_.end()) return found->second;
    } else if (const auto* found = id_prototypes_.find(scheme)) {
      return *found;
    }
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> made;
    if (const auto rules = rule_files_.find(scheme); rules != rule_files_.end()) {
      UParseError where{};
      for (const TransformRule& transform : check_rules(rules->second.text, rules->second.origin)) {
        // ICU 72 loses the rules it has built when a later "::" id turns out unknown (createFromRules keeps
        // them in a vector that deletes nothing on failure: ICU-21701), so each id is tried alone first.
        // ";Null" lets a lone global filter through ("::[:Latin:];").
        UErrorCode alone_status = U_ZERO_ERROR;
        UParseError alone_where{};
        const std::unique_ptr<icu::Transliterator> alone(icu::Transliterator::createInstance(
            icu::UnicodeString::fromUTF8(transform.id + ";Null"), UTRANS_FORWARD, alone_where, alone_status));
        if (U_FAILURE(alone_status) || !alone) {
          std::string_view id = transform.id;
          while (!id.empty() && white_space_at(id, 0) == 1) id.remove_prefix(1);
          while (!id.empty() && white_space_at(id, id.size() - 1) == 1) id.remove_suffix(1);
          const std::string_view shown = id.size() > 60 ? whole_utf8_prefix(id.substr(0, 60)) : id;
          throw ProfileError(rules->second.origin, transform.line,
                             "unknown transform '::" + std::string(shown) + (shown.size() < id.size() ? "...'" : "'"));
        }
      }
      const icu::UnicodeString text = icu::UnicodeString::fromUTF8(rules->second.text);
      made.reset(icu::Transliterator::createFromRules(icu::UnicodeString::fromUTF8(scheme), text, UTRANS_FORWARD,
                                                      where, status));
      if (U_FAILURE(status) || !made) {
        // ICU gives the error's offset in the rules, not its line.
        std::size_t line = 1;
        for (int32_t i = 0; i < std::min(where.offset, text.length()); ++i) line += text.charAt(i) == u'\n' ? 1 : 0;
        throw ProfileError(rules->second.origin, line, std::string("ICU rejects the rules: ") + u_errorName(status));
      }
    } else {
      const auto alias = aliases_.find(scheme);
      const std::string id = alias != aliases_.end() ? alias->second : scheme;
      // ICU's id parser leaks what it parsed after a '(' that no ')' closes ("Upper(Lower x": tridpars.cpp
      // parseSingleID, in ICU 72 and upstream still), on every call with such an id. Parentheses only name
      // the transforms of the reverse direction ("A(B)"), which xborder never runs: refused.
      if (id.find_first_of("()") != std::string::npos) {
        throw Error("transliteration scheme '" + scheme + "': parentheses (an id's reverse part) are not supported");
      }
      made.reset(icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, status));
      if (U_FAILURE(status) || !made) throw Error("unknown transliteration scheme '" + scheme + "'");
    }
    std::shared_ptr<const icu::Transliterator> shared = std::move(made);
    if (named) return named_prototypes_.emplace(scheme, shared).first->second;
    return id_prototypes_.insert(scheme, std::move(shared));
  }

  MappingStore store_;
  std::map<std::string, Table, std::less<>> tables_;
  std::map<std::string, std::string, std::less<>> aliases_;
  struct Rules {
    std::string text;
    std::string origin;  // the file (or what the caller named) errors point to
  };
  std::map<std::string, Rules, std::less<>> rule_files_;
  std::shared_ptr<const void> alive_ = std::make_shared<char>();  // thread caches hold it weakly: gone with us
  mutable std::mutex mutex_;
  mutable std::map<std::string, std::shared_ptr<const icu::Transliterator>, std::less<>> named_prototypes_;
  mutable LruMap<std::shared_ptr<const icu::Transliterator>> id_prototypes_{kMaxCompiledIds};
};

}  // namespace detail

namespace {

// One identifier in MRZ form: A-Z, with '<' for each run of spaces, hyphens and commas; apostrophes and
// other punctuation and digits removed (ICAO 9303 Part 3 section 4.6). Counts what had to go.
std::string mrz_identifier(std::string_view latin, std::size_t& dropped) {
  std::string out;
  bool gap = false;
  for (std::size_t i = 0; i < latin.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(latin[i]);
    if (c >= 'A' && c <= 'Z') {
      if (gap && !out.empty()) out += '<';
      gap = false;
      out += static_cast<char>(c);
    } else if (c == ' ' || c == '-' || c == ',' || c == '<' || c == '\t') {
      gap = true;
    } else if (c == '\'' || (c < 0x80 && std::ispunct(c) != 0)) {
      // dropped without a trace: D'ARTAGNAN -> DARTAGNAN
    } else {
      ++dropped;
      while (i + 1 < latin.size() && (static_cast<unsigned char>(latin[i + 1]) & 0xC0) == 0x80) ++i;  // whole character
    }
  }
  return out;
}

}  // namespace

Transliteration::Transliteration(const std::filesystem::path& mappings_dir)
    : state_(std::make_unique<detail::TranslitState>(mappings_dir)) {}
Transliteration::~Transliteration() = default;
Transliteration::Transliteration(Transliteration&&) noexcept = default;

const Transliteration& Transliteration::builtin() {
  static const Transliteration transliteration;
  return transliteration;
}

std::vector<std::string> Transliteration::schemes() const { return state_->schemes(); }

void Transliteration::add_rules(std::string_view id, std::string_view rules, std::string_view origin) {
  state_->add_rules(std::string(id), std::string(rules), origin.empty() ? std::string(id) : std::string(origin));
}

std::string Transliteration::apply(std::string_view text, std::string_view scheme) const {
  return state_->apply(text, scheme);
}

std::size_t Transliteration::compiled_transforms() const { return state_->compiled_transforms(); }

MrzName Transliteration::mrz_name(std::string_view primary, std::string_view secondary, std::size_t width,
                                  std::string_view scheme) const {
  MrzName name;
  // Other schemes (ELOT 743 for Greek, BGN/PCGN) may leave lower case and diacritics: table A finishes them.
  const bool icao = scheme.starts_with(detail::kTableScheme);
  const auto latin = [&](std::string_view text) {
    return icao ? apply(text, scheme) : apply(apply(text, scheme), detail::kTableScheme);
  };
  const std::string first = mrz_identifier(latin(primary), name.dropped);
  const std::string second = mrz_identifier(latin(secondary), name.dropped);
  name.field = second.empty() ? first : first + "<<" + second;
  if (name.field.size() > width) {
    // Cut at the width, as the example of Part 4 section 4.2 does; the flag tells the caller.
    name.field.resize(width);
    name.truncated = true;
  }
  name.field.resize(width, '<');
  return name;
}

std::string transliterate(std::string_view text, std::string_view scheme) {
  return Transliteration::builtin().apply(text, scheme);
}

}  // namespace xborder
