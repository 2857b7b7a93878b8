// XES read/write throughput against in-process baselines over the same bytes:
//   XES JSON read vs a raw RapidJSON DOM parse (target >= 0.70), XES XML read vs a raw Xerces SAX2 parse with
//   an empty handler (target >= 0.70). Writes are reported against the same baselines for scale.

#include <benchmark/benchmark.h>
#include <rapidjson/document.h>
#include <xercesc/framework/MemBufInputSource.hpp>
#include <xercesc/sax2/DefaultHandler.hpp>
#include <xercesc/sax2/SAX2XMLReader.hpp>
#include <xercesc/sax2/XMLReaderFactory.hpp>
#include <xercesc/util/PlatformUtils.hpp>
#include <xercesc/util/XMLUni.hpp>

#include <fstream>
#include <memory>
#include <sstream>

#include "ratio_reporter.hpp"
#include "xborder/xes_io.hpp"

namespace {

using xborder::XesSyntax;

// The arrest-booking example with its entity lists repeated to about 300 KB.
const xborder::xes::Message& corpus_message() {
  static const xborder::xes::Message message = [] {
    std::ifstream file(std::string(XBORDER_SOURCE_DIR) + "/examples/data/arrest-booking.json");
    std::stringstream text;
    text << file.rdbuf();
    xborder::Diagnostics diagnostics;
    xborder::xes::Message one = *xborder::read_xes(text.str(), XesSyntax::json, diagnostics);
    xborder::xes::Message many = one;
    for (int i = 1; i < 150; ++i) {
      for (auto person : one.persons) many.persons.push_back((person.id += std::to_string(i), person));
      for (auto offence : one.offences) many.offences.push_back((offence.id += std::to_string(i), offence));
      for (auto biometric : one.biometrics) many.biometrics.push_back((biometric.id += std::to_string(i), biometric));
      for (auto vehicle : one.vehicles) many.vehicles.push_back((vehicle.id += std::to_string(i), vehicle));
      for (auto location : one.locations) many.locations.push_back((location.id += std::to_string(i), location));
      many.provenance.insert(many.provenance.end(), one.provenance.begin(), one.provenance.end());
    }
    return many;
  }();
  return message;
}

const std::string& corpus_text(XesSyntax syntax) {
  static const auto make = [](XesSyntax s) {
    xborder::Diagnostics diagnostics;
    return *xborder::write_xes(corpus_message(), s, diagnostics);
  };
  static const std::string json = make(XesSyntax::json);
  static const std::string xml = make(XesSyntax::xml);
  return syntax == XesSyntax::json ? json : xml;
}

void BM_RawRapidJsonDomParse(benchmark::State& state) {
  const std::string& text = corpus_text(XesSyntax::json);
  for (auto _ : state) {
    rapidjson::Document document;
    document.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
    benchmark::DoNotOptimize(document.HasParseError());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

template <XesSyntax kSyntax>
void BM_XesRead(benchmark::State& state) {
  const std::string& text = corpus_text(kSyntax);
  for (auto _ : state) {
    xborder::Diagnostics diagnostics;
    auto message = xborder::read_xes(text, kSyntax, diagnostics);
    if (!message) state.SkipWithError("read failed");
    benchmark::DoNotOptimize(message);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

template <XesSyntax kSyntax>
void BM_XesWrite(benchmark::State& state) {
  const auto& message = corpus_message();
  const std::size_t size = corpus_text(kSyntax).size();
  for (auto _ : state) {
    xborder::Diagnostics diagnostics;
    auto text = xborder::write_xes(message, kSyntax, diagnostics);
    benchmark::DoNotOptimize(text);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}

void BM_RawXercesSax2Parse(benchmark::State& state) {
  using namespace xercesc;
  const std::string& text = corpus_text(XesSyntax::xml);
  XMLPlatformUtils::Initialize();
  std::unique_ptr<SAX2XMLReader> reader(XMLReaderFactory::createXMLReader());
  reader->setFeature(XMLUni::fgSAX2CoreNameSpaces, true);
  DefaultHandler handler;
  reader->setContentHandler(&handler);
  reader->setErrorHandler(&handler);
  for (auto _ : state) {
    MemBufInputSource source(reinterpret_cast<const XMLByte*>(text.data()), text.size(), "bench", false);
    reader->parse(source);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

BENCHMARK(BM_RawRapidJsonDomParse);
BENCHMARK(BM_XesRead<XesSyntax::json>)->Name("BM_XesJsonRead");
BENCHMARK(BM_XesWrite<XesSyntax::json>)->Name("BM_XesJsonWrite");
BENCHMARK(BM_RawXercesSax2Parse);
BENCHMARK(BM_XesRead<XesSyntax::xml>)->Name("BM_XesXmlRead");
BENCHMARK(BM_XesWrite<XesSyntax::xml>)->Name("BM_XesXmlWrite");

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  xborder::bench::RatioReporter reporter({{"BM_XesJsonRead", "BM_RawRapidJsonDomParse", 0.70},
                                          {"BM_XesJsonWrite", "BM_RawRapidJsonDomParse", 0},
                                          {"BM_XesXmlRead", "BM_RawXercesSax2Parse", 0.70},
                                          {"BM_XesXmlWrite", "BM_RawXercesSax2Parse", 0}});
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
