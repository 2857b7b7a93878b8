#include "ratio_reporter.hpp"

#include <cstdio>

namespace xborder::bench {

void RatioReporter::ReportRuns(const std::vector<Run>& runs) {
  ConsoleReporter::ReportRuns(runs);
  for (const Run& run : runs) {
    const auto rate = run.counters.find("bytes_per_second");
    // A benchmark run repeatedly is taken at its median (reported after the repetitions): one slow or fast
    // run of a noisy machine does not make the ratio.
    const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
    if (rate != run.counters.end() && (run.run_type == Run::RT_Iteration || median)) {
      bytes_per_second_[run.run_name.function_name] = rate->second;
    }
  }
}

void RatioReporter::Finalize() {
  ConsoleReporter::Finalize();
  std::printf("\n%-28s %-28s %8s %8s\n", "benchmark", "baseline", "ratio", "target");
  for (const auto& [name, baseline, target] : pairs_) {
    const auto measured = bytes_per_second_.find(name);
    const auto base = bytes_per_second_.find(baseline);
    if (measured == bytes_per_second_.end() || base == bytes_per_second_.end() || base->second <= 0) continue;
    const double ratio = measured->second / base->second;
    std::printf("%-28s %-28s %8.3g %8s %s\n", name.c_str(), baseline.c_str(), ratio,
                target > 0 ? std::to_string(target).substr(0, 4).c_str() : "-",
                target > 0 ? (ratio >= target ? "met" : "MISSED") : "");
  }
}

}  // namespace xborder::bench
