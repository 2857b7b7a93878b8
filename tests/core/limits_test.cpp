// Resource limits as API: hostile input to every codec ends in a clean error that names the bound, after one
// pass and in bounded memory, and ConvertOptions::limits lowers or raises each bound.

#include <gtest/gtest.h>

#include <string>

#include "xborder/convert.hpp"
#include "xborder/xes_io.hpp"

namespace xborder {
namespace {

Result convert(std::string_view from, std::string_view to, const std::string& input, Limits limits = {}) {
  return Registry::builtin().converter(from, to, {.limits = limits}).convert(input);
}

bool has_error(const Result& result, std::string_view code) {
  for (const auto& error : result.diagnostics.errors()) {
    if (error.code == code) return true;
  }
  return false;
}

TEST(Limits, AHugeJsonKeyIsRefusedBeforeItIsCopiedIntoEveryField) {
  std::string input = "{\"" + std::string(1 << 20, 'k') + "\": {";
  for (int i = 0; i < 1000; ++i) input += (i ? "," : "") + ("\"f" + std::to_string(i) + "\": 1");
  input += "}}";
  const Result result = convert("json:interpol-red-notice", "", input);
  EXPECT_TRUE(has_error(result, "json.path")) << result.diagnostics.to_json().substr(0, 400);
}

TEST(Limits, DeepJsonNestingIsRefusedAtTheBound) {
  const std::string input(200'000, '[');
  EXPECT_TRUE(has_error(convert("json:interpol-red-notice", "", input), "json.depth"));
  Limits shallow;
  shallow.depth = 3;
  EXPECT_TRUE(has_error(convert("json:interpol-red-notice", "", "{\"a\": {\"b\": {\"c\": [1]}}}", shallow), "json.depth"));
}

TEST(Limits, AHugeXmlNameAndDeepXmlAreRefused) {
  const std::string name(1 << 20, 'N');
  std::string wide = "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL><" + name + ">";
  for (int i = 0; i < 1000; ++i) wide += "<F" + std::to_string(i) + ">x</F" + std::to_string(i) + ">";
  wide += "</" + name + "></INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>";
  EXPECT_TRUE(has_error(convert("xml:un-sanctions", "", wide), "xml.path"));
  std::string deep = "<CONSOLIDATED_LIST>";
  for (int i = 0; i < 100'000; ++i) deep += "<a>";
  EXPECT_TRUE(has_error(convert("xml:un-sanctions", "", deep), "xml.depth"));
}

// A field path with a huge index would make the writer fill a million empty subfields.
TEST(Limits, AnAn2kPathWithAHugeIndexIsRefusedByTheWriter) {
  const std::string xes = R"({"xes": "1.0", "header": {"message_id": "m", "created": "2026-01-01T00:00:00Z"},
    "extensions": [{"source_path": "1.001", "value": "0"}, {"source_path": "1.002", "value": "0502"},
                   {"source_path": "2.018[999999]", "value": "X"}]})";
  const Result result = convert("xes-json", "an2k", xes);
  ASSERT_TRUE(has_error(result, "an2k.write")) << result.diagnostics.to_json();
  EXPECT_EQ(result.diagnostics.errors().at(0).path, "2.018[999999]");
  EXPECT_TRUE(result.output.empty());
}

TEST(Limits, RecordsFieldsAndValuesOfAnyCodecAreBounded) {
  std::string rows = "AKTENZEICHEN;NACHNAME;VORNAMEN;GEBURTSNAME;GESCHLECHT;GEBURTSDATUM;GEBURTSORT;"
                     "STAATSANGEHOERIGKEIT;PKS_SCHLUESSEL;TATVORWURF;TATZEIT;TATORT;BEMERKUNG\r\n";
  for (int i = 0; i < 10; ++i) rows += "A" + std::to_string(i) + ";Muster;Max;;M;01.01.1980;Berlin;DE;;;;;\r\n";
  Limits few;
  few.records = 3;
  std::size_t delivered = 0, refused = 0;
  std::istringstream input(rows);
  Registry::builtin().converter("tabular:example-de-csv", "", {.limits = few}).convert(input, [&](Result&& record) {
    (record.ok() ? delivered : refused) += 1;
    if (!record.ok()) EXPECT_EQ(record.diagnostics.errors().at(0).code, "limits.records");
    return true;
  });
  EXPECT_EQ(delivered, 3u);
  EXPECT_EQ(refused, 1u);

  Limits narrow;
  narrow.fields = 5;
  EXPECT_TRUE(has_error(convert("tabular:example-de-csv", "", rows, narrow), "limits.fields"));
  Limits short_values;
  short_values.value_bytes = 4;
  EXPECT_TRUE(has_error(convert("tabular:example-de-csv", "", rows, short_values), "limits.value"));
  Limits small_input;
  small_input.input_bytes = 10;
  EXPECT_TRUE(has_error(convert("mrz", "", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n", small_input), "mrz.size"));
}

// A record with thousands of problems keeps the first ones and counts the rest.
TEST(Limits, DiagnosticsOfARecordAreKeptUpToTheBoundAndTheRestCounted) {
  std::string xes = R"({"xes": "1.0", "header": {"message_id": "m", "created": "2026-01-01T00:00:00Z"})";
  for (int i = 0; i < 5000; ++i) xes += ", \"unknown" + std::to_string(i) + "\": 1";
  xes += "}";
  Limits few;
  few.diagnostics = 100;
  const Result result = convert("xes-json", "", xes, few);
  ASSERT_EQ(result.diagnostics.all().size(), 101u);
  EXPECT_EQ(result.diagnostics.all().back().code, "diagnostics.more");
  EXPECT_NE(result.diagnostics.all().back().message.find("4900 more"), std::string::npos);
  EXPECT_EQ(result.diagnostics.all().back().severity, Severity::loss);
}

}  // namespace
}  // namespace xborder
