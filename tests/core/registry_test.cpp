// The format registry: listing, sniffing, converters (shared across threads) and run-time mappings.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "test_support.hpp"
#include "xborder/convert.hpp"
#include "xborder/xes_io.hpp"

namespace xborder {
namespace {

TEST(Registry, ListsTheXesFormats) {
  const auto formats = Registry::builtin().formats();
  ASSERT_GE(formats.size(), 2u);
  EXPECT_EQ(formats[0].id, "xes-json");
  EXPECT_EQ(formats[1].id, "xes-xml");
  for (const auto& format : formats) {
    // Every format reads, and writes but the documents others publish (Interpol notices, the UN sanctions
    // list: JSON and XML, read only).
    EXPECT_TRUE(format.can_read) << format.id;
    EXPECT_EQ(format.can_write, !format.id.starts_with("json:") && !format.id.starts_with("xml:")) << format.id;
    EXPECT_FALSE(format.description.empty());
  }
}

TEST(Registry, RefusesToWriteAReadOnlyFormat) {
  EXPECT_THROW(Registry::builtin().converter("xes-json", "json:interpol-red-notice"), FormatError);
}

TEST(Registry, SniffsXesJsonAndXml) {
  const auto& registry = Registry::builtin();
  EXPECT_EQ(registry.sniff("\xEF\xBB\xBF  {\"xes\": \"1.0\"}"), "xes-json");
  EXPECT_EQ(registry.sniff("<?xml version=\"1.0\"?><message xmlns=\"urn:xborder:xes:1\">"), "xes-xml");
  EXPECT_EQ(registry.sniff("NAME;DOB\r\n"), "");
}

TEST(Registry, SniffsAnsiNistTransactionsAndTheirDomain) {
  const auto& registry = Registry::builtin();
  EXPECT_EQ(registry.sniff("1.001:259\x1D" "1.002:0500\x1D"), "an2k");
  EXPECT_EQ(registry.sniff("1.01:182\x1D" "1.02:0400\x1D" "1.13:EBTSTEST_NORAM\x1C"), "an2k:ebts");
  EXPECT_EQ(registry.sniff("1.001:\x1D"), "");  // no LEN digits
}

TEST(Registry, UnknownFormatsAreCallerErrors) {
  EXPECT_THROW(Registry::builtin().converter("no-such-format"), FormatError);
  EXPECT_THROW(Registry::builtin().converter("xes-json", "no-such-format"), FormatError);
}

TEST(Converter, SniffsItsInputAndConverts) {
  const Converter converter = Registry::builtin().converter("", "xes-xml");
  const Result result = converter.convert(test::source_file("examples/data/red-notice.json"));
  ASSERT_TRUE(result.ok()) << result.diagnostics.to_json();
  Diagnostics diagnostics;
  const auto written = read_xes(result.output, XesSyntax::xml, diagnostics);
  const auto golden = read_xes(test::source_file("tests/golden/red-notice.xml"), XesSyntax::xml, diagnostics);
  ASSERT_TRUE(written && golden) << diagnostics.to_json();
  EXPECT_EQ(*written, *golden);
  ASSERT_EQ(result.messages.size(), 1u);
  EXPECT_EQ(result.messages[0].persons.at(0).names.at(1).scheme, "icao9303");
}

TEST(Converter, UnknownInputIsADiagnosticNotAnException) {
  const Result result = Registry::builtin().converter("").convert("not a record");
  EXPECT_FALSE(result.ok());
  EXPECT_EQ(result.diagnostics.errors().at(0).code, "sniff.unknown");
}

TEST(Converter, StrictModeTurnsLossesIntoErrors) {
  const std::string input = test::xes_json(R"("persons": [{"id": "p1", "future": 1}])");
  EXPECT_TRUE(Registry::builtin().converter("xes-json").convert(input).ok());
  const Result strict = Registry::builtin().converter("xes-json", "xes-json", {.strict = true}).convert(input);
  EXPECT_FALSE(strict.ok());
  EXPECT_TRUE(strict.output.empty());
}

// Losses raised while writing count too: a name the MRZ writer must cut refuses the record when strict.
TEST(Converter, StrictModeCoversLossesRaisedWhileWriting) {
  const std::string input = test::xes_json(
      R"("persons": [{"id": "p1", "names": [{"family": "WOLFESCHLEGELSTEINHAUSENBERGERDORFF",)"
      R"( "given": ["HUBERT", "BLAINE", "WOLFE"]}], "birth_date": "1974-08-12", "sex": {"code": 2}}],)"
      R"( "documents": [{"id": "d1", "type": "P", "number": "L898902C3", "issuer": "UTO",)"
      R"( "expires": "2012-04-15", "holder": "p1"}])");
  const Result lenient = Registry::builtin().converter("xes-json", "mrz:td3").convert(input);
  ASSERT_TRUE(lenient.ok()) << lenient.diagnostics.to_json();
  ASSERT_EQ(lenient.diagnostics.losses().size(), 1u) << lenient.diagnostics.to_json();
  EXPECT_EQ(lenient.diagnostics.losses()[0].code, "mrz.truncated");
  EXPECT_FALSE(lenient.output.empty());
  const Result strict = Registry::builtin().converter("xes-json", "mrz:td3", {.strict = true}).convert(input);
  EXPECT_FALSE(strict.ok());
  EXPECT_EQ(strict.diagnostics.errors().at(0).code, "mrz.truncated");
  EXPECT_TRUE(strict.output.empty());
}

TEST(Converter, OneConverterServesManyThreads) {
  const Converter converter = Registry::builtin().converter("xes-json", "xes-xml");
  const std::string input = test::source_file("examples/data/arrest-booking.json");
  const std::string expected = converter.convert(input).output;
  ASSERT_FALSE(expected.empty());
  std::vector<std::thread> threads;
  std::atomic<int> mismatches = 0;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (converter.convert(input).output != expected) ++mismatches;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, 0);
}

TEST(Registry, MappingsDirectoryOverridesEmbeddedData) {
  const auto dir = std::filesystem::temp_directory_path() / ("xborder-mappings-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "codes");
  std::ofstream(dir / "codes" / "countries.csv") << "# test table\ncode,alpha2,name,source\nDEU,DE,Germany,test\n";
  const std::string document = test::xes_json(R"("persons": [{"id": "p1", "nationalities": ["FRA"]}])");
  EXPECT_FALSE(Registry::builtin().validate(document).has_errors());
  const Registry custom(RegistryOptions{dir});
  const auto diagnostics = custom.validate(document);
  ASSERT_TRUE(diagnostics.has_errors());
  EXPECT_EQ(diagnostics.errors()[0].code, "xes.country");
  // The MRZ reader checks state codes against the same table: Utopia is known to ICAO, not to this one.
  const std::string zone = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                           "L898902C36UTO7408122F1204159ZE184226B<<<<<10\n";
  const auto state_warnings = [&](const Registry& registry) {
    const Result result = registry.converter("mrz", "xes-json").convert(zone);
    EXPECT_TRUE(result.ok()) << result.diagnostics.to_json();
    const auto warnings = result.diagnostics.warnings();
    return std::count_if(warnings.begin(), warnings.end(), [](const Diagnostic& d) { return d.code == "mrz.state-code"; });
  };
  EXPECT_EQ(state_warnings(Registry::builtin()), 0);
  EXPECT_EQ(state_warnings(custom), 2);  // issuing state and nationality
  std::filesystem::remove_all(dir);
  EXPECT_THROW(Registry(RegistryOptions{dir}), Error);
}

}  // namespace
}  // namespace xborder

namespace xborder {
namespace {

// NDJSON is read a line at a time: a bad line is reported where it stands and the others still convert.
TEST(Converter, NdjsonStreamsLineByLineAndLocatesBadLines) {
  const std::string good = test::xes_json();
  const std::string input = good + "\n" + R"({"xes": "1.0", "persons": [{"id": 7}]})" + "\n\n" + good + "\n";
  std::vector<Result> records;
  std::istringstream stream(input);
  Registry::builtin().converter("xes-json", "").convert(stream, [&](Result&& result) {
    records.push_back(std::move(result));
    return true;
  });
  ASSERT_EQ(records.size(), 3u);
  EXPECT_TRUE(records[0].ok() && records[2].ok());
  ASSERT_FALSE(records[1].ok());
  const Diagnostic error = records[1].diagnostics.errors()[0];
  EXPECT_EQ(error.path, "line[2]/persons/0/id");
  ASSERT_TRUE(error.offset);
  EXPECT_EQ(input.substr(*error.offset - 1, 1), "7");
}

}  // namespace
}  // namespace xborder
