// The public paths over each NIST sample, against SHA-256 of the same bytes (OpenSSL EVP, core/digest.hpp)
// in the same process: the FieldTree (Registry::inspect over the bytes in memory) and the conversion to the
// XES model (Converter to no output: messages only, digests included), with the default allocator. Targets
// (issue 19): the FieldTree at most 0.5x the time of the digest (a throughput ratio of 2 or more), the XES
// model at most 2x (a ratio of 0.5 or more), for every sample.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/digest.hpp"
#include "core/memory_stream.hpp"
#include "ratio_reporter.hpp"
#include "xborder/convert.hpp"

namespace {

const std::filesystem::path kSamples = std::filesystem::path(XBORDER_REFERENCE_DIR) / "ansi-nist" / "samples";

struct Sample {
  std::string name;
  std::string bytes;
};

std::vector<Sample> samples() {
  std::vector<Sample> out;
  for (const auto& entry : std::filesystem::directory_iterator(kSamples)) {
    const auto extension = entry.path().extension();
    if (extension != ".an2" && extension != ".ebts") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    out.push_back({entry.path().filename().string(),
                   std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>())});
  }
  std::sort(out.begin(), out.end(), [](const Sample& a, const Sample& b) { return a.name < b.name; });
  return out;
}

void sha256(benchmark::State& state, const Sample* sample) {
  std::string hex;
  for (auto _ : state) {
    hex.clear();
    xborder::detail::append_sha256_hex(sample->bytes, hex);
    benchmark::DoNotOptimize(hex.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * sample->bytes.size()));
}

void inspect(benchmark::State& state, const Sample* sample) {
  const xborder::Registry& registry = xborder::Registry::builtin();
  const std::string format = registry.sniff(sample->bytes);
  std::size_t fields = 0;
  for (auto _ : state) {
    xborder::detail::MemoryStream input(sample->bytes);
    const auto diagnostics = registry.inspect(input, format, [&](const xborder::FieldTree& tree) {
      fields += tree.fields.size();
      return true;
    });
    if (diagnostics.has_errors()) state.SkipWithError("the sample did not read");
  }
  benchmark::DoNotOptimize(fields);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * sample->bytes.size()));
}

void to_xes(benchmark::State& state, const Sample* sample) {
  const xborder::Registry& registry = xborder::Registry::builtin();
  const auto converter = registry.converter(registry.sniff(sample->bytes), "", {.created = "2026-01-01T00:00:00Z"});
  for (auto _ : state) {
    const xborder::Result result = converter.convert(sample->bytes);
    if (!result.ok() || result.messages.empty()) state.SkipWithError("the sample did not convert");
    benchmark::DoNotOptimize(result.messages.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * sample->bytes.size()));
}

}  // namespace

int main(int argc, char** argv) {
  static const std::vector<Sample> all = samples();
  std::vector<std::tuple<std::string, std::string, double>> pairs;
  for (const Sample& sample : all) {
    const std::string digest = "Sha256/" + sample.name, tree = "Inspect/" + sample.name, xes = "ToXes/" + sample.name;
    // Wall clock: a conversion of a large record takes its digest on a second thread.
    benchmark::RegisterBenchmark(digest.c_str(), sha256, &sample)->UseRealTime();
    benchmark::RegisterBenchmark(tree.c_str(), inspect, &sample)->UseRealTime();
    benchmark::RegisterBenchmark(xes.c_str(), to_xes, &sample)->UseRealTime();
    pairs.emplace_back(tree + "/real_time", digest + "/real_time", 2.0);
    pairs.emplace_back(xes + "/real_time", digest + "/real_time", 0.5);
  }
  benchmark::Initialize(&argc, argv);
  xborder::bench::RatioReporter reporter(std::move(pairs));
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
