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
#include <vector>

#include "xborder/export.hpp"

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

class XBORDER_API Prepared {
 public:
  explicit Prepared(std::string_view name);  // throws Error for text that is not UTF-8
  std::vector<std::string> tokens() const;   // as names::tokens(name)

 private:
  friend XBORDER_API double similarity(const Prepared& a, const Prepared& b);
  std::shared_ptr<const PreparedTokens> tokens_;
};

// The same score as similarity(a, b) of the names the two were prepared from.
XBORDER_API double similarity(const Prepared& a, const Prepared& b);

}  // namespace xborder::names
