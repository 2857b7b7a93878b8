// Hostile input: entity bombs, external entities, DOCTYPEs, deep nesting, oversized and malformed bytes.
// Each is rejected with a clear error after bounded work (the offsets show where reading stopped).

#include <gtest/gtest.h>

#include "test_support.hpp"
#include "xborder/convert.hpp"
#include "xborder/xes_io.hpp"

namespace xborder {
namespace {

Diagnostics read_failing(std::string_view bytes, XesSyntax syntax, const XesReadLimits& limits = {}) {
  Diagnostics diagnostics;
  EXPECT_FALSE(read_xes(bytes, syntax, diagnostics, limits));
  EXPECT_TRUE(diagnostics.has_errors());
  return diagnostics;
}

TEST(Hardening, BillionLaughsIsRejectedAtTheDoctype) {
  std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE message [\n<!ENTITY lol \"lol\">\n";
  bomb += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
  for (int i = 2; i <= 9; ++i) {
    bomb += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) bomb += "&lol" + std::to_string(i - 1) + ";";
    bomb += "\">\n";
  }
  bomb += "]>\n<message xmlns=\"urn:xborder:xes:1\"><xes>&lol9;</xes></message>";
  for (const bool validate : {false, true}) {
    const auto diagnostics = validate ? Registry::builtin().validate(bomb, "xes-xml") : read_failing(bomb, XesSyntax::xml);
    ASSERT_TRUE(diagnostics.has_errors());
    EXPECT_EQ(diagnostics.errors()[0].code, "xml.doctype") << diagnostics.to_json();
  }
}

TEST(Hardening, ExternalEntityIsNeverFetched) {
  const std::string xxe =
      "<?xml version=\"1.0\"?><!DOCTYPE message [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>"
      "<message xmlns=\"urn:xborder:xes:1\"><xes>1.0</xes><header><purpose>&secret;</purpose></header></message>";
  const auto diagnostics = read_failing(xxe, XesSyntax::xml);
  EXPECT_EQ(diagnostics.errors()[0].code, "xml.doctype");
  EXPECT_EQ(diagnostics.to_json().find("root:"), std::string::npos);
}

TEST(Hardening, AnyDoctypeIsRejected) {
  const auto diagnostics = read_failing(
      "<?xml version=\"1.0\"?><!DOCTYPE message SYSTEM \"http://example.invalid/xes.dtd\">"
      "<message xmlns=\"urn:xborder:xes:1\"><xes>1.0</xes></message>",
      XesSyntax::xml);
  EXPECT_EQ(diagnostics.errors()[0].code, "xml.doctype");
  EXPECT_NE(diagnostics.errors()[0].message.find("DOCTYPE"), std::string::npos);
}

// Xerces decodes ahead of its parse and would report a bad byte at line 1; offsets are UTF-8 byte offsets.
TEST(Hardening, XmlThatIsNotUtf8IsRefusedWhereItStopsBeing) {
  const std::string bad = "<?xml version=\"1.0\"?>\n<message xmlns=\"urn:xborder:xes:1\"><xes>1.1</xes>"
                          "<header><purpose>M\xFCller</purpose></header></message>";
  const std::string utf16 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><message xmlns=\"urn:xborder:xes:1\"/>";
  for (const bool validate : {false, true}) {
    const auto byte = validate ? Registry::builtin().validate(bad, "xes-xml") : read_failing(bad, XesSyntax::xml);
    ASSERT_TRUE(byte.has_errors());
    EXPECT_EQ(byte.errors()[0].code, "xml.encoding") << byte.to_json();
    EXPECT_EQ(byte.errors()[0].offset, bad.find('\xFC'));
    const auto declared = validate ? Registry::builtin().validate(utf16, "xes-xml") : read_failing(utf16, XesSyntax::xml);
    ASSERT_TRUE(declared.has_errors());
    EXPECT_EQ(declared.errors()[0].code, "xml.encoding") << declared.to_json();
    EXPECT_EQ(declared.errors()[0].offset, utf16.find("UTF-16"));
  }
}

TEST(Hardening, MillionDeepJsonArrayStopsAtTheFirstByte) {
  const std::string deep(1'000'000, '[');
  const auto diagnostics = read_failing(deep + std::string(1'000'000, ']'), XesSyntax::json);
  ASSERT_TRUE(diagnostics.errors()[0].offset);
  EXPECT_LE(*diagnostics.errors()[0].offset, 1u);  // the root must be an object: nothing more is read
  EXPECT_TRUE(Registry::builtin().validate(deep, "xes-json").has_errors());
}

TEST(Hardening, DeepJsonInsideAnUnknownMemberStopsAtTheDepthLimit) {
  const std::string deep = "{\"xes\": \"1.0\", \"future\": " + std::string(1'000'000, '[');
  const auto diagnostics = read_failing(deep, XesSyntax::json);
  EXPECT_EQ(diagnostics.errors()[0].code, "json.depth");
  ASSERT_TRUE(diagnostics.errors()[0].offset);
  EXPECT_LT(*diagnostics.errors()[0].offset, 100u);
}

TEST(Hardening, DeepXmlStopsAtTheDepthLimit) {
  std::string deep = "<message xmlns=\"urn:xborder:xes:1\">";
  for (int i = 0; i < 100'000; ++i) deep += "<x>";
  const auto diagnostics = read_failing(deep, XesSyntax::xml, {.max_depth = 32});
  EXPECT_EQ(diagnostics.losses().size(), 1u);  // <x> is unknown: reported once, its subtree skipped
  EXPECT_EQ(diagnostics.errors()[0].code, "xml.depth") << diagnostics.to_json();
}

TEST(Hardening, OversizedInputIsRejectedBeforeParsing) {
  const auto diagnostics = read_failing(test::xes_json(), XesSyntax::json, {.max_bytes = 16});
  EXPECT_EQ(diagnostics.errors()[0].code, "input.size");
}

TEST(Hardening, InvalidUtf8IsRejectedWithItsOffset) {
  const std::string text = R"({"xes": "1.0", "header": {"purpose": "caf)" "\xC3\x28" R"("}})";
  const auto diagnostics = read_failing(text, XesSyntax::json);
  EXPECT_EQ(diagnostics.errors()[0].code, "json.syntax");
  EXPECT_NE(diagnostics.errors()[0].message.find("encoding"), std::string::npos);
}

TEST(Hardening, BytesAfterANulAreNotIgnored) {
  std::string text = test::xes_json();
  text.push_back('\0');
  text += "{\"smuggled\": true}";
  const auto diagnostics = read_failing(text, XesSyntax::json);
  EXPECT_EQ(diagnostics.errors()[0].offset, text.find('\0'));
}

TEST(Hardening, TruncatedAndEmptyInputs) {
  const std::string full = test::xes_json();
  for (std::size_t cut = 0; cut < full.size(); cut += 7) {
    read_failing(full.substr(0, cut), XesSyntax::json);
  }
  read_failing("", XesSyntax::xml);
  read_failing("<message xmlns=\"urn:xborder:xes:1\"><xes>1.0</xes>", XesSyntax::xml);
}

}  // namespace
}  // namespace xborder

namespace xborder {
namespace {

// Fuzzer finding: "0e308" drove RapidJSON's full-precision number code into clz(0). Numbers are now
// converted by std::from_chars; these are the edges.
TEST(Hardening, NumberEdges) {
  Diagnostics diagnostics;
  const auto zero = read_xes(test::xes_json(R"("persons": [{"id": "p", "description": {"weight_kg": 0e308}}])"),
                             XesSyntax::json, diagnostics);
  ASSERT_TRUE(zero) << diagnostics.to_json();
  EXPECT_EQ(zero->persons[0].description->weight_kg, 0.0);

  const auto precise = read_xes(test::xes_json(R"("locations": [{"id": "l", "latitude": 47.603600000000001}])"),
                                XesSyntax::json, diagnostics);
  ASSERT_TRUE(precise);
  EXPECT_EQ(precise->locations[0].latitude, 47.6036);

  const std::pair<const char*, const char*> bad_numbers[] = {
      {R"({"xes": "1.0", "vehicles": [{"id": "v", "year": 9223372036854775808}]})", "xes.type"},
      {R"({"xes": "1.0", "vehicles": [{"id": "v", "year": 2011.5}]})", "xes.type"},
      {R"({"xes": "1.0", "locations": [{"id": "l", "latitude": 1e400}]})", "json.syntax"}};
  for (const auto& [bad, code] : bad_numbers) {
    Diagnostics rejected;
    EXPECT_FALSE(read_xes(bad, XesSyntax::json, rejected)) << bad;
    EXPECT_EQ(rejected.errors().at(0).code, code) << bad;
  }
}

}  // namespace
}  // namespace xborder
