#pragma once
// A person record prepared for matching many times (screening prepares every listed person once): the names
// romanised and tokenised, the dates of birth parsed, the numbers normalised.

#include <memory_resource>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "xborder/dates.hpp"
#include "xborder/match.hpp"
#include "xborder/names.hpp"
#include "xborder/xes.hpp"

namespace xborder::detail {

// Its containers take their memory from one resource: a screening index gives each listed person its arena
// (a million persons otherwise fault in the heap a page at a time, and fragment it with the build's temporaries).
struct PreparedPerson {
  explicit PreparedPerson(std::pmr::memory_resource* memory = std::pmr::get_default_resource())
      : names(memory), births(memory), nationalities(memory), birth_place_words(memory), numbers(memory) {}

  struct Name {
    names::Prepared name;
    std::pmr::string text;  // as compared
    double weight = 1.0; // primary 1, alias a little less
  };
  struct Number {
    std::string type, value, country;  // value normalised
  };
  std::pmr::vector<Name> names;
  std::pmr::vector<dates::PartialDate> births;  // parsed; a year alone when the text is not an XES partial date
  int sex = 0;                                  // ISO/IEC 5218: 1 male, 2 female, 0 not known
  std::pmr::vector<std::string> nationalities;
  std::string birth_country;
  std::pmr::vector<std::string> birth_place_words;  // upper case, 4 letters or more
  std::pmr::vector<Number> numbers;
};

// The documents of a message by holder, sorted once for all its persons (a walk of every document for each
// person would be quadratic in a message of many).
class HeldDocuments {
 public:
  explicit HeldDocuments(const std::vector<xes::Document>& documents);
  std::span<const xes::Document* const> of(const xes::Person& person) const;  // none without an id

 private:
  std::unordered_map<std::string_view, std::vector<const xes::Document*>> by_holder_;
};

// The person's names, dates, ...; the documents the person holds add their numbers.
// `listed_in`: a screening index's arena, which then holds the person (to outlive it) with names in their
// comparable form only; none for a person compared in full.
PreparedPerson prepare_person(const xes::Person& person, std::span<const xes::Document* const> documents = {},
                              std::pmr::memory_resource* listed_in = nullptr);

// The match of two prepared persons; the explanation only when `explain`.
PersonMatch match_prepared(const PreparedPerson& a, const PreparedPerson& b, bool explain);

// The texts of a person's names as compared (full name, else given and family names; original script too).
std::vector<std::pair<std::string, double>> name_texts(const xes::Person& person);

}  // namespace xborder::detail
