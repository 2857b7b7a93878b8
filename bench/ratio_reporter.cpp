#include "ratio_reporter.hpp"

#include <cstdio>

namespace xborder::bench {

namespace {

std::string pair_name(const benchmark::BenchmarkName& name) {
  std::string out = name.function_name;
  for (const std::string* part : {&name.args, &name.time_type, &name.threads}) {
    if (!part->empty()) out += "/" + *part;
  }
  return out;
}

}  // namespace

void RatioReporter::ReportRuns(const std::vector<Run>& runs) {
  ConsoleReporter::ReportRuns(runs);
  for (const Run& run : runs) {
    auto rate = run.counters.find("bytes_per_second");
    if (rate == run.counters.end()) rate = run.counters.find("items_per_second");
    // A benchmark run repeatedly is taken at its median (reported after the repetitions): one slow or fast
    // run of a noisy machine does not make the ratio.
    const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
    if (rate != run.counters.end() && ((run.run_type == Run::RT_Iteration && run.repetitions <= 1) || median)) {
      throughput_[pair_name(run.run_name)] = rate->second;
    }
  }
}

void RatioReporter::Finalize() {
  ConsoleReporter::Finalize();
  std::printf("\n%-40s %-40s %8s %8s\n", "benchmark", "baseline", "ratio", "target");
  for (const auto& [name, baseline, target] : pairs_) {
    const auto measured = throughput_.find(name);
    const auto base = throughput_.find(baseline);
    if (measured == throughput_.end() || base == throughput_.end() || base->second <= 0) {
      // Filtered out, a pair naming no benchmark that ran, or a baseline that measured nothing: said, so that
      // a misnamed pair is seen.
      const bool ran = measured != throughput_.end() && base != throughput_.end();
      std::printf("%-40s %-40s %8s\n", name.c_str(), baseline.c_str(), ran ? "no rate" : "not run");
      continue;
    }
    const double ratio = measured->second / base->second;
    std::printf("%-40s %-40s %8.3g %8s %s\n", name.c_str(), baseline.c_str(), ratio,
                target > 0 ? std::to_string(target).substr(0, 4).c_str() : "-",
                target > 0 ? (ratio >= target ? "met" : "MISSED") : "");
  }
}

}  // namespace xborder::bench
