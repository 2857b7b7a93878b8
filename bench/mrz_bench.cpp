// Machine-readable zones: read + validate a TD3 and a TD1 zone. Target: <= 1 us per document on one core
// (the Python mrz package takes about 144 us, PassportEye's text parser about 38 us). Baseline in the same
// process: one pass computing a 7-3-1 weighted sum over every character of the zone, the least any checker
// does; the ratio says how close the full report comes to it.

#include <benchmark/benchmark.h>

#include <string>

#include "ratio_reporter.hpp"
#include "xborder/mrz.hpp"

namespace {

const std::string kTd3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n";
const std::string kTd1 = "I<UTOD23145890<1233<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<2\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\n";
const xborder::mrz::ReadOptions kOptions{.lenient = false, .reference_date = "2026-11-28"};

void weighted_sum(benchmark::State& state, const std::string& zone) {
  for (auto _ : state) {
    static constexpr int kWeights[3] = {7, 3, 1};
    int sum = 0;
    for (std::size_t i = 0; i < zone.size(); ++i) {
      const char c = zone[i];
      sum += (c >= 'A' ? c - 'A' + 10 : c >= '0' && c <= '9' ? c - '0' : 0) * kWeights[i % 3];
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * zone.size()));
}

void read_zone(benchmark::State& state, const std::string& zone) {
  bool valid = true;
  for (auto _ : state) {
    const auto report = xborder::mrz::read(zone, kOptions);
    valid = valid && report.valid();
    benchmark::DoNotOptimize(report.fields.surname.data());
  }
  if (!valid) state.SkipWithError("the zone did not read as valid");
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * zone.size()));
}

// Bulk reading: one report reused from zone to zone.
void read_zone_reusing(benchmark::State& state, const std::string& zone) {
  bool valid = true;
  xborder::mrz::Report report;
  for (auto _ : state) {
    xborder::mrz::read(zone, kOptions, report);
    valid = valid && report.valid();
    benchmark::DoNotOptimize(report.fields.surname.data());
  }
  if (!valid) state.SkipWithError("the zone did not read as valid");
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * zone.size()));
}

void BM_WeightedSumTd3(benchmark::State& state) { weighted_sum(state, kTd3); }
void BM_ReadTd3(benchmark::State& state) { read_zone(state, kTd3); }
void BM_WeightedSumTd1(benchmark::State& state) { weighted_sum(state, kTd1); }
void BM_ReadTd1(benchmark::State& state) { read_zone(state, kTd1); }
void BM_ReadTd3Reusing(benchmark::State& state) { read_zone_reusing(state, kTd3); }
void BM_ReadTd1Reusing(benchmark::State& state) { read_zone_reusing(state, kTd1); }

// Five runs each, reported (and ratioed) at their medians: single runs of the same binary differ by up to
// 1.5x on this class of machine.
BENCHMARK(BM_WeightedSumTd3)->Repetitions(5);
BENCHMARK(BM_ReadTd3)->Repetitions(5);
BENCHMARK(BM_WeightedSumTd1)->Repetitions(5);
BENCHMARK(BM_ReadTd1)->Repetitions(5);
BENCHMARK(BM_ReadTd3Reusing)->Repetitions(5);
BENCHMARK(BM_ReadTd1Reusing)->Repetitions(5);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  xborder::bench::RatioReporter reporter({{"BM_ReadTd3", "BM_WeightedSumTd3", 0},
                                          {"BM_ReadTd1", "BM_WeightedSumTd1", 0},
                                          {"BM_ReadTd3Reusing", "BM_WeightedSumTd3", 0},
                                          {"BM_ReadTd1Reusing", "BM_WeightedSumTd1", 0}});
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
