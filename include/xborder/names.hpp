#pragma once
// Names across scripts: normal form, script, a matching key that transliteration variants share, the
// plausible romanisations of a name, and a similarity score.
//
//   xborder::names::key("Мохаммед") == xborder::names::key("Muhammad")      // "MHMD"
//   xborder::names::key("Щербакова") == xborder::names::key("ŠČERBAKOVA")   // "SRBKV"
//   xborder::names::similarity("Юлия Тимошенко", "Yulia Tymoshenko")       // about 0.9
//
// Names are romanised (ICAO 9303 for Latin, Cyrillic and Arabic; ELOT 743 for Greek; ICU's Any-Latin for
// the other scripts) and compared as upper-case ASCII tokens. The key of a token is its consonant skeleton
// after folding the spellings romanisations disagree on (SHCH/ŠČ, KH/H, PH/F, W/V, X as the ICAO Arabic
// escape, doubled letters); the key of a name is its tokens' keys, sorted. Honorific titles are dropped
// (mappings/names/honorifics.txt).

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "xborder/export.hpp"

namespace xborder::detail {
struct PreparedAccess;  // the library's own view of a prepared name
}

namespace xborder::names {

struct ScriptInfo {
  std::string code;    // ISO 15924 of the letters ("Latn", "Cyrl", "Arab", "Hani", ...); "Zyyy" without letters
  bool mixed = false;  // letters of more than one script (the code is the first one's)
};

XBORDER_API ScriptInfo script(std::string_view name);

// NFKC, case-folded, honorifics removed, apostrophes and dots inside words dropped, other punctuation and
// runs of spaces as one space. Text that is not UTF-8 throws Error.
XBORDER_API std::string normalise(std::string_view name);

// The name's romanised tokens, upper-case ASCII ("IULIIA TIMOSHENKO").
XBORDER_API std::vector<std::string> tokens(std::string_view name);

// The matching key: the tokens' consonant skeletons, sorted, space-separated.
XBORDER_API std::string key(std::string_view name);

// The romanisations of the name under the schemes that apply to its script, upper-case ASCII, deduplicated,
// the ICAO 9303 form first.
XBORDER_API std::vector<std::string> variants(std::string_view name);

// In [0, 1]: 1 for the same name; about 0.9 and above for transliteration variants of one name; below 0.5
// for unrelated names. Token order does not matter.
XBORDER_API double similarity(std::string_view a, std::string_view b);

// A name romanised once, to be compared with many: similarity() of two texts romanises both on every call,
// which for scripts ICU romanises costs several microseconds a word. Matching a list against a list, prepare
// each name once and compare the prepared names. Immutable; copies share their tokens.
//
//   const names::Prepared query("Юлия Тимошенко");
//   for (const auto& candidate : prepared_watchlist) score = names::similarity(query, candidate);
struct PreparedTokens;  // defined in the library
struct Comparison;      // below

class XBORDER_API Prepared {
 public:
  explicit Prepared(std::string_view name);  // throws Error for text that is not UTF-8
  std::vector<std::string> tokens() const;   // as names::tokens(name)

 private:
  friend XBORDER_API double similarity(const Prepared& a, const Prepared& b);
  friend XBORDER_API double compare_score(const Prepared& a, const Prepared& b);
  friend struct detail::PreparedAccess;
  friend XBORDER_API Comparison compare(const Prepared& a, const Prepared& b);
  explicit Prepared(std::shared_ptr<const PreparedTokens> tokens) : tokens_(std::move(tokens)) {}
  std::shared_ptr<const PreparedTokens> tokens_;
};

// The same score as similarity(a, b) of the names the two were prepared from.
XBORDER_API double similarity(const Prepared& a, const Prepared& b);

// Whether two names name the same person, from the structure of the names (docs/matching.md). The tokens of
// the two names are aligned one to one: transliteration variants, typos (fewer allowed in short tokens),
// short forms (mappings/names/given_name_variants.csv), initials, joined and split words, in any order.
// Tokens weigh by rarity (mappings/names/token_frequencies.csv: a shared MOHAMMAD says less than a shared
// HAQQANI); particles (AL, BIN, VAN, DE, ...) and honorifics do not count. A token that finds no partner while
// the other name has one left too (a different surname, father's or given name) is strong evidence against;
// a token only one name has (a dropped middle name) costs a little. The names of fathers follow BIN/BEN/IBN
// and Slavic patronymic suffixes: a father's name never pairs with a person's own name.
//
//   names::compare("SALMAN BIN MUHAMMAD AL-RAWI", "MUHAMMAD BIN SALMAN AL-RAWI").match   // false
//   names::compare("Putin, Vladimir", "Владимир Путин").match                             // true
inline constexpr double kMatchThreshold = 0.7;  // fixed before the held-out evaluation

struct Comparison {
  double score = 0.0;                    // in [0, 1]
  bool match = false;                    // score >= kMatchThreshold
  std::vector<std::string> explanation;  // the aligned tokens and what weighed, one line each
};

XBORDER_API Comparison compare(std::string_view a, std::string_view b);  // throws Error for text not UTF-8
XBORDER_API Comparison compare(const Prepared& a, const Prepared& b);
// The score alone, without building the explanation (screening compares many names).
XBORDER_API double compare_score(const Prepared& a, const Prepared& b);

}  // namespace xborder::names
