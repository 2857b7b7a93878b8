#pragma once
// A console reporter that, after the usual table, prints each benchmark's throughput as a ratio of its
// in-process baseline: the figures the project's targets are stated in (machine speed cancels out).

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace xborder::bench {

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  // `pairs`: (benchmark name, baseline name, target ratio). A name is the function's, then its arguments and
  // its timing and threads where it has them ("BM_TabularToXes/1000000", "BM_CompiledIcao/real_time/threads:2"),
  // never the repetitions. Throughput is bytes a second where the benchmark counts bytes, items otherwise.
  explicit RatioReporter(std::vector<std::tuple<std::string, std::string, double>> pairs) : pairs_(std::move(pairs)) {}
  void ReportRuns(const std::vector<Run>& runs) override;
  void Finalize() override;

 private:
  std::vector<std::tuple<std::string, std::string, double>> pairs_;
  std::map<std::string, double> throughput_;
};

}  // namespace xborder::bench
