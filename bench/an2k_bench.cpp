// ANSI/NIST-ITL parsing over the shared NIST samples: transactions per second and MB/s. Target: >= 20,000
// ten-print transactions/s on one core (5x the NBIS reference parser's 102-163 us per ten-print) and >= 30%
// of the in-process baseline, one memchr pass over the same bytes. Parsing never scans image bytes, so it
// may well run faster than the baseline; the full conversion to XES (digesting and copying every image) is
// reported beside it.

#include <benchmark/benchmark.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "formats/an2k/an2k_codec.hpp"
#include "ratio_reporter.hpp"
#include "xborder/convert.hpp"

namespace {

const std::filesystem::path kSamples = std::filesystem::path(XBORDER_REFERENCE_DIR) / "ansi-nist" / "samples";

std::vector<std::string> load(const std::vector<std::filesystem::path>& paths) {
  std::vector<std::string> out;
  for (const auto& path : paths) {
    std::ifstream in(path, std::ios::binary);
    out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return out;
}

const std::vector<std::string>& ten_prints() {
  static const auto files = load({kSamples / "type-4-tpcard.an2", kSamples / "type-14-tpcard-nqm.an2",
                                   kSamples / "type-9-4-iafis.an2"});
  return files;
}

const std::vector<std::string>& all_samples() {
  static const auto files = [] {
    std::vector<std::filesystem::path> paths;
    for (const auto& entry : std::filesystem::directory_iterator(kSamples)) {
      const auto extension = entry.path().extension();
      if (extension == ".an2" || extension == ".ebts") paths.push_back(entry.path());
    }
    return load(paths);
  }();
  return files;
}

std::size_t total_bytes(const std::vector<std::string>& files) {
  std::size_t bytes = 0;
  for (const auto& file : files) bytes += file.size();
  return bytes;
}

void memchr_pass(benchmark::State& state, const std::vector<std::string>& files) {
  for (auto _ : state) {
    std::size_t separators = 0;
    for (const auto& file : files) {
      const char* end = file.data() + file.size();
      for (const char* at = file.data(); (at = static_cast<const char*>(std::memchr(at, 0x1C, end - at))); ++at) {
        ++separators;
      }
    }
    benchmark::DoNotOptimize(separators);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_bytes(files)));
}

void parse(benchmark::State& state, const std::vector<std::string>& files) {
  xborder::detail::An2kTransaction transaction;  // reused, as a reading loop would
  std::size_t failures = 0;
  for (auto _ : state) {
    for (const auto& file : files) {
      xborder::Diagnostics diagnostics;
      failures += xborder::detail::parse_an2k(file, 0, false, transaction, diagnostics) ? 0 : 1;
      benchmark::DoNotOptimize(transaction.records.data());
    }
  }
  if (failures > 0) state.SkipWithError("a sample failed to parse");
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_bytes(files)));
  state.counters["transactions_per_second"] =
      benchmark::Counter(static_cast<double>(state.iterations() * files.size()), benchmark::Counter::kIsRate);
}

void convert(benchmark::State& state, const std::vector<std::string>& files) {
  const auto converter = xborder::Registry::builtin().converter("an2k", "", {.created = "2026-01-01T00:00:00Z"});
  std::size_t failures = 0;
  for (auto _ : state) {
    for (const auto& file : files) failures += converter.convert(file).ok() ? 0 : 1;
  }
  if (failures > 0) state.SkipWithError("a sample failed to convert");
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * total_bytes(files)));
  state.counters["transactions_per_second"] =
      benchmark::Counter(static_cast<double>(state.iterations() * files.size()), benchmark::Counter::kIsRate);
}

void BM_MemchrTenPrints(benchmark::State& state) { memchr_pass(state, ten_prints()); }
void BM_ParseTenPrints(benchmark::State& state) { parse(state, ten_prints()); }
void BM_MemchrAllSamples(benchmark::State& state) { memchr_pass(state, all_samples()); }
void BM_ParseAllSamples(benchmark::State& state) { parse(state, all_samples()); }
void BM_ConvertTenPrintsToXes(benchmark::State& state) { convert(state, ten_prints()); }

BENCHMARK(BM_MemchrTenPrints);
BENCHMARK(BM_ParseTenPrints);
BENCHMARK(BM_MemchrAllSamples);
BENCHMARK(BM_ParseAllSamples);
BENCHMARK(BM_ConvertTenPrintsToXes)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  xborder::bench::RatioReporter reporter({{"BM_ParseTenPrints", "BM_MemchrTenPrints", 0.30},
                                          {"BM_ParseAllSamples", "BM_MemchrAllSamples", 0.30},
                                          {"BM_ConvertTenPrintsToXes", "BM_MemchrTenPrints", 0}});
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
