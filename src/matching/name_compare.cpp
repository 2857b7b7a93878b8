// Structured name comparison (names::compare): token alignment with roles, weights by rarity, conflicts.
// docs/matching.md explains the score; the constants below were set from the rules, then checked on the dev
// pairs of ../shared/reference/names/ (tests/matching/name_compare_test.cpp).

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <set>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/data_table.hpp"
#include "core/mapping_store.hpp"
#include "text/name_tokens.hpp"
#include "text/string_metrics.hpp"
#include "text/word_cache.hpp"
#include "xborder/names.hpp"

namespace xborder::detail {
namespace {

constexpr std::size_t kMaxTokens = 24;       // hostile input: more words than any name has are ignored
constexpr std::size_t kMaxTokenLength = 48;  // ... and letters beyond (token pairs cost length squared)
constexpr double kAgree = 0.78;              // a token pair at or above agrees; below, it is no partner
constexpr double kExtraCost = 0.45;          // a token only one name has weighs this much against
constexpr double kConflictFactor = 0.45;     // each pair of partnerless tokens on both sides multiplies by this
constexpr double kConflictSimilarity = 0.5;  // how much of a conflicting pair's likeness still counts
constexpr float kInitialWeight = 0.3F;

// Words that join names rather than name anyone (Arabic article and filiation, European particles).
bool is_particle(std::string_view latin) {
  static const std::set<std::string, std::less<>> kParticles = {
      "AL", "EL", "UL", "UD", "UR", "AD", "AS", "ASH", "AN", "AT", "AZ", "BIN", "BEN", "IBN", "BINT", "BINTI", "BT",
      "DA", "DE", "DI", "DO", "DOS", "DAS", "DEL", "DELLA", "DER", "DEN", "DU", "LA", "LE", "VAN", "VON", "TER"};
  return kParticles.count(latin) > 0;
}

bool is_filiation(std::string_view latin) {
  return latin == "BIN" || latin == "BEN" || latin == "IBN" || latin == "BINT" || latin == "BINTI";
}

// Patronymics by suffix: Russian, Ukrainian, Belarusian, Turkic.
bool is_patronymic(std::string_view latin) {
  static constexpr std::string_view kSuffixes[] = {"OVICH", "EVICH", "OVITCH", "EVITCH", "IEVICH", "OVNA",
                                                   "EVNA",  "ICHNA", "OVYCH",  "EVYCH",  "OGLU",   "OGLY", "KYZY"};
  if (latin.size() < 7) return false;
  return std::any_of(std::begin(kSuffixes), std::end(kSuffixes),
                     [&](std::string_view suffix) { return latin.ends_with(suffix); });
}

// Token frequencies by skeleton key (spellings of one name share their count), as weights in (0, 1].
const std::unordered_map<std::string, float>& rarity() {
  static const auto weights = [] {
    std::unordered_map<std::string, float> out;
    const DataTable table = DataTable::load(MappingStore(), "names/token_frequencies.csv");
    const std::size_t token = table.require("token"), count = table.require("count");
    const auto names_it = table.metadata.find("names");
    const double names = names_it == table.metadata.end() ? 1000.0 : std::max(2.0, std::stod(names_it->second));
    std::unordered_map<std::string, double> counts;
    for (const auto& row : table.rows) counts[token_key(row[token])] += std::stod(row[count]);
    for (const auto& [key, n] : counts) {
      const double weight = 1.0 - std::log1p(n) / std::log1p(names);
      out[key] = static_cast<float>(std::clamp(weight, 0.15, 1.0));
    }
    return out;
  }();
  return weights;
}

// Short forms and cognates: each name of the table numbered, and the pairs of numbers that name one person.
struct VariantTable {
  std::unordered_map<std::string, int> ids;
  std::unordered_set<std::uint64_t> pairs;
  static std::uint64_t pair(int a, int b) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(a)) << 32) | static_cast<std::uint32_t>(b);
  }
};

const VariantTable& variants() {
  static const auto table = [] {
    VariantTable out;
    const DataTable data = DataTable::load(MappingStore(), "names/given_name_variants.csv");
    const std::size_t name = data.require("name"), variant = data.require("variant");
    const auto id = [&](const std::string& text) {
      return out.ids.emplace(text, static_cast<int>(out.ids.size())).first->second;
    };
    for (const auto& row : data.rows) {
      const int a = id(row[name]), b = id(row[variant]);
      out.pairs.insert(VariantTable::pair(a, b));
      out.pairs.insert(VariantTable::pair(b, a));
    }
    return out;
  }();
  return table;
}

// `key` and `sound` of `latin` when the caller has them (a romanised token), else computed here.
CompareToken make_token(std::string latin, std::string alternative, std::string native, bool arabic,
                        bool ideographic, bool latin_script, const NameToken* forms = nullptr) {
  CompareToken out;
  out.sound = forms != nullptr ? forms->sound : phonetic_form(latin, arabic);
  out.key = forms != nullptr ? forms->key : token_key(latin, arabic);
  if (!alternative.empty() || !latin_script) {
    auto extra = std::make_shared<CompareToken::Extra>();
    if (!alternative.empty()) extra->alternative_sound = phonetic_form(alternative, arabic);
    extra->alternative = std::move(alternative);
    extra->native = std::move(native);
    out.extra = std::move(extra);
  }
  out.latin = std::move(latin);
  out.latin_script = latin_script;
  out.ideographic = ideographic;
  out.arabic = arabic;
  const auto& table = variants();
  if (const auto found = table.ids.find(out.latin); found != table.ids.end()) out.variant = found->second;
  out.particle = is_particle(out.latin);
  if (out.particle) {
    out.weight = 0.0F;
  } else if (out.latin.size() == 1) {
    out.weight = kInitialWeight;
  } else {
    const auto& table = rarity();
    const auto it = table.find(out.key);
    out.weight = it == table.end() ? 1.0F : it->second;
  }
  return out;
}

// Fathers' names: the word after BIN/BEN/IBN (the k-th filiation word names generation k) and the word just
// before the first one (the person's own name); Slavic patronymics by suffix.
void assign_generations(std::span<CompareToken> tokens) {
  int filiations = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!is_filiation(tokens[i].latin) || i + 1 >= tokens.size()) continue;
    // BEN first is a given name (Ben Netanyahu); BIN first opens a name given by the father alone
    if (i == 0 && tokens[i].latin == "BEN") {
      tokens[i].particle = false;
      tokens[i].weight = 1.0F;
      continue;
    }
    ++filiations;
    std::size_t next = i + 1;
    while (next < tokens.size() && tokens[next].particle) ++next;
    if (next < tokens.size()) tokens[next].generation = filiations;
    if (filiations == 1) {
      std::size_t before = i;
      while (before > 0 && tokens[before - 1].particle) --before;
      if (before > 0 && tokens[before - 1].generation < 0) tokens[before - 1].generation = 0;
    }
  }
  for (auto& token : tokens) {
    if (token.generation < 0 && is_patronymic(token.latin)) token.generation = 1;
  }
}

struct PairScore {
  double score = 0.0;
  const char* why = "";
};

PairScore token_similarity(const CompareToken& a, const CompareToken& b, bool cross_script) {
  if (a.generation >= 0 && b.generation >= 0 && a.generation != b.generation) return {0.0, "different generation"};
  if (a.particle || b.particle) return {a.latin == b.latin ? 1.0 : 0.0, "particle"};
  if (a.ideographic && b.ideographic) return {a.native() == b.native() ? 1.0 : 0.0, "character"};
  const auto same = [](const std::string& x, const std::string& y) { return !x.empty() && x == y; };
  if (same(a.latin, b.latin) || same(a.latin, b.alternative()) || same(a.alternative(), b.latin) ||
      same(a.alternative(), b.alternative())) {
    return {1.0, "same"};
  }
  if (a.latin.size() == 1 || b.latin.size() == 1) {
    return {a.latin[0] == b.latin[0] ? 0.9 : 0.0, "initial"};
  }
  // one step only: TED - EDWARD and TED - THEODORE do not make EDWARD THEODORE
  if (a.variant >= 0 && b.variant >= 0 && variants().pairs.count(VariantTable::pair(a.variant, b.variant)) > 0) {
    return {0.9, "name variant"};
  }
  PairScore best;
  // A consonant skeleton of two letters or more that transliteration variants share (MHMD).
  const bool distinctive = a.key.size() - (a.key.starts_with('A') ? 1 : 0) >= 2;
  if (distinctive && a.key == b.key) best = {0.92, "transliteration"};
  // Typos: a weighted edit cost against the length; the same cost weighs more in a short token.
  for (const std::string* x : {&a.sound, &a.alternative_sound()}) {
    for (const std::string* y : {&b.sound, &b.alternative_sound()}) {
      if (x->empty() || y->empty()) continue;
      const double length = static_cast<double>(std::max(x->size(), y->size()));
      // Each letter one has more costs at least an insertion (0.35, a little less for float sums): a pair that
      // cannot beat the best is not computed.
      const auto longer_by = static_cast<double>(std::max(x->size(), y->size()) - std::min(x->size(), y->size()));
      if (1.0 - 0.349 * longer_by / length > best.score) {
        const double typed = 1.0 - edit_cost(*x, *y) / length;
        if (typed > best.score) best = {typed, x->size() == a.latin.size() && *x == *y ? "same sound" : "spelling"};
      }
      if (cross_script && best.score < 0.92) {
        // Across scripts the sound is the evidence: vowels the script does not write come and go.
        const double sound = 0.92 * phonetic_similarity(*x, *y);
        if (sound > best.score) best = {sound, "sound"};
      }
    }
  }
  return best;
}

struct Alignment {
  struct Pair {
    int a = -1, b = -1;  // -1: no partner on that side
    PairScore score;
    enum Kind { kAgree, kConflict, kExtra } kind = kExtra;
  };
  std::vector<Pair> pairs;
  double score = 0.0;
  int conflicts = 0;
  double agreement = 0.0, coverage = 0.0;
  std::vector<const CompareToken*> a, b;  // the tokens aligned (split words joined, Han names by character)
  std::vector<CompareToken> storage;      // joined words and characters that a and b point to
};

using Side = std::vector<const CompareToken*>;

// Joins two neighbouring tokens of `side` that one token of `other` spells as one word (SERGEILAVROV,
// AL RAWI / ALRAWI, PATR USHEV). Joined tokens live in `storage` (reserved: pointers stay valid).
void join_split_words(Side& side, const Side& other, std::vector<CompareToken>& storage) {
  for (std::size_t i = 0; i + 1 < side.size(); ++i) {
    const std::size_t size = side[i]->latin.size() + side[i + 1]->latin.size();
    const bool found = std::any_of(other.begin(), other.end(), [&](const CompareToken* token) {
      const std::size_t length = std::max(size, token->latin.size());
      if (token->latin.size() < 4 || token->latin[0] != side[i]->latin[0] ||
          (size > token->latin.size() ? size - token->latin.size() : token->latin.size() - size) * 10 > length ||
          token->latin == side[i]->latin || token->latin == side[i + 1]->latin) {
        return false;
      }
      return edit_cost(side[i]->latin + side[i + 1]->latin, token->latin) / static_cast<double>(length) <= 0.1;
    });
    if (!found || storage.size() == storage.capacity()) continue;
    const int generation = std::max(side[i]->generation, side[i + 1]->generation);
    storage.push_back(make_token(side[i]->latin + side[i + 1]->latin, "", side[i]->native() + side[i + 1]->native(),
                                 side[i]->arabic, false, side[i]->latin_script));
    storage.back().generation = generation;
    side[i] = &storage.back();
    side.erase(side.begin() + static_cast<std::ptrdiff_t>(i) + 1);
  }
}

// Splits each token of `side` into its characters, stored in `storage` (the caller has made room for all).
void characters(Side& side, std::vector<CompareToken>& storage) {
  Side out;
  for (const auto* token : side) {
    const std::string& native = token->native();
    for (std::size_t at = 0; at < native.size();) {
      std::size_t length = 1;
      const auto lead = static_cast<unsigned char>(native[at]);
      if (lead >= 0xF0) length = 4;
      else if (lead >= 0xE0) length = 3;
      else if (lead >= 0xC0) length = 2;
      storage.push_back(*token);
      auto extra = token->extra ? std::make_shared<CompareToken::Extra>(*token->extra) : std::make_shared<CompareToken::Extra>();
      extra->native = native.substr(at, length);
      storage.back().extra = std::move(extra);
      out.push_back(&storage.back());
      at += length;
    }
  }
  side = std::move(out);
}

Alignment align(std::span<const CompareToken> left, std::span<const CompareToken> right) {
  Alignment out;
  out.storage.reserve(2 * kMaxTokens + 2);
  auto& a = out.a;
  auto& b = out.b;
  for (const auto& token : left) a.push_back(&token);
  for (const auto& token : right) b.push_back(&token);
  const auto all_ideographic = [](const Side& side) {
    return std::all_of(side.begin(), side.end(), [](const auto* t) { return t->ideographic; });
  };
  const auto character_count = [](const Side& side) {
    std::size_t count = 0;
    for (const auto* token : side) {
      for (const char c : token->native()) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }
    return count;
  };
  if (!a.empty() && !b.empty() && all_ideographic(a) && all_ideographic(b)) {
    // Each Han character is a morpheme of the name: one character different is a different name. Names longer
    // than any real one stay in words, whichever comes first.
    if (character_count(a) + character_count(b) <= out.storage.capacity()) {
      characters(a, out.storage);
      characters(b, out.storage);
    }
  } else {
    // Each side joins against the other as given: joining against an already joined side would make the
    // result depend on which name came first.
    const Side given_a = a;
    join_split_words(a, b, out.storage);
    join_split_words(b, given_a, out.storage);
  }
  const auto latin_only = [](const Side& side) {
    return std::all_of(side.begin(), side.end(), [](const auto* t) { return t->latin_script; });
  };
  // Names in one Latin spelling each compare by spelling; across scripts by sound too.
  const bool cross_script = !(latin_only(a) && latin_only(b));
  struct Candidate {
    double score;
    std::size_t i, j;
    PairScore pair;
  };
  thread_local std::vector<Candidate> candidates;
  candidates.clear();
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t j = 0; j < b.size(); ++j) {
      if (a[i]->particle != b[j]->particle) continue;
      const PairScore pair = token_similarity(*a[i], *b[j], cross_script);
      // weight breaks ties: a rare token takes its partner first
      candidates.push_back({pair.score, i, j, pair});
    }
  }
  // Equal scores are ordered by the two tokens' spellings, whichever name each is in: the alignment must not
  // depend on which name came first.
  const auto spellings = [&](const Candidate& c) {
    const std::string& x = a[c.i]->latin;
    const std::string& y = b[c.j]->latin;
    return x < y ? std::tie(x, y) : std::tie(y, x);
  };
  std::stable_sort(candidates.begin(), candidates.end(), [&](const Candidate& x, const Candidate& y) {
    if (x.score != y.score) return x.score > y.score;
    return spellings(x) < spellings(y);
  });
  std::array<bool, 2 * kMaxTokens + 2> used_a{}, used_b{};
  for (const auto& c : candidates) {
    if (used_a[c.i] || used_b[c.j] || c.score < kAgree) continue;
    used_a[c.i] = used_b[c.j] = true;
    out.pairs.push_back({static_cast<int>(c.i), static_cast<int>(c.j), c.pair, Alignment::Pair::kAgree});
  }
  // Tokens left on both sides pair up as conflicts, best first; the rest are extras.
  for (const auto& c : candidates) {
    if (used_a[c.i] || used_b[c.j] || a[c.i]->particle || b[c.j]->particle) continue;
    used_a[c.i] = used_b[c.j] = true;
    out.pairs.push_back({static_cast<int>(c.i), static_cast<int>(c.j), c.pair, Alignment::Pair::kConflict});
  }
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (!used_a[i] && !a[i]->particle) out.pairs.push_back({static_cast<int>(i), -1, {}, Alignment::Pair::kExtra});
  }
  for (std::size_t j = 0; j < b.size(); ++j) {
    if (!used_b[j] && !b[j]->particle) out.pairs.push_back({-1, static_cast<int>(j), {}, Alignment::Pair::kExtra});
  }
  double agreed = 0.0, agreed_weight = 0.0, extra_weight = 0.0, conflict_score = 0.0, conflict_weight = 0.0;
  for (const auto& pair : out.pairs) {
    const double wa = pair.a >= 0 ? a[pair.a]->weight : 0.0, wb = pair.b >= 0 ? b[pair.b]->weight : 0.0;
    switch (pair.kind) {
      case Alignment::Pair::kAgree:
        agreed += (wa + wb) / 2 * pair.score.score;
        agreed_weight += (wa + wb) / 2;
        break;
      case Alignment::Pair::kConflict:
        conflict_score += (wa + wb) / 2 * pair.score.score * kConflictSimilarity;
        conflict_weight += (wa + wb) / 2;
        ++out.conflicts;
        break;
      case Alignment::Pair::kExtra:
        extra_weight += wa + wb;
        break;
    }
  }
  const double compared = agreed_weight + conflict_weight;
  if (compared <= 0.0) return out;
  out.agreement = (agreed + conflict_score) / compared;
  out.coverage = compared / (compared + kExtraCost * extra_weight);
  out.score = out.agreement * out.coverage * std::pow(kConflictFactor, out.conflicts);
  out.score = std::min(out.score, 1.0);
  return out;
}

std::string format_score(double score) {
  char text[16];
  std::snprintf(text, sizeof text, "%.2f", score);
  return text;
}

std::vector<std::string> explain(const Alignment& alignment) {
  std::vector<std::string> out;
  const auto& a = alignment.a;
  const auto& b = alignment.b;
  for (const auto& pair : alignment.pairs) {
    switch (pair.kind) {
      case Alignment::Pair::kAgree:
        out.push_back(a[pair.a]->latin + " = " + b[pair.b]->latin + ": " + pair.score.why + " " +
                      format_score(pair.score.score) + ", weight " + format_score((a[pair.a]->weight + b[pair.b]->weight) / 2));
        break;
      case Alignment::Pair::kConflict:
        out.push_back(a[pair.a]->latin + " / " + b[pair.b]->latin + ": different names (" + pair.score.why + " " +
                      format_score(pair.score.score) + "), score x " + format_score(kConflictFactor));
        break;
      case Alignment::Pair::kExtra: {
        const auto& token = pair.a >= 0 ? *a[pair.a] : *b[pair.b];
        out.push_back(token.latin + ": only in the " + (pair.a >= 0 ? "first" : "second") + " name, weight " +
                      format_score(token.weight));
        break;
      }
    }
  }
  out.push_back("score " + format_score(alignment.score) + " = agreement " + format_score(alignment.agreement) +
                " x coverage " + format_score(alignment.coverage) + " x " + format_score(kConflictFactor) + "^" +
                std::to_string(alignment.conflicts) + " conflicts; threshold " + format_score(names::kMatchThreshold));
  return out;
}

}  // namespace

std::pmr::vector<CompareToken> comparable(const std::vector<NameToken>& tokens, std::pmr::memory_resource* memory) {
  // A Latin word with one romanisation is its spelling alone: kept per thread for the words list names repeat,
  // and copied.
  thread_local WordCache<CompareToken> latin_words;
  std::pmr::vector<CompareToken> out(memory);
  out.reserve(std::min(tokens.size(), kMaxTokens));
  for (const auto& token : tokens) {
    if (out.size() >= kMaxTokens) break;
    const bool whole = token.latin.size() <= kMaxTokenLength;
    if (whole && token.latin_script && token.alternative.empty() && !token.arabic && !token.ideographic) {
      out.push_back(latin_words.get(token.latin, [&] { return make_token(token.latin, "", "", false, false, true, &token); }));
      continue;
    }
    out.push_back(make_token(token.latin.substr(0, kMaxTokenLength), token.alternative.substr(0, kMaxTokenLength),
                             token.native.substr(0, 4 * kMaxTokenLength), token.arabic, token.ideographic,
                             token.latin_script, whole ? &token : nullptr));
  }
  assign_generations(out);
  return out;
}

std::shared_ptr<const names::PreparedTokens> prepare_tokens(std::string_view name, bool with_tokens,
                                                            std::pmr::memory_resource* memory) {
  auto tokens = romanised(name);
  auto compare_form = comparable(tokens, memory);
  // Without the tokens, their buffer goes too (`tokens = {}` would keep it: an index of a million names held
  // half a gigabyte of empty vectors so).
  return std::allocate_shared<names::PreparedTokens>(
      std::pmr::polymorphic_allocator<>(memory),
      names::PreparedTokens{with_tokens ? std::move(tokens) : std::vector<NameToken>(), std::move(compare_form)});
}

}  // namespace xborder::detail

namespace xborder::names {

double compare_score(const Prepared& a, const Prepared& b) {
  return detail::align(a.tokens_->comparable, b.tokens_->comparable).score;
}

Comparison compare(const Prepared& a, const Prepared& b) {
  const auto alignment = detail::align(a.tokens_->comparable, b.tokens_->comparable);
  return {alignment.score, alignment.score >= kMatchThreshold, detail::explain(alignment)};
}

Comparison compare(std::string_view a, std::string_view b) { return compare(Prepared(a), Prepared(b)); }

}  // namespace xborder::names
