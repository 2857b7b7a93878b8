// Category lookups: translate() of every code of the national and US systems to ICCS, ECRIS and the EAW
// list (target: <= 1 us per lookup after load), and loading every table (target: <= 20 ms). Baseline in the
// same process: a hash lookup of the same codes (the floor of any lookup).

#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "ratio_reporter.hpp"
#include "xborder/categories.hpp"

namespace {

std::vector<std::pair<std::string, std::string>> all_codes() {
  std::vector<std::pair<std::string, std::string>> codes;
  for (const char* system : {"nibrs", "ncic", "cl-cnp", "de-pks", "ph-psccs"}) {
    std::ifstream file(std::string(XBORDER_SOURCE_DIR) + "/mappings/categories/systems/" + system + ".csv");
    std::string line;
    bool header = true;
    while (std::getline(file, line)) {
      if (line.empty() || line[0] == '#') continue;
      if (!header) codes.emplace_back(system, line.substr(0, line.find(',')));
      header = false;
    }
  }
  return codes;
}

void BM_HashLookupBaseline(benchmark::State& state) {
  const auto codes = all_codes();
  std::unordered_set<std::string> set;
  for (const auto& [system, code] : codes) set.insert(system + ":" + code);
  for (auto _ : state) {
    for (const auto& [system, code] : codes) benchmark::DoNotOptimize(set.count(system + ":" + code));
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * codes.size()));
}

void BM_Translate(benchmark::State& state) {
  const auto& categories = xborder::Categories::builtin();
  const auto codes = all_codes();
  const char* targets[] = {"iccs", "ecris", "eaw"};
  std::size_t lookups = 0;
  for (auto _ : state) {
    for (const auto& [system, code] : codes) {
      for (const char* target : targets) {
        benchmark::DoNotOptimize(categories.translate(system, code, target));
        ++lookups;
      }
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(lookups));
}

void BM_LoadAllTables(benchmark::State& state) {
  for (auto _ : state) {
    xborder::Categories categories;
    benchmark::DoNotOptimize(categories.systems().size());
  }
}

BENCHMARK(BM_HashLookupBaseline);
BENCHMARK(BM_Translate)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_LoadAllTables)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  xborder::bench::RatioReporter reporter({});
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
