// Person record matching (xborder::match): the best pair of names, then the evidence of the other fields.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "matching/person_record.hpp"
#include "text/name_tokens.hpp"
#include "xborder/diagnostics.hpp"

namespace xborder::detail {
namespace {

// Weights of the evidence besides the names, added to the names' score (docs/matching.md).
constexpr double kAliasWeight = 0.95;        // an alias counts a little less than the primary name
constexpr double kWeakAliasWeight = 0.85;    // a name the list itself grades weak (XES 1.1 quality "weak")
constexpr double kSameFullBirthDate = 0.10;  // both give the day, and it is the same
constexpr double kCompatibleBirth = 0.04;    // a year or a range that may be the same day
constexpr double kBirthYearOff = -0.12;      // dates that cannot be the same, a year apart at most
constexpr double kBirthContradicts = -0.20;  // dates two years apart; each further year adds
constexpr double kBirthPerYear = -0.02;      // ... this much, down to
constexpr double kBirthWorst = -0.45;
constexpr double kSexDiffers = -0.35;
constexpr double kSexSame = 0.02;
constexpr double kNationalityShared = 0.04;
constexpr double kNationalityDisjoint = -0.04;
constexpr double kBirthPlaceShared = 0.03;
constexpr double kBirthCountryDiffers = -0.05;
constexpr double kSameNumber = 0.30;         // the same document or identifier number
constexpr double kOtherNumber = -0.10;       // the same kind of document of one country, another number
constexpr std::size_t kMaxNames = 32;        // hostile input: names beyond are ignored

std::string upper_words(std::string_view text) {
  std::string out;
  for (const char c : text) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

// An XES partial date, else the first run of four digits read as a year ("1969-7-16", "c. 1960").
std::optional<dates::PartialDate> birth_date(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (auto parsed = dates::PartialDate::parse(text)) return parsed;
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    if (std::all_of(text.begin() + static_cast<std::ptrdiff_t>(i), text.begin() + static_cast<std::ptrdiff_t>(i) + 4,
                    [](char c) { return c >= '0' && c <= '9'; }) &&
        (i + 4 == text.size() || !std::isdigit(static_cast<unsigned char>(text[i + 4])))) {
      return dates::PartialDate::parse(text.substr(i, 4));
    }
  }
  return std::nullopt;
}

int sex_code(const xes::Person& person) {
  if (!person.sex) return 0;
  if (person.sex->code && (*person.sex->code == 1 || *person.sex->code == 2)) return static_cast<int>(*person.sex->code);
  const std::string source = upper_words(person.sex->source);
  if (source == "M" || source == "MALE" || source == "MAN") return 1;
  if (source == "F" || source == "FEMALE" || source == "WOMAN") return 2;
  return 0;
}

std::string format_weight(double weight) {
  char text[16];
  std::snprintf(text, sizeof text, "%+.2f", weight);
  return text;
}

}  // namespace

std::vector<std::pair<std::string, double>> name_texts(const xes::Person& person) {
  std::vector<std::pair<std::string, double>> out;
  for (const auto& name : person.names) {
    if (out.size() >= kMaxNames) break;
    std::string text = name.full;
    if (text.empty()) {
      for (const auto& given : name.given) text += (text.empty() ? "" : " ") + given;
      if (!name.family.empty()) text += (text.empty() ? "" : " ") + name.family;
    }
    const double weight = name.quality == "weak" ? kWeakAliasWeight : name.kind == "alias" ? kAliasWeight : 1.0;
    if (!text.empty()) out.emplace_back(text, weight);
    if (!name.original.empty() && name.original != text) out.emplace_back(name.original, weight);
  }
  return out;
}

HeldDocuments::HeldDocuments(const std::vector<xes::Document>& documents) {
  for (const auto& document : documents) {
    if (!document.holder.empty()) by_holder_[document.holder].push_back(&document);
  }
}

std::span<const xes::Document* const> HeldDocuments::of(const xes::Person& person) const {
  if (person.id.empty()) return {};
  const auto found = by_holder_.find(person.id);
  return found == by_holder_.end() ? std::span<const xes::Document* const>() : found->second;
}

PreparedPerson prepare_person(const xes::Person& person, std::span<const xes::Document* const> documents,
                              std::pmr::memory_resource* listed_in) {
  std::pmr::memory_resource* const memory = listed_in != nullptr ? listed_in : std::pmr::get_default_resource();
  PreparedPerson out(memory);
  for (auto& [text, weight] : name_texts(person)) {
    try {
      out.names.push_back({listed_in != nullptr ? PreparedAccess::comparable_only(text, listed_in) : names::Prepared(text),
                           std::pmr::string(text, memory), weight});
    } catch (const Error&) {
      // a name that is not UTF-8 cannot be compared; the record's other names still can
    }
  }
  if (auto date = birth_date(person.birth_date)) out.births.push_back(*date);
  for (const auto& other : person.birth_dates) {  // XES 1.1: every date the source gives
    auto date = birth_date(other.date);
    if (!date) continue;
    if (other.qualifier == "approximate") {
      date->first.approximate = true;
      if (date->last) date->last->approximate = true;
    }
    if (std::find_if(out.births.begin(), out.births.end(), [&](const dates::PartialDate& known) {
          return known.to_string() == date->to_string();
        }) == out.births.end()) {
      out.births.push_back(*date);
    }
  }
  out.sex = sex_code(person);
  for (const auto& nationality : person.nationalities) out.nationalities.push_back(upper_words(nationality));
  std::vector<const xes::Place*> places;
  if (person.birth_place) places.push_back(&*person.birth_place);
  for (const auto& place : person.birth_places) places.push_back(&place);  // XES 1.1
  for (const auto* place : places) {
    if (out.birth_country.empty()) out.birth_country = upper_words(place->country);
    std::string word;
    const std::string text = upper_words(place->text + " " + place->locality + " " + place->region);
    for (const char c : text + " ") {
      if (c >= 'A' && c <= 'Z') {
        word += c;
      } else {
        if (word.size() >= 4) out.birth_place_words.push_back(word);
        word.clear();
      }
    }
  }
  std::sort(out.birth_place_words.begin(), out.birth_place_words.end());
  out.birth_place_words.erase(std::unique(out.birth_place_words.begin(), out.birth_place_words.end()),
                              out.birth_place_words.end());
  for (const auto& identifier : person.identifiers) {
    const std::string value = normalise_number(identifier.value);
    if (!value.empty()) out.numbers.push_back({identifier.type, value, upper_words(identifier.country)});
  }
  for (const xes::Document* document : documents) {
    const std::string value = normalise_number(document->number);
    if (!value.empty()) out.numbers.push_back({document->type, value, upper_words(document->issuer)});
  }
  return out;
}

PersonMatch match_prepared(const PreparedPerson& a, const PreparedPerson& b, bool explain) {
  PersonMatch out;
  const PreparedPerson::Name* best_a = nullptr;
  const PreparedPerson::Name* best_b = nullptr;
  double names_score = 0.0;
  for (const auto& x : a.names) {
    for (const auto& y : b.names) {
      const double score = names::compare_score(x.name, y.name) * std::min(x.weight, y.weight);
      if (score > names_score || best_a == nullptr) {
        names_score = score;
        best_a = &x;
        best_b = &y;
      }
    }
  }
  double score = names_score;
  const auto evidence = [&](double weight, const std::string& why) {
    score += weight;
    if (explain) out.explanation.push_back(why + ": " + format_weight(weight));
  };
  if (explain && best_a != nullptr) {
    const auto names = names::compare(best_a->name, best_b->name);
    out.explanation.push_back(std::string("names: ").append(best_a->text).append(" / ").append(best_b->text) + ": " +
                              format_weight(names_score).substr(1));
    for (const auto& line : names.explanation) out.explanation.push_back("  " + line);
  }
  if (!a.births.empty() && !b.births.empty()) {
    bool compatible = false, same_day = false;
    int closest = 9999;
    for (const auto& x : a.births) {
      for (const auto& y : b.births) {
        if (x.may_equal(y)) {
          compatible = true;
          same_day = same_day || (!x.last && !y.last && x.first.day != 0 && y.first.day != 0 && !x.first.approximate &&
                                  !y.first.approximate);
        }
        closest = std::min(closest, std::abs(x.first.year - y.first.year));
      }
    }
    if (same_day) evidence(kSameFullBirthDate, "date of birth: the same day");
    else if (compatible) evidence(kCompatibleBirth, "date of birth: compatible");
    else if (closest <= 1) evidence(kBirthYearOff, "date of birth: different, within a year");
    else evidence(std::max(kBirthWorst, kBirthContradicts + kBirthPerYear * (closest - 2)),
                  "date of birth: " + std::to_string(closest) + " years apart");
  }
  if (a.sex != 0 && b.sex != 0) {
    if (a.sex == b.sex) evidence(kSexSame, "sex: the same");
    else evidence(kSexDiffers, "sex: different");
  }
  const auto is_code = [](const std::string& code) { return code.size() == 3; };
  if (std::any_of(a.nationalities.begin(), a.nationalities.end(), is_code) &&
      std::any_of(b.nationalities.begin(), b.nationalities.end(), is_code)) {
    const bool shared = std::any_of(a.nationalities.begin(), a.nationalities.end(), [&](const std::string& n) {
      return std::find(b.nationalities.begin(), b.nationalities.end(), n) != b.nationalities.end();
    });
    if (shared) evidence(kNationalityShared, "nationality: shared");
    else evidence(kNationalityDisjoint, "nationality: none shared");
  }
  if (!a.birth_country.empty() && !b.birth_country.empty() && a.birth_country != b.birth_country) {
    evidence(kBirthCountryDiffers, "country of birth: different");
  } else {
    std::vector<std::string> shared;
    std::set_intersection(a.birth_place_words.begin(), a.birth_place_words.end(), b.birth_place_words.begin(),
                          b.birth_place_words.end(), std::back_inserter(shared));
    if (!shared.empty() || (!a.birth_country.empty() && a.birth_country == b.birth_country)) {
      evidence(kBirthPlaceShared, "place of birth: " + (shared.empty() ? a.birth_country : shared.front()));
    }
  }
  bool same_number = false, other_number = false;
  for (const auto& x : a.numbers) {
    for (const auto& y : b.numbers) {
      if (x.value == y.value && x.value.size() >= 5) same_number = true;
      else if (!x.type.empty() && x.type == y.type && !x.country.empty() && x.country == y.country) other_number = true;
    }
  }
  if (same_number) evidence(kSameNumber, "document or identifier number: the same");
  else if (other_number) evidence(kOtherNumber, "document or identifier number: another of the same kind");
  out.score = std::clamp(score, 0.0, 1.0);
  out.decision = out.score >= kPersonMatch      ? MatchDecision::match
                 : out.score >= kPersonPossible ? MatchDecision::possible
                                                : MatchDecision::no_match;
  if (explain) {
    char line[96];
    std::snprintf(line, sizeof line, "score %.2f: %s (match at %.2f, possible at %.2f)", out.score,
                  std::string(to_string(out.decision)).c_str(), kPersonMatch, kPersonPossible);
    out.explanation.emplace_back(line);
  }
  return out;
}

}  // namespace xborder::detail

namespace xborder {

PersonMatch match(const xes::Person& a, const xes::Person& b) {
  return detail::match_prepared(detail::prepare_person(a), detail::prepare_person(b), true);
}

std::string_view to_string(MatchDecision decision) {
  switch (decision) {
    case MatchDecision::match:
      return "match";
    case MatchDecision::possible:
      return "possible";
    case MatchDecision::no_match:
      break;
  }
  return "no-match";
}

std::string normalise_number(std::string_view number) {
  std::string out;
  for (const char c : number) {
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace xborder
