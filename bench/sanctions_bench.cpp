// Reading the UN Security Council consolidated list into XES through the public Registry/Converter path
// (profile un-sanctions, every INDIVIDUAL and ENTITY a message) against a raw Xerces-C SAX2 pass with an empty
// handler over the same bytes (issue 18, target >= 0.50). Two inputs: the development subset of the shared
// reference data (89 KB) and a list of about 2 MB, the full list's size, made of that subset's individuals and
// entities repeated.

#include <benchmark/benchmark.h>
#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>
#include <xercesc/sax2/SAX2XMLReader.hpp>
#include <xercesc/sax2/XMLReaderFactory.hpp>
#include <xercesc/util/PlatformUtils.hpp>
#include <xercesc/util/XMLUni.hpp>

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "ratio_reporter.hpp"
#include "core/memory_stream.hpp"
#include "xborder/convert.hpp"

namespace {

const std::string& subset_text() {
  static const std::string text = [] {
    std::ifstream file(std::string(XBORDER_REFERENCE_DIR) + "/sanctions/un_consolidated_dev_subset.xml",
                       std::ios::binary);
    if (!file) throw std::runtime_error("the UN list subset of the reference data is missing");
    std::stringstream bytes;
    bytes << file.rdbuf();
    return bytes.str();
  }();
  return text;
}

// The content of <TAG>...</TAG> repeated until the whole is about `target` bytes.
std::string repeat_section(const std::string& list, const std::string& tag, std::size_t times) {
  const std::string open = "<" + tag + ">";
  const std::string close = "</" + tag + ">";
  const std::size_t begin = list.find(open);
  const std::size_t end = list.find(close);
  if (begin == std::string::npos || end == std::string::npos) throw std::runtime_error("no " + tag);
  const std::size_t inner = begin + open.size();
  std::string body = list.substr(inner, end - inner);
  std::string out = list.substr(0, inner);
  for (std::size_t i = 0; i < times; ++i) out += body;
  out += list.substr(end);
  return out;
}

const std::string& full_size_text() {
  static const std::string text = [] {
    const std::size_t times = (std::size_t{2} << 20) / subset_text().size() + 1;
    return repeat_section(repeat_section(subset_text(), "INDIVIDUALS", times), "ENTITIES", times);
  }();
  return text;
}

const std::string& input(std::int64_t which) { return which == 0 ? subset_text() : full_size_text(); }

void BM_RawXercesSax2Parse(benchmark::State& state) {
  using namespace xercesc;
  const std::string& text = input(state.range(0));
  XMLPlatformUtils::Initialize();
  std::unique_ptr<SAX2XMLReader> reader(XMLReaderFactory::createXMLReader());
  reader->setFeature(XMLUni::fgSAX2CoreNameSpaces, true);
  // As the xml codec reads: the list's xsi:noNamespaceSchemaLocation is not followed, no DTD is fetched.
  reader->setFeature(XMLUni::fgXercesLoadSchema, false);
  reader->setFeature(XMLUni::fgXercesLoadExternalDTD, false);
  reader->setFeature(XMLUni::fgXercesSchema, false);
  DefaultHandler handler;
  reader->setContentHandler(&handler);
  reader->setErrorHandler(&handler);
  for (auto _ : state) {
    MemBufInputSource source(reinterpret_cast<const XMLByte*>(text.data()), text.size(), "bench", false);
    reader->parse(source);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void BM_UnListToXes(benchmark::State& state) {
  const std::string& text = input(state.range(0));
  const xborder::Converter converter = xborder::Registry::builtin().converter("xml:un-sanctions", "");
  std::size_t records = 0;
  for (auto _ : state) {
    xborder::Result result = converter.convert(text);
    if (!result.ok() || result.messages.empty()) state.SkipWithError("the list did not convert");
    records = result.messages.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["records"] = static_cast<double>(records);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

// The same read through the streaming call, as the CLI, the C ABI and Python's convert_many use it: each
// record's message is handed to the caller and, once let go, the next one is built in it, so no message outlives
// its record. The difference from BM_UnListToXes is what keeping every message (and freeing them) costs.
void BM_UnListToXesStreamed(benchmark::State& state) {
  const std::string& text = input(state.range(0));
  const xborder::Converter converter = xborder::Registry::builtin().converter("xml:un-sanctions", "");
  std::size_t records = 0;
  for (auto _ : state) {
    xborder::detail::MemoryStream stream(text);
    std::size_t messages = 0;
    bool ok = true;
    converter.convert(stream, [&](xborder::Result&& result) {
      ok = ok && result.ok();
      messages += result.messages.size();
      return true;
    });
    if (!ok || messages == 0) state.SkipWithError("the list did not convert");
    records = messages;
  }
  state.counters["records"] = static_cast<double>(records);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

// Argument 0: the 89 KB subset; 1: the same repeated to about 2 MB. Wall time: a list of 256 KiB or more is
// parsed on a second thread while the rules run (the CPU time of the benchmark's own thread would leave the
// parser's out).
BENCHMARK(BM_RawXercesSax2Parse)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_UnListToXes)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_UnListToXesStreamed)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  // Wall-time benchmarks are named with "/real_time".
  xborder::bench::RatioReporter reporter(
      {{"BM_UnListToXes/0/real_time", "BM_RawXercesSax2Parse/0/real_time", 0.50},
       {"BM_UnListToXes/1/real_time", "BM_RawXercesSax2Parse/1/real_time", 0.50},
       {"BM_UnListToXesStreamed/0/real_time", "BM_RawXercesSax2Parse/0/real_time", 0.50},
       {"BM_UnListToXesStreamed/1/real_time", "BM_RawXercesSax2Parse/1/real_time", 0.50}});
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
