#pragma once

#include <string>
#include <string_view>

namespace xborder::detail {

// Jaro-Winkler similarity of two strings (bytes), in [0, 1]; prefix scale 0.1 over at most 4 characters.
double jaro_winkler(std::string_view a, std::string_view b);

// How alike two romanised name tokens (A-Z) sound, in [0, 1]: an edit distance whose costs follow what
// romanisations of other scripts confuse. Vowels (and H) come and go cheaply (scripts that write few of them,
// epenthetic vowels of Korean and Japanese); vowels stand for one another, and so do consonants of one group
// (B P F V W, K G Q C X, T D, L R, M N, S Z C J X, J Y, W U O V). Take phonetic_form() of each token first.
double phonetic_similarity(std::string_view a, std::string_view b);

// A token with the digraphs romanisations spell differently folded (SHCH SCH SH -> S, CH -> C, ZH -> J, KH -> K,
// PH -> F, TH -> T, ...) and doubled letters single. `arabic`: X is ICAO's escape letter, dropped.
std::string phonetic_form(std::string_view token, bool arabic);

// The weighted cost of typing one token for the other: phonetic_similarity()'s letter costs, plus 0.5 for two
// neighbouring letters swapped (MACRON, MARCON). 0 for equal tokens; about 1 for one wrong consonant.
double edit_cost(std::string_view a, std::string_view b);

}  // namespace xborder::detail
