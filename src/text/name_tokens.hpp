#pragma once
// The romanised tokens of a name, as names.cpp makes them for similarity() and the structured comparison of
// src/matching/ uses them.

#include <memory>
#include <memory_resource>
#include <string>
#include <string_view>
#include <vector>

#include "xborder/names.hpp"

namespace xborder::detail {

struct NameToken {
  std::string latin;        // the romanisation of the word's script (ICAO 9303 for Latin, Cyrillic, Arabic)
  std::string alternative;  // ICU's generic romanisation, when it differs (vowels ICAO's Arabic leaves out)
  std::string key;          // consonant skeleton that transliteration variants share
  std::string sound;        // phonetic_form of the romanisation
  std::string native;       // the word as written (normalised), before romanisation
  bool ideographic = false; // a word of Han characters, each a morpheme of its own
  bool arabic = false;      // romanised from the Arabic script (X is ICAO's escape letter)
  bool latin_script = false;  // written in Latin letters (or none): compared by spelling
};

// One token per word of names::normalise(name); throws Error for text that is not UTF-8.
std::vector<NameToken> romanised(std::string_view name);

// The consonant skeleton of one upper-case ASCII token (names::key of a one-word name).
std::string token_key(std::string_view token, bool arabic = false);

// A token as the structured comparison (src/matching/name_compare.cpp) weighs it. What Latin words do not
// need (a second romanisation, the word as written) is held apart, so that a screening index of Latin names
// does not carry it.
struct CompareToken {
  struct Extra {
    std::string alternative, alternative_sound;  // as NameToken; the sound of the alternative
    std::string native;
  };
  std::string latin, sound, key;  // as NameToken
  std::shared_ptr<const Extra> extra;
  float weight = 1.0F;     // by rarity, in (0, 1]; 0 for particles
  int generation = -1;     // 0 the person's own name, 1 the father's, 2 the grandfather's; -1 not known
  int variant = -1;        // the name's number in given_name_variants.csv, -1 if none
  bool particle = false;   // AL, BIN, VAN, DE, ...: neither evidence for nor against
  bool ideographic = false;
  bool latin_script = false;
  bool arabic = false;

  const std::string& alternative() const { return extra ? extra->alternative : empty(); }
  const std::string& alternative_sound() const { return extra ? extra->alternative_sound : empty(); }
  const std::string& native() const { return extra ? extra->native : empty(); }

 private:
  static const std::string& empty() {
    static const std::string none;
    return none;
  }
};

// Builds the comparable form of romanised tokens (names::Prepared holds both), in `memory`.
std::pmr::vector<CompareToken> comparable(const std::vector<NameToken>& tokens,
                                          std::pmr::memory_resource* memory = std::pmr::get_default_resource());

}  // namespace xborder::detail

namespace xborder::names {

struct PreparedTokens {
  std::vector<detail::NameToken> tokens;
  std::pmr::vector<detail::CompareToken> comparable;
};

}  // namespace xborder::names

namespace xborder::detail {

// `with_tokens` false: only the comparable form (what names::compare needs; a screening index keeps many).
// The prepared name and its comparable tokens live in `memory` (a screening index gives its arena), which
// must outlive them.
std::shared_ptr<const names::PreparedTokens> prepare_tokens(
    std::string_view name, bool with_tokens = true, std::pmr::memory_resource* memory = std::pmr::get_default_resource());

struct PreparedAccess {
  static const names::PreparedTokens& tokens(const names::Prepared& name) { return *name.tokens_; }
  static names::Prepared comparable_only(std::string_view name,
                                         std::pmr::memory_resource* memory = std::pmr::get_default_resource()) {
    return names::Prepared(prepare_tokens(name, false, memory));
  }
};

}  // namespace xborder::detail
