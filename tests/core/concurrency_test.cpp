// Converters are immutable and shared between threads (DESIGN.md, section 5). Here every readable format is
// converted to every target by 8 threads at once, with ONE converter per (source, target) pair and ONE
// registry shared by all, and each thread must get exactly what a single thread gets: output, messages and
// diagnostics. Meanwhile the threads also ask the shared registry for converters and sniff, and stream.
// `./run tsan` runs this suite under ThreadSanitizer, which reports any data race the comparison misses.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "test_support.hpp"
#include "xborder/convert.hpp"
#include "xborder/xes_io.hpp"

namespace xborder {
namespace {

constexpr int kThreads = 8;
constexpr int kRounds = 2;
const ConvertOptions kOptions{.created = "2026-01-01T00:00:00Z"};  // the same header for every run

// Inputs of the formats that have no example in the repository, small enough to read here.
const char* const kMrzTd2 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6\n";
const char* const kMrzMrvA =
    "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8988901C4XXX4009078F96121096ZE184226B<<<<<<\n";
const char* const kMrzMrvB = "VCFINMEIKAELAEINEN<<MATTI<<<<<<<<<<<\n0005467<<2RUS7001017M1111019<M901101\n";
const char* const kInterpolNotice =
    R"({"arrest_warrants": [{"charge": "Fraud", "issuing_country_id": "DE", "charge_translation": null}],
    "weight": 0, "forename": "ANNA", "date_of_birth": "1958/11/05", "entity_id": "1993/27493",
    "nationalities": ["DE", "AT"], "height": 1.65, "sex_id": "F", "country_of_birth_id": "DE",
    "name": "MUSTERFRAU", "place_of_birth": "KARLSRUHE", "_links": {"self": {"href": "x"}}})";
const char* const kInterpolPage =
    R"({"total": 2, "_embedded": {"notices": [
    {"forename": "ANNA", "date_of_birth": "1970/01/02", "entity_id": "2020/1", "nationalities": ["DE"], "name": "MUSTER"},
    {"forename": "-", "date_of_birth": "1980/05/06", "entity_id": "2020/2", "nationalities": [], "name": "BEISPIEL"}]},
    "_links": {"self": {"href": "y"}}})";
const char* const kNiemWarrant =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<w:Warrants xmlns:w="http://ojbc.org/IEPD/Exchange/Warrants/1.0" xmlns:nc="http://niem.gov/niem/niem-core/2.0">
  <w:eBWResults>
    <nc:Person>
      <nc:PersonName><nc:PersonGivenName>DONNA</nc:PersonGivenName><nc:PersonSurName>BEISPIEL</nc:PersonSurName></nc:PersonName>
      <nc:PersonBirthDate><nc:Date>1955-03-13</nc:Date></nc:PersonBirthDate>
      <nc:PersonSexCode>F</nc:PersonSexCode>
    </nc:Person>
  </w:eBWResults>
</w:Warrants>
)";

// Inputs for each readable format: the project's examples and golden files, and the documents above.
std::map<std::string, std::vector<std::string>> inputs_by_format() {
  return {
      {"xes-json", {test::source_file("examples/data/red-notice.json"),
                    test::source_file("examples/data/arrest-booking.json")}},
      {"xes-xml", {test::source_file("tests/golden/red-notice.xml"), test::source_file("tests/golden/arrest-booking.xml")}},
      {"an2k", {test::source_file("examples/data/an2k/ebts-arrest.an2")}},
      {"an2k:ebts", {test::source_file("examples/data/an2k/ebts-arrest.an2")}},
      {"an2k:int-i", {test::source_file("examples/data/an2k/ebts-arrest.an2")}},
      {"an2k-xml", {test::source_file("examples/data/an2k/ebts-arrest.xml")}},
      {"an2k-xml:ebts-xml", {test::source_file("examples/data/an2k/ebts-arrest.xml")}},
      {"mrz", {test::source_file("examples/data/mrz/passport-td3.txt"), test::source_file("examples/data/mrz/id-card-td1.txt")}},
      {"mrz:td1", {test::source_file("examples/data/mrz/id-card-td1.txt")}},
      {"mrz:td2", {kMrzTd2}},
      {"mrz:td3", {test::source_file("examples/data/mrz/passport-td3.txt")}},
      {"mrz:mrva", {kMrzMrvA}},
      {"mrz:mrvb", {kMrzMrvB}},
      {"tabular:example-de-csv", {test::source_file("examples/data/tabular/de-register.csv")}},
      {"tabular:example-ru-fixed", {test::source_file("examples/data/tabular/ru-register.txt")}},
      {"json:interpol-red", {kInterpolPage}},
      {"json:interpol-red-notice", {kInterpolNotice}},
      {"xml:un-sanctions", {test::source_file("examples/data/documents/un-sanctions-list.xml")}},
      {"xml:eu-sanctions", {test::source_file("examples/data/documents/eu-sanctions-list.xml")}},
      {"json:interpol-yellow-notice", {test::source_file("examples/data/documents/yellow-notice.json")}},
      {"json:interpol-un-notice", {test::source_file("examples/data/documents/un-notice.json")}},
      {"xml:eu-sanctions", {test::source_file("examples/data/documents/eu-sanctions-list.xml")}},
      {"xml:niem-ojbc-warrant", {kNiemWarrant}},
      {"ftm", {test::source_file("examples/data/ftm/sanctioned-person.ndjson")}},
      {"xml:niem-ojbc-criminal-history", {test::source_file("examples/data/niem/criminal-history.xml")}},
      {"xml:niem-ojbc-criminal-history-text", {test::source_file("examples/data/niem/criminal-history-text.xml")}},
      {"xml:niem-ojbc-booking", {test::source_file("examples/data/niem/booking.xml")}},
      {"xml:niem-ojbc-incident", {test::source_file("examples/data/niem/incident.xml")}},
      {"ncic", {test::source_file("examples/data/ncic/wanted-person-entry.txt")}},
      {"ncic:ew", {test::source_file("examples/data/ncic/wanted-person-entry.txt")}},
      {"ncic:qw", {test::source_file("examples/data/ncic/wanted-person-inquiry.txt")}},
      {"ncic:hit", {test::source_file("examples/data/ncic/wanted-person-hit.txt")}},
      {"tabular:screening-list-csv",
       {"list_id,full_name,first_name,middle_name,last_name,gender,date_of_birth,place_of_birth,nationality\n"
        "L1,ABDULHAI SALEK,,,,,1965,\"Kabul, Afghanistan\",af\nL2,Yulia Tymoshenko,,,,,1960-11-27,,ua\n"}},
      {"tabular:screening-query-csv",
       {"query_id,expected_list_id,full_name,first_name,middle_name,last_name,gender,date_of_birth,place_of_birth,"
        "nationality\nQ1,L1,\"SALEK, ABDULHAI\",,,,,1965,,af\nQ2,,Maria Garcia,,,,,1971-3-2,,es\n"}},
  };
}

// Everything a conversion gives, as text to compare.
std::string outcome(const Result& result) {
  std::string text = result.output + "\n--\n" + result.diagnostics.to_json() + "\n--\n";
  for (const auto& message : result.messages) {
    Diagnostics ignored;
    text += write_xes(message, XesSyntax::json, ignored).value_or("(not writable)") + "\n";
  }
  return text;
}

// The same, record by record, through the streaming interface.
std::string streamed_outcome(const Converter& converter, const std::string& input) {
  std::istringstream stream(input);
  std::string text;
  converter.convert(stream, [&](Result&& record) {
    text += outcome(record) + "\n==\n";
    return true;
  });
  return text;
}

struct Job {
  const Converter* converter;
  std::string from, to;  // for messages; `from` empty: sniffed
  const std::string* input;
  std::string expected;           // Converter::convert
  std::string expected_streamed;  // Converter::convert(std::istream&, ...)
  std::string expected_sniff;     // Registry::sniff
};

TEST(Concurrency, EveryReadableFormatHasInputsHere) {
  const auto inputs = inputs_by_format();
  for (const FormatInfo& format : Registry::builtin().formats()) {
    if (format.can_read) EXPECT_TRUE(inputs.count(format.id)) << format.id << ": add an input to " << __FILE__;
  }
}

TEST(Concurrency, SharedConvertersGiveEveryThreadWhatOneThreadGets) {
  const Registry& registry = Registry::builtin();  // one registry, shared
  const auto inputs = inputs_by_format();
  std::vector<std::string> targets{""};  // read only: the messages
  std::set<std::string> readable;
  for (const FormatInfo& format : registry.formats()) {
    if (format.can_write) targets.push_back(format.id);
    if (format.can_read) readable.insert(format.id);
  }

  // One converter per pair, built before the threads start; sniffing converters ("" as source) too.
  std::vector<std::unique_ptr<Converter>> converters;
  std::vector<Job> jobs;
  for (const auto& [from, texts] : inputs) {
    if (!readable.count(from)) continue;  // a format of another build: EveryReadableFormatHasInputsHere says
    for (const std::string& to : targets) {
      for (const std::string& source : {from, std::string()}) {
        if (source.empty() && to != "" && to != "xes-json") continue;  // sniffing: a few targets suffice
        converters.push_back(std::make_unique<Converter>(registry.converter(source, to, kOptions)));
        for (const std::string& input : texts) {
          jobs.push_back({converters.back().get(), source, to, &input, {}, {}, {}});
        }
      }
    }
  }
  for (Job& job : jobs) {
    const Result result = job.converter->convert(*job.input);
    if (!job.from.empty() && job.to.empty()) {  // each input is worth converting: it reads without errors
      EXPECT_TRUE(result.ok() && !result.messages.empty()) << job.from << ": " << result.diagnostics.to_json();
    }
    job.expected = outcome(result);
    job.expected_streamed = streamed_outcome(*job.converter, *job.input);
    job.expected_sniff = registry.sniff(*job.input);
  }
  ASSERT_GT(jobs.size(), 100u);
  std::printf("%zu converters, %zu jobs, %d threads\n", converters.size(), jobs.size(), kThreads);

  std::mutex mutex;
  std::vector<std::string> mismatches;
  const auto worker = [&](int index) {
    std::vector<std::string> found;
    for (int round = 0; round < kRounds; ++round) {
      // Each thread walks the jobs from its own starting point, so that different threads use the same
      // converter at the same time as well as different converters.
      for (std::size_t n = 0; n < jobs.size(); ++n) {
        const Job& job = jobs[(n + index * jobs.size() / kThreads) % jobs.size()];
        const std::string label = "thread " + std::to_string(index) + ": " +
                                  (job.from.empty() ? "(sniffed)" : job.from) + " -> " +
                                  (job.to.empty() ? "(messages)" : job.to);
        if (outcome(job.converter->convert(*job.input)) != job.expected) found.push_back(label);
        if (n % 4 == static_cast<std::size_t>(index % 4)) {
          if (streamed_outcome(*job.converter, *job.input) != job.expected_streamed) {
            found.push_back(label + " (streamed)");
          }
          // The shared registry hands out converters and sniffs while others convert.
          const Converter fresh = registry.converter(job.from, job.to, kOptions);
          if (outcome(fresh.convert(*job.input)) != job.expected) found.push_back(label + " (fresh converter)");
          if (registry.sniff(*job.input) != job.expected_sniff) found.push_back(label + " (sniff)");
        }
      }
    }
    const std::lock_guard lock(mutex);
    mismatches.insert(mismatches.end(), found.begin(), found.end());
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) threads.emplace_back(worker, i);
  for (auto& thread : threads) thread.join();

  EXPECT_TRUE(mismatches.empty()) << mismatches.size() << " conversions differ from the single-threaded run, "
                                  << "first: " << (mismatches.empty() ? "" : mismatches.front());
}

}  // namespace
}  // namespace xborder
