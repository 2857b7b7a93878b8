// FollowTheMoney writing against the XES JSON writer on the same messages (target >= 0.50): the UN list
// example (an individual with documents and a listing, an entity) read through xml:un-sanctions, repeated to
// 1000 messages; both writers produce one record's text per message, as a conversion does. FtM reading is
// reported against XES JSON reading of the same messages for scale.

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "core/mapping_store.hpp"
#include "formats/ftm/ftm_format.hpp"
#include "ratio_reporter.hpp"
#include "xborder/convert.hpp"
#include "xborder/xes_io.hpp"

namespace {

constexpr std::size_t kMessages = 1000;

const std::vector<xborder::xes::Message>& corpus() {
  static const std::vector<xborder::xes::Message> messages = [] {
    std::ifstream file(std::string(XBORDER_SOURCE_DIR) + "/examples/data/documents/un-sanctions-list.xml");
    std::stringstream text;
    text << file.rdbuf();
    const xborder::Result read =
        xborder::Registry::builtin().converter("xml:un-sanctions", "", {.created = "2026-01-01T00:00:00Z"}).convert(text.str());
    std::vector<xborder::xes::Message> out;
    for (std::size_t i = 0; out.size() < kMessages; ++i) {
      out.push_back(read.messages.at(i % read.messages.size()));
      out.back().header.source->sha256 = std::to_string(i) + out.back().header.source->sha256;  // ids of their own
    }
    return out;
  }();
  return messages;
}

const xborder::detail::Format& ftm() {
  static const xborder::detail::MappingStore store;
  static const auto format = xborder::detail::make_ftm_format(store);
  return *format;
}

void BM_XesJsonWrite(benchmark::State& state) {
  std::string out;
  for (auto _ : state) {
    for (const auto& message : corpus()) {
      xborder::Diagnostics diagnostics;
      auto text = xborder::write_xes(message, xborder::XesSyntax::json, diagnostics);
      benchmark::DoNotOptimize(text);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * corpus().size()));
}

void BM_FtmWrite(benchmark::State& state) {
  const auto writer = ftm().writer({});
  std::string out;
  for (auto _ : state) {
    for (const auto& message : corpus()) {
      xborder::Diagnostics diagnostics;
      out.clear();
      writer->write(message, diagnostics, out);
      benchmark::DoNotOptimize(out);
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * corpus().size()));
}

// Reading: the corpus as XES NDJSON and as FtM NDJSON, each read whole.
void BM_XesJsonReadAll(benchmark::State& state) {
  static const std::string text = [] {
    std::string all;
    for (const auto& message : corpus()) {
      xborder::Diagnostics diagnostics;
      all += *xborder::write_xes(message, xborder::XesSyntax::json, diagnostics) + "\n";
    }
    return all;
  }();
  const auto converter = xborder::Registry::builtin().converter("xes-json", "");
  for (auto _ : state) benchmark::DoNotOptimize(converter.convert(text));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * corpus().size()));
}

void BM_FtmReadAll(benchmark::State& state) {
  static const std::string text = [] {
    const auto writer = ftm().writer({});
    std::string all;
    for (const auto& message : corpus()) {
      xborder::Diagnostics diagnostics;
      writer->write(message, diagnostics, all);
    }
    return all;
  }();
  const auto converter = xborder::Registry::builtin().converter("ftm", "");
  for (auto _ : state) benchmark::DoNotOptimize(converter.convert(text));
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * corpus().size()));
}

BENCHMARK(BM_XesJsonWrite);
BENCHMARK(BM_FtmWrite);
BENCHMARK(BM_XesJsonReadAll);
BENCHMARK(BM_FtmReadAll);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  xborder::bench::RatioReporter reporter(
      {{"BM_FtmWrite", "BM_XesJsonWrite", 0.50}, {"BM_FtmReadAll", "BM_XesJsonReadAll", 0}});
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
