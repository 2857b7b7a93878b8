#include "xborder/names.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/mapping_store.hpp"
#include "core/utf8.hpp"
#include "text/name_tokens.hpp"
#include "text/normalizers.hpp"
#include "text/string_metrics.hpp"
#include "text/word_cache.hpp"
#include "xborder/diagnostics.hpp"
#include "xborder/text.hpp"

namespace xborder::names {
namespace {

icu::UnicodeString unicode(std::string_view utf8) {
  if (!detail::is_valid_utf8(utf8)) throw Error("names: the text is not UTF-8");
  return icu::UnicodeString::fromUTF8(utf8);
}

const std::set<std::string, std::less<>>& honorifics() {
  static const auto words = [] {
    std::set<std::string, std::less<>> out;
    const auto text = detail::MappingStore().load("names/honorifics.txt");
    if (!text) return out;
    std::size_t at = 0;
    while (at < text->size()) {
      const auto end = std::min(text->find('\n', at), text->size());
      const std::string line = text->substr(at, end - at);
      if (!line.empty() && line[0] != '#') out.insert(line);
      at = end + 1;
    }
    return out;
  }();
  return words;
}

// The scheme that romanises a script best for matching.
std::string_view scheme_for(UScriptCode script) {
  switch (script) {
    case USCRIPT_LATIN:
    case USCRIPT_CYRILLIC:
    case USCRIPT_ARABIC:
    case USCRIPT_COMMON:
    case USCRIPT_INHERITED:
      return "icao9303";
    case USCRIPT_GREEK:
      return "elot743";
    default:
      return "ascii";  // ICU's Any-Latin; Latin-ASCII
  }
}

UScriptCode first_script(const icu::UnicodeString& text, bool* mixed = nullptr) {
  UScriptCode found = USCRIPT_COMMON;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    const UChar32 c = text.char32At(i);
    if (!u_isalpha(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(c, &status);
    if (U_FAILURE(status) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED) continue;
    if (found == USCRIPT_COMMON) {
      found = script;
    } else if (script != found && mixed != nullptr) {
      *mixed = true;
    }
  }
  return found;
}

// Folds the spellings romanisations disagree on, drops vowels after the first letter and doubled letters.
std::string skeleton(std::string token, bool arabic) {
  static constexpr std::pair<std::string_view, std::string_view> kFolds[] = {
      {"SHCH", "S"}, {"SCH", "S"}, {"SCE", "SE"}, {"SCI", "SI"}, {"SH", "S"}, {"CH", "C"}, {"ZH", "J"},
      {"KH", "H"},   {"PH", "F"},  {"TH", "T"},   {"DH", "D"},   {"GH", "G"}, {"TS", "C"}, {"TZ", "C"},
      {"CK", "K"},   {"CZ", "C"},  {"SZ", "S"},   {"Q", "K"},    {"W", "V"}};
  if (arabic) {
    token.erase(std::remove(token.begin(), token.end(), 'X'), token.end());  // ICAO's escape letter
  } else {
    for (std::size_t at = 0; (at = token.find('X', at)) != std::string::npos; at += 2) token.replace(at, 1, "KS");
  }
  std::string folded;
  for (std::size_t i = 0; i < token.size();) {
    bool matched = false;
    for (const auto& [from, to] : kFolds) {
      if (token.compare(i, from.size(), from) == 0) {
        folded += to;
        i += from.size();
        matched = true;
        break;
      }
    }
    if (!matched) folded += token[i++];
  }
  const auto is_vowel = [&](std::size_t i) {
    return i < folded.size() && std::string_view("AEIOUYJ").find(folded[i]) != std::string_view::npos;
  };
  std::string out;
  for (std::size_t i = 0; i < folded.size(); ++i) {
    const char c = folded[i];
    const bool vowel = is_vowel(i);
    if (c == 'H' && i > 0 && is_vowel(i - 1) && !is_vowel(i + 1)) continue;  // silent: JOHN, SARAH
    if (i == 0) {
      out += vowel ? 'A' : c;  // a leading vowel or glide: I, Y, J, IU, YU, JU all begin the same
    } else if (!vowel && out.back() != c) {
      out += c;
    }
  }
  return out;
}

std::string ascii_letters(std::string_view latin) {
  std::string token;
  for (const char c : latin) {
    if (c >= 'A' && c <= 'Z') token += c;
    else if (c >= 'a' && c <= 'z') token += static_cast<char>(c - 'a' + 'A');
  }
  return token;
}


// ASCII text as normalise() makes it, without ICU: NFKC and case folding of ASCII are lower case.
std::string normalise_ascii(std::string_view name) {
  std::string words, word;
  const auto flush = [&] {
    if (word.empty()) return;
    if (honorifics().count(word) == 0) {
      if (!words.empty()) words += ' ';
      words += word;
    }
    word.clear();
  };
  for (const char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if ((c == '\'' || c == '.') && !word.empty()) {
      // inside a word, as normalise() drops them
    } else {
      flush();
    }
  }
  flush();
  return words;
}

// The skeleton and sound of an ASCII token, kept per thread for the tokens list names repeat.
const std::pair<std::string, std::string>& ascii_forms(const std::string& token) {
  thread_local detail::WordCache<std::pair<std::string, std::string>> cache;
  return cache.get(token, [&] { return std::pair{skeleton(token, false), detail::phonetic_form(token, false)}; });
}

std::vector<detail::NameToken> romanised(std::string_view name) {
  if (detail::is_ascii(name)) {
    // Latin letters of ASCII romanise to themselves (upper case): the common case of lists, without ICU.
    std::vector<detail::NameToken> out;
    const std::string normal = normalise_ascii(name);
    out.reserve(static_cast<std::size_t>(std::count(normal.begin(), normal.end(), ' ')) + 1);
    for (std::size_t at = 0; at < normal.size();) {
      const auto end = std::min(normal.find(' ', at), normal.size());
      const std::string_view word = std::string_view(normal).substr(at, end - at);
      at = end + 1;
      std::string token = ascii_letters(word);
      if (token.empty()) continue;
      const auto& [key, sound] = ascii_forms(token);
      out.push_back({std::move(token), "", key, sound, std::string(word), false, false, true});
    }
    return out;
  }
  const std::string normal = normalise(name);
  const UScriptCode script = first_script(unicode(normal));
  const std::string_view scheme = scheme_for(script);
  const auto& transliteration = Transliteration::builtin();
  // One token per word of the name: romanisations that space out syllables (Han-Latin) or mark long vowels
  // with a hyphen (Katakana) stay one token.
  std::vector<detail::NameToken> out;
  for (std::size_t at = 0; at < normal.size();) {
    const auto end = std::min(normal.find(' ', at), normal.size());
    const std::string_view word = std::string_view(normal).substr(at, end - at);
    at = end + 1;
    const std::string token = ascii_letters(
        scheme == "icao9303" ? transliteration.apply(word, scheme)
                             : transliteration.apply(transliteration.apply(word, scheme), "icao9303"));
    if (token.empty()) continue;
    std::string alternative;
    if (script != USCRIPT_LATIN && scheme == "icao9303") {
      alternative = ascii_letters(transliteration.apply(word, "ascii"));
      if (alternative == token) alternative.clear();
    }
    const bool arabic = script == USCRIPT_ARABIC;
    out.push_back({token, std::move(alternative), skeleton(token, arabic), detail::phonetic_form(token, arabic),
                   std::string(word), script == USCRIPT_HAN, arabic,
                   script == USCRIPT_LATIN || script == USCRIPT_COMMON});
  }
  return out;
}

}  // namespace

ScriptInfo script(std::string_view name) {
  if (detail::is_ascii(name)) {  // most names a list holds: Latin if they have a letter
    const bool letters = std::any_of(name.begin(), name.end(), [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; });
    return {uscript_getShortName(letters ? USCRIPT_LATIN : USCRIPT_COMMON), false};
  }
  bool mixed = false;
  const UScriptCode code = first_script(unicode(name), &mixed);
  return {uscript_getShortName(code), mixed};
}

std::string normalise(std::string_view name) {
  if (detail::is_ascii(name)) return normalise_ascii(name);
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString folded = detail::normalizer(detail::Normalization::nfkc_casefold).normalize(unicode(name), status);
  if (U_FAILURE(status)) throw Error("names: the text cannot be normalised");
  std::string words;
  icu::UnicodeString word;
  const auto flush = [&] {
    if (word.isEmpty()) return;
    std::string utf8;
    word.toUTF8String(utf8);
    word.remove();
    if (honorifics().count(utf8) > 0) return;
    if (!words.empty()) words += ' ';
    words += utf8;
  };
  for (int32_t i = 0; i < folded.length(); i = folded.moveIndex32(i, 1)) {
    const UChar32 c = folded.char32At(i);
    if (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0) {
      word.append(c);
    } else if ((c == '\'' || c == 0x2019 || c == 0x02BC || c == '.') && !word.isEmpty()) {
      // inside a word: O'Brien, U.S.A. -> obrien, usa (a trailing dot ends an initial: dropped too)
    } else {
      flush();
    }
  }
  flush();
  return words;
}

Prepared::Prepared(std::string_view name) : tokens_(detail::prepare_tokens(name)) {}

std::vector<std::string> Prepared::tokens() const {
  std::vector<std::string> out;
  for (const auto& token : tokens_->tokens) out.push_back(token.latin);
  return out;
}

std::vector<std::string> tokens(std::string_view name) { return Prepared(name).tokens(); }

std::string key(std::string_view name) {
  std::vector<std::string> keys;
  for (auto& token : romanised(name)) keys.push_back(std::move(token.key));
  std::sort(keys.begin(), keys.end());
  std::string out;
  for (const auto& k : keys) out += (out.empty() ? "" : " ") + k;
  return out;
}

std::vector<std::string> variants(std::string_view name) {
  const std::string normal = normalise(name);
  const UScriptCode script = first_script(unicode(normal));
  std::vector<std::string_view> schemes{"icao9303"};
  if (script == USCRIPT_CYRILLIC) {
    schemes.insert(schemes.end(), {"icao9303-uk", "icao9303-be", "icao9303-bg", "icao9303-sr", "bgn-pcgn-ru",
                                   "bgn-pcgn-uk", "ua-kmu55", "iso9"});
  } else if (script == USCRIPT_LATIN) {
    schemes.insert(schemes.end(), {"icao9303-latin-base", "icao9303-latin-reversible"});
  } else if (script != USCRIPT_ARABIC) {
    schemes = {scheme_for(script)};
  }
  const auto& transliteration = Transliteration::builtin();
  std::vector<std::string> out;
  for (const auto scheme : schemes) {
    std::string latin = transliteration.apply(transliteration.apply(normal, scheme), "icao9303");
    std::string ascii;
    for (const char c : latin) {
      if ((c >= 'A' && c <= 'Z') || c == ' ') ascii += c;
    }
    if (!ascii.empty() && std::find(out.begin(), out.end(), ascii) == out.end()) out.push_back(std::move(ascii));
  }
  return out;
}

// Fixed before measuring on the shared name pairs (tests/text/names_test.cpp), not fitted to them.
constexpr double kSoundWeight = 0.9;

double similarity(std::string_view a, std::string_view b) { return similarity(Prepared(a), Prepared(b)); }

double similarity(const Prepared& a, const Prepared& b) {
  const std::vector<detail::NameToken>& left = a.tokens_->tokens;
  const std::vector<detail::NameToken>& right = b.tokens_->tokens;
  if (left.empty() || right.empty()) return left.empty() && right.empty() ? 1.0 : 0.0;
  // Each token's best match on the other side: spelling (Jaro-Winkler), the skeleton transliteration variants
  // share, or sound; averaged over both sides, so that extra names on one side cost. A pair scores the same
  // from either side, so each is scored once.
  const auto score = [](const detail::NameToken& token, const detail::NameToken& other) {
    double pair = 0.0;
    for (const std::string* left : {&token.latin, &token.alternative}) {
      for (const std::string* right : {&other.latin, &other.alternative}) {
        if (!left->empty() && !right->empty()) pair = std::max(pair, detail::jaro_winkler(*left, *right));
      }
    }
    // A key of one consonant (AL: Ali, Yulia, Ola) is shared by too many names to count as evidence.
    const bool distinctive = token.key.size() - (token.key.starts_with('A') ? 1 : 0) >= 2;
    if (token.key == other.key && distinctive) pair = std::max(pair, 0.9 + 0.1 * pair);
    // Weighed below spelling: sounding alike is weaker evidence than being spelt alike.
    return std::max(pair, kSoundWeight * detail::phonetic_similarity(token.sound, other.sound));
  };
  std::vector<double> best_left(left.size(), 0.0), best_right(right.size(), 0.0);
  for (std::size_t i = 0; i < left.size(); ++i) {
    for (std::size_t j = 0; j < right.size(); ++j) {
      const double pair = score(left[i], right[j]);
      best_left[i] = std::max(best_left[i], pair);
      best_right[j] = std::max(best_right[j], pair);
    }
  }
  double total = 0.0;
  for (const double best : best_left) total += best;
  for (const double best : best_right) total += best;
  return total / static_cast<double>(left.size() + right.size());
}

}  // namespace xborder::names

namespace xborder::detail {

std::vector<NameToken> romanised(std::string_view name) { return names::romanised(name); }

std::string token_key(std::string_view token, bool arabic) { return names::skeleton(std::string(token), arabic); }

double jaro_winkler(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  const std::size_t window = std::max<std::size_t>(std::max(a.size(), b.size()) / 2, 1) - 1;
  std::vector<bool> a_matched(a.size()), b_matched(b.size());
  std::size_t matches = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::size_t from = i > window ? i - window : 0, to = std::min(b.size(), i + window + 1);
    for (std::size_t j = from; j < to; ++j) {
      if (!b_matched[j] && a[i] == b[j]) {
        a_matched[i] = b_matched[j] = true;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  std::size_t transpositions = 0;
  for (std::size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!a_matched[i]) continue;
    while (!b_matched[j]) ++j;
    if (a[i] != b[j]) ++transpositions;
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double jaro = (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) +
                       (m - static_cast<double>(transpositions) / 2.0) / m) / 3.0;
  std::size_t prefix = 0;
  while (prefix < 4 && prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * 0.1 * (1.0 - jaro);
}

namespace {

constexpr bool is_vowel(char c) { return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y'; }

inline float insertion_cost(char c) { return is_vowel(c) || c == 'H' ? 0.35F : 1.0F; }

// Letters romanisations confuse, in groups; per letter, a bit for each group it is in (the cost matrix asks
// for every pair of letters, so the groups are looked up, not searched).
constexpr std::array<std::uint16_t, 256> kSoundGroups = [] {
  constexpr std::string_view groups[] = {"BPFVW", "KGQCX", "TD", "LR", "MN", "SZCJX", "JY", "WUOV", "HKX"};
  std::array<std::uint16_t, 256> bits{};
  for (std::size_t g = 0; g < std::size(groups); ++g) {
    for (const char c : groups[g]) bits[static_cast<unsigned char>(c)] |= static_cast<std::uint16_t>(1U << g);
  }
  return bits;
}();

inline float substitution_cost(char a, char b) {
  if (a == b) return 0.0F;
  if (is_vowel(a) && is_vowel(b)) return 0.3F;
  if ((kSoundGroups[static_cast<unsigned char>(a)] & kSoundGroups[static_cast<unsigned char>(b)]) != 0) return 0.4F;
  return 1.0F;
}

}  // namespace

std::string phonetic_form(std::string_view token, bool arabic) {
  static constexpr std::pair<std::string_view, std::string_view> kFolds[] = {
      {"SHCH", "S"}, {"SCH", "S"}, {"SH", "S"}, {"CH", "C"}, {"ZH", "J"}, {"KH", "K"}, {"PH", "F"},
      {"TH", "T"},   {"DH", "D"},  {"GH", "G"}, {"TS", "C"}, {"TZ", "C"}, {"CK", "K"}};
  std::string out;
  for (std::size_t i = 0; i < token.size();) {
    if (arabic && token[i] == 'X') {
      ++i;
      continue;
    }
    std::string_view letters = token.substr(i, 1);
    std::size_t used = 1;
    for (const auto& [from, to] : kFolds) {
      if (token.substr(i, from.size()) == from) {
        letters = to;
        used = from.size();
        break;
      }
    }
    i += used;
    for (const char c : letters) {
      if (out.empty() || out.back() != c) out += c;
    }
  }
  return out;
}

namespace {

// Rows of the cost matrices (and of one side's insertion costs): on the stack for names (tokens are short),
// on the heap beyond.
class Rows {
 public:
  Rows(std::size_t count, std::size_t length) : count_(count), length_(length) {
    if (count * length > kOnStack) heap_.resize(count * length);
    std::fill_n(data(), count * length, 0.0F);
  }
  float* row(std::size_t i) { return data() + i * length_; }

 private:
  static constexpr std::size_t kOnStack = 4 * 65;
  float* data() { return heap_.empty() ? stack_.data() : heap_.data(); }
  std::size_t count_, length_;
  std::array<float, kOnStack> stack_;
  std::vector<float> heap_;
};

}  // namespace

double phonetic_similarity(std::string_view a, std::string_view b) {
  // Floating-point sums depend on their order: the two spellings are taken in one order, so that the score is
  // the same whichever comes first.
  if (b < a) std::swap(a, b);
  // Two rows of the cost matrix; names are short, and a long one costs no more than its length squared.
  Rows rows(3, b.size() + 1);
  float* previous = rows.row(0);
  float* current = rows.row(1);
  float* insert_b = rows.row(2);  // [j]: the cost of inserting b[j - 1]
  float worst = 0.0F;
  for (std::size_t j = 1; j <= b.size(); ++j) {
    insert_b[j] = insertion_cost(b[j - 1]);
    previous[j] = previous[j - 1] + insert_b[j];
  }
  worst += previous[b.size()];
  for (std::size_t i = 1; i <= a.size(); ++i) {
    const float insert_a = insertion_cost(a[i - 1]);
    current[0] = previous[0] + insert_a;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      current[j] = std::min({previous[j] + insert_a, current[j - 1] + insert_b[j],
                             previous[j - 1] + substitution_cost(a[i - 1], b[j - 1])});
    }
    std::swap(previous, current);
  }
  for (const char c : a) worst += insertion_cost(c);
  return worst == 0.0F ? 1.0 : 1.0 - static_cast<double>(previous[b.size()] / worst);
}

double edit_cost(std::string_view a, std::string_view b) {
  if (b < a) std::swap(a, b);  // as phonetic_similarity: one order, one sum
  // Three rows (a transposition looks two back); names are short, a long one costs its length squared.
  Rows rows(4, b.size() + 1);
  float* before = rows.row(0);
  float* previous = rows.row(1);
  float* current = rows.row(2);
  float* insert_b = rows.row(3);  // [j]: the cost of inserting b[j - 1]
  for (std::size_t j = 1; j <= b.size(); ++j) {
    insert_b[j] = insertion_cost(b[j - 1]);
    previous[j] = previous[j - 1] + insert_b[j];
  }
  for (std::size_t i = 1; i <= a.size(); ++i) {
    const float insert_a = insertion_cost(a[i - 1]);
    current[0] = previous[0] + insert_a;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      float cost = std::min({previous[j] + insert_a, current[j - 1] + insert_b[j],
                             previous[j - 1] + substitution_cost(a[i - 1], b[j - 1])});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && a[i - 1] != b[j - 1]) {
        cost = std::min(cost, before[j - 2] + 0.5F);  // two letters swapped: a typo, not two
      }
      current[j] = cost;
    }
    const auto used = before;
    before = previous;
    previous = current;
    current = used;
  }
  return static_cast<double>(previous[b.size()]);
}

}  // namespace xborder::detail
