#pragma once
// Screening: persons of records against lists of persons (the UN list, Interpol notices, national files:
// anything converted to XES). The index is built once and queried many times, from many threads at once; a
// thread may add to it while others query (each query sees the list as it was before the add, or after).
//
//   xborder::screening::Index index;
//   index.add(un_list.messages, "un-sc");
//   for (const auto& match : index.screen(query_person)) ...   // best first, at or above the threshold
//
// A query never meets the whole list: candidates come from the listed names' token keys (the consonant
// skeletons transliteration variants share, and those keys with one consonant left out, which a typo or
// another romanisation changes), weighed by rarity, with the year of birth as a tie-breaker; only the best
// candidates are matched in full (xborder::match). docs/matching.md gives the figures.

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "xborder/export.hpp"
#include "xborder/match.hpp"
#include "xborder/xes.hpp"

namespace xborder::screening {

struct Options {
  double threshold = kPersonMatch;  // matches scoring below are left out
  std::size_t top = 10;             // at most this many matches a person
  bool explain = true;              // fill each match's explanation
  std::size_t candidates = 64;      // listed persons matched in full per query, best candidates first
};

struct Match {
  std::string id;    // the listed person's id
  std::string list;  // the list it came from, as add() was told
  std::string record;  // the message id of the listed person's record
  double score = 0.0;
  MatchDecision decision = MatchDecision::no_match;
  std::vector<std::string> explanation;
};

struct IndexState;  // defined in the library

class XBORDER_API Index {
 public:
  Index();
  ~Index();
  Index(Index&&) noexcept;
  Index& operator=(Index&&) noexcept;

  // Lists every person of the messages (documents a message holds for them add their numbers). Large lists
  // are prepared on all cores; should a person fail (std::bad_alloc), the index stays as it was. Queries
  // running wait for an add to end, and it for them.
  void add(std::span<const xes::Message> messages, std::string_view list);
  void add(const xes::Message& message, std::string_view list);
  void add(const xes::Person& person, std::string_view list, std::string_view record = {});

  std::size_t size() const;  // persons listed

  // The listed persons the query may be, best first. Safe to call from many threads at once.
  std::vector<Match> screen(const xes::Person& query, const Options& options = {}) const;
  // As above, with the numbers of the documents the query's message holds for the person.
  std::vector<Match> screen(const xes::Person& query, const std::vector<xes::Document>& documents,
                            const Options& options) const;
  // Every person of a message, in order, each with the documents the message holds for it: what a record
  // screened whole asks (the documents are sorted by holder once, not once a person).
  std::vector<std::vector<Match>> screen(const xes::Message& message, const Options& options = {}) const;

  // The listed persons (their positions, in the order added) a query would be matched against: what the
  // candidate recall of the index is measured on.
  std::vector<std::size_t> candidates(const xes::Person& query, std::size_t limit) const;

  std::size_t memory_bytes() const;  // an estimate of the index's heap memory

 private:
  std::unique_ptr<IndexState> state_;
};

}  // namespace xborder::screening
