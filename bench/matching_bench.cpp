// Name comparison and screening (issue 20). Baselines in process: names::similarity of prepared names (the
// unstructured score) for names::compare_score; matching each query against every listed person in full
// (xborder::match of every pair, what the index spares) for the screening index. Lists: the 683 UN-listed
// persons of the shared screening benchmark, queried with its dev queries; and a synthetic list of 1,000,000
// persons drawn from the name-token table (mappings/names/token_frequencies.csv) and generated surnames.

#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/data_table.hpp"
#include "core/mapping_store.hpp"
#include "ratio_reporter.hpp"
#include "xborder/convert.hpp"
#include "xborder/match.hpp"
#include "xborder/names.hpp"
#include "xborder/screen.hpp"

namespace {

using xborder::xes::Person;

std::vector<Person> read_persons(const std::string& file) {
  std::ifstream in(std::filesystem::path(XBORDER_REFERENCE_DIR) / "screening" / file);
  std::vector<Person> out;
  xborder::Registry::builtin().converter("", "").convert(in, [&](xborder::Result&& result) {
    for (auto& message : result.messages) {
      for (auto& person : message.persons) out.push_back(std::move(person));
    }
    return true;
  });
  return out;
}

const std::vector<Person>& watchlist() {
  static const auto persons = read_persons("watchlist.csv");
  return persons;
}

const std::vector<Person>& queries() {
  static const auto persons = read_persons("queries-dev.csv");
  return persons;
}

const xborder::screening::Index& watchlist_index() {
  static const auto index = [] {
    xborder::screening::Index out;
    for (const auto& person : watchlist()) out.add(person, "un");
    return out;
  }();
  return index;
}

void BM_NameSimilarityPrepared(benchmark::State& state) {
  std::vector<xborder::names::Prepared> names;
  for (const auto& person : queries()) names.emplace_back(person.names.at(0).full);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(xborder::names::similarity(names[i % names.size()], names[(i * 7 + 3) % names.size()]));
    ++i;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_NameCompare(benchmark::State& state) {
  std::vector<xborder::names::Prepared> names;
  for (const auto& person : queries()) names.emplace_back(person.names.at(0).full);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(xborder::names::compare_score(names[i % names.size()], names[(i * 7 + 3) % names.size()]));
    ++i;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// Every listed person matched in full: the work an index spares.
void BM_ScreenWithoutIndex(benchmark::State& state) {
  std::size_t i = 0;
  for (auto _ : state) {
    const Person& query = queries()[i++ % queries().size()];
    double best = 0;
    for (const auto& listed : watchlist()) best = std::max(best, xborder::match(query, listed).score);
    benchmark::DoNotOptimize(best);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

void BM_ScreenWatchlist(benchmark::State& state) {
  const auto& index = watchlist_index();
  const xborder::screening::Options options{.explain = false};
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(index.screen(queries()[i++ % queries().size()], options));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
}

// A synthetic list: given names from the token table (as often as the lists use them), surnames made of two
// or three syllables, a year of birth.
std::vector<Person> synthetic_persons(std::size_t count, unsigned seed) {
  const auto table = xborder::detail::DataTable::load(xborder::detail::MappingStore(), "names/token_frequencies.csv");
  std::vector<std::string> given;
  for (const auto& row : table.rows) {
    for (int n = 0; n < std::stoi(row[1]); ++n) given.push_back(row[0]);
  }
  static constexpr const char* kOnsets[] = {"B", "D", "F", "G", "H", "K", "L", "M", "N", "P", "R", "S", "T", "V",
                                            "Z", "SH", "KH", "CH", "TS", "DR", "ST", "BR", "KR", "GR", "J", "Y"};
  static constexpr const char* kVowels[] = {"A", "E", "I", "O", "U", "AI", "OU", "IA", "EE", "Y"};
  static constexpr const char* kCodas[] = {"", "", "", "N", "R", "L", "S", "K", "M", "T", "NG", "V"};
  std::mt19937 random(seed);
  const auto pick = [&](auto& list) { return list[random() % std::size(list)]; };
  std::vector<Person> out(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::string family;
    for (unsigned s = 0, syllables = 2 + random() % 2; s < syllables; ++s) {
      family += std::string(pick(kOnsets)) + pick(kVowels) + pick(kCodas);
    }
    std::string name = given[random() % given.size()];
    if (random() % 2 == 0) name += " " + given[random() % given.size()];
    out[i].id = "S" + std::to_string(i);
    out[i].names.push_back({.full = name + " " + family, .kind = "primary"});
    out[i].birth_date = std::to_string(1940 + random() % 60);
  }
  return out;
}

struct Synthetic {
  std::vector<Person> listed;
  std::vector<xborder::xes::Message> messages;  // the listed persons, a thousand a message
  xborder::screening::Index index;
  std::vector<Person> queries;  // listed persons with one letter changed, and unlisted ones
  double build_seconds = 0, build_cpu_seconds = 0;  // wall clock; CPU time of the process (all its threads)
};

const Synthetic& synthetic() {
  static const auto data = [] {
    Synthetic out;
    out.listed = synthetic_persons(1'000'000, 1);
    // As a list converted to XES arrives: messages (of a thousand persons here), added at once.
    for (std::size_t i = 0; i < out.listed.size(); i += 1000) {
      auto& message = out.messages.emplace_back();
      message.header.message_id = "synthetic-" + std::to_string(i / 1000);
      message.persons.assign(out.listed.begin() + static_cast<std::ptrdiff_t>(i),
                             out.listed.begin() + static_cast<std::ptrdiff_t>(std::min(i + 1000, out.listed.size())));
    }
    const auto start = std::chrono::steady_clock::now();
    const std::clock_t start_cpu = std::clock();
    out.index.add(out.messages, "synthetic");
    // The first query sorts the keys the adds collected: part of the build.
    benchmark::DoNotOptimize(out.index.candidates(out.listed.front(), 1));
    out.build_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    out.build_cpu_seconds = static_cast<double>(std::clock() - start_cpu) / CLOCKS_PER_SEC;
    for (std::size_t i = 0; i < 1000; ++i) {
      Person query = out.listed[(i * 7919) % out.listed.size()];
      std::string& name = query.names[0].full;
      name[name.size() - 2] = static_cast<char>('A' + i % 26);  // a typo in the surname
      out.queries.push_back(std::move(query));
    }
    for (auto& person : synthetic_persons(1000, 2)) out.queries.push_back(std::move(person));
    return out;
  }();
  return data;
}

void BM_ScreenSyntheticMillion(benchmark::State& state) {
  const auto& data = synthetic();
  const xborder::screening::Options options{.explain = false};
  std::size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(data.index.screen(data.queries[i++ % data.queries.size()], options));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["build_persons_per_s"] = static_cast<double>(data.listed.size()) / data.build_seconds;
  state.counters["build_cpu_persons_per_s"] = static_cast<double>(data.listed.size()) / data.build_cpu_seconds;
  state.counters["index_bytes_per_name"] =
      static_cast<double>(data.index.memory_bytes()) / static_cast<double>(data.listed.size());
  std::size_t found = 0;
  for (std::size_t q = 0; q < 1000; ++q) {
    for (const auto position : data.index.candidates(data.queries[q], xborder::screening::Options{}.candidates)) {
      found += position == (q * 7919) % data.listed.size() ? 1 : 0;
    }
  }
  state.counters["candidate_recall"] = static_cast<double>(found) / 1000.0;
}

BENCHMARK(BM_NameSimilarityPrepared);
BENCHMARK(BM_NameCompare);
BENCHMARK(BM_ScreenWithoutIndex);
BENCHMARK(BM_ScreenWatchlist);
BENCHMARK(BM_ScreenSyntheticMillion)->Iterations(20000);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  // Targets (issue 20): 20,000 queries/s against the 683 (about 50 us each), 2,000/s against a million,
  // 5 us a name pair; the ratios show what the index and the structure cost or spare.
  xborder::bench::RatioReporter reporter({{"BM_NameCompare", "BM_NameSimilarityPrepared", 0},
                                          {"BM_ScreenWatchlist", "BM_ScreenWithoutIndex", 0},
                                          {"BM_ScreenSyntheticMillion/iterations:20000", "BM_ScreenWatchlist", 0}});
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
