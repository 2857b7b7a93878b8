#pragma once
// Whether two XES person records describe the same person: the evidence of every field both have, for and
// against, weighed and explained (docs/matching.md).
//
//   const auto result = xborder::match(listed, query);
//   if (result.decision == xborder::MatchDecision::match) ...
//   for (const auto& line : result.explanation) std::cout << line << "\n";
//
// The score starts from the best pair of names (names::compare; aliases count a little less than primary
// names), then each other field moves it: dates of birth (partial dates, ranges, several dates: compatible
// or contradicting), sex, nationalities, place of birth, document and identifier numbers (compared without
// spaces, dashes and case). A field only one record has says nothing.

#include <string>
#include <string_view>
#include <vector>

#include "xborder/export.hpp"
#include "xborder/xes.hpp"

namespace xborder {

enum class MatchDecision { no_match, possible, match };

// Decision levels, fixed before the held-out evaluation.
inline constexpr double kPersonMatch = 0.7;     // at or above: the same person
inline constexpr double kPersonPossible = 0.5;  // at or above: worth a look by a person

struct PersonMatch {
  double score = 0.0;  // in [0, 1]
  MatchDecision decision = MatchDecision::no_match;
  std::vector<std::string> explanation;  // the names aligned, then each field's evidence with its weight
};

XBORDER_API PersonMatch match(const xes::Person& a, const xes::Person& b);

XBORDER_API std::string_view to_string(MatchDecision decision);  // "match", "possible", "no-match"

// Normalised document or identifier number: letters and digits only, upper case ("ab 12-345" -> "AB12345").
XBORDER_API std::string normalise_number(std::string_view number);

}  // namespace xborder
