// Registry::validate: documents that break the published schemas are rejected, naming the failing path.

#include <gtest/gtest.h>

#include "test_support.hpp"
#include "xborder/convert.hpp"
#include "xborder/xes_io.hpp"

namespace xborder {
namespace {

using test::xes_json;

struct InvalidCase {
  const char* why;
  std::string document;
  const char* path;  // the path the first error must name
};

std::vector<InvalidCase> invalid_json_cases() {
  return {
      {"root is an array", "[]", "/"},
      {"version missing", R"({"header": {"message_id": "m", "created": "2026-01-01T00:00:00Z"}})", "/xes"},
      {"major version 2", xes_json(R"("xes": "2.0")"), "/xes"},
      {"header missing", R"({"xes": "1.0", "persons": []})", "/"},
      {"entity list missing", R"({"xes": "1.0", "header": {"message_id": "m", "created": "2026-01-01T00:00:00Z"}})",
       "/"},
      {"unknown top-level member", xes_json(R"("suspects": [])"), "/suspects"},
      {"person without id", xes_json(R"("persons": [{"names": [{"full": "A"}]}])"), "/persons/0"},
      {"id with a space", xes_json(R"("persons": [{"id": "p 1"}])"), "/persons/0/id"},
      {"sex code 3 (not ISO/IEC 5218)", xes_json(R"("persons": [{"id": "p1", "sex": {"code": 3}}])"),
       "/persons/0/sex/code"},
      {"sex code as a string", xes_json(R"("persons": [{"id": "p1", "sex": {"code": "M"}}])"),
       "/persons/0/sex/code"},
      {"birth date in DD.MM.YYYY", xes_json(R"("persons": [{"id": "p1", "birth_date": "21.03.1981"}])"),
       "/persons/0/birth_date"},
      {"nationality in alpha-2", xes_json(R"("persons": [{"id": "p1", "nationalities": ["de"]}])"),
       "/persons/0/nationalities/0"},
      {"nationality not in the table", xes_json(R"("persons": [{"id": "p1", "nationalities": ["ZZZ"]}])"),
       "/persons/0/nationalities/0"},
      {"nationalities not a list", xes_json(R"("persons": [{"id": "p1", "nationalities": "DEU"}])"),
       "/persons/0/nationalities"},
      {"empty names list", xes_json(R"("persons": [{"id": "p1", "names": []}])"), "/persons/0/names"},
      {"script not ISO 15924", xes_json(R"("persons": [{"id": "p1", "names": [{"full": "A", "script": "latin"}]}])"),
       "/persons/0/names/0/script"},
      {"unknown name kind", xes_json(R"("persons": [{"id": "p1", "names": [{"full": "A", "kind": "nickname"}]}])"),
       "/persons/0/names/0/kind"},
      {"negative height", xes_json(R"("persons": [{"id": "p1", "description": {"height_cm": -5}}])"),
       "/persons/0/description/height_cm"},
      {"fractional height", xes_json(R"("persons": [{"id": "p1", "description": {"height_cm": 170.5}}])"),
       "/persons/0/description/height_cm"},
      {"created without time zone", xes_json(R"("header": {"message_id": "m", "created": "2026-01-01T00:00:00"})"),
       "/header/created"},
      {"header without message id", xes_json(R"("header": {"created": "2026-01-01T00:00:00Z"})"), "/header"},
      {"unknown SKOS relation",
       xes_json(R"("offences": [{"id": "o1", "categories": [{"system": "iccs", "code": "0101", "relation": "sameAs"}]}])"),
       "/offences/0/categories/0/relation"},
      {"category without code",
       xes_json(R"("offences": [{"id": "o1", "categories": [{"system": "iccs", "relation": "exactMatch"}]}])"),
       "/offences/0/categories/0"},
      {"system id in capitals",
       xes_json(R"("offences": [{"id": "o1", "national": {"system": "NIBRS", "code": "09A"}}])"),
       "/offences/0/national/system"},
      {"unknown biometric modality", xes_json(R"("biometrics": [{"id": "b1", "modality": "gait"}])"),
       "/biometrics/0/modality"},
      {"digest not hex", xes_json(R"("biometrics": [{"id": "b1", "modality": "face", "sha256": "xyz"}])"),
       "/biometrics/0/sha256"},
      {"bytes not base64", xes_json(R"("biometrics": [{"id": "b1", "modality": "face", "data": "***"}])"),
       "/biometrics/0/data"},
      {"latitude out of range", xes_json(R"("locations": [{"id": "l1", "latitude": 91}])"), "/locations/0/latitude"},
      {"relation without target", xes_json(R"("relations": [{"type": "knows", "from": "p1"}])"), "/relations/0"},
      {"document issuer lowercase", xes_json(R"("documents": [{"id": "d1", "issuer": "fra"}])"),
       "/documents/0/issuer"},
      {"null value", xes_json(R"("documents": [{"id": "d1", "number": null}])"), "/documents/0/number"},
      {"duplicate member", R"({"xes": "1.0", "xes": "1.0"})", "/xes"},
      {"vehicle plate country unknown", xes_json(R"("vehicles": [{"id": "v1", "plate_country": "QQQ"}])"),
       "/vehicles/0/plate_country"},
  };
}

TEST(XesValidate, ExamplesAreValid) {
  for (const char* name : {"red-notice", "arrest-booking"}) {
    const auto diagnostics = Registry::builtin().validate(test::source_file(std::string("examples/data/") + name + ".json"));
    EXPECT_FALSE(diagnostics.has_errors()) << name << diagnostics.to_json();
  }
  EXPECT_FALSE(Registry::builtin().validate(xes_json()).has_errors());
}

TEST(XesValidate, RejectsInvalidJsonDocumentsNamingThePath) {
  const auto cases = invalid_json_cases();
  EXPECT_GE(cases.size(), 20u);
  for (const auto& c : cases) {
    const auto diagnostics = Registry::builtin().validate(c.document, "xes-json");
    ASSERT_TRUE(diagnostics.has_errors()) << c.why;
    EXPECT_EQ(diagnostics.errors()[0].path, c.path) << c.why << ": " << diagnostics.to_json();
    EXPECT_FALSE(diagnostics.errors()[0].message.empty()) << c.why;
  }
}

// The same breaches, carried into XML (where XML can carry them), are rejected by the XSD.
TEST(XesValidate, RejectsInvalidXmlDocuments) {
  struct XmlCase {
    const char* why;
    std::string body;
    const char* path;
  };
  const std::string head = R"(<?xml version="1.0"?><message xmlns="urn:xborder:xes:1"><xes>1.0</xes>)"
                           R"(<header><message_id>m</message_id><created>2026-01-01T00:00:00Z</created></header>)";
  const std::vector<XmlCase> cases = {
      {"sex code 3", "<person><id>p1</id><sex><code>3</code></sex></person>", "/message/person[1]/sex/code"},
      {"date layout", "<person><id>p1</id><birth_date>21.03.1981</birth_date></person>",
       "/message/person[1]/birth_date"},
      {"unknown element", "<person><id>p1</id><alias>x</alias></person>", "/message/person[1]"},
      {"elements out of order", "<person><names/><id>p1</id></person>", "/message/person[1]"},
      {"country not in the table", "<person><id>p1</id><nationality>ZZZ</nationality></person>",
       "/persons/0/nationalities/0"},
      {"wrong namespace", "", "/"},
  };
  for (const auto& c : cases) {
    std::string document = head + c.body + "</message>";
    if (c.body.empty()) document = R"(<message xmlns="urn:example"><xes>1.0</xes></message>)";
    const auto diagnostics = Registry::builtin().validate(document, "xes-xml");
    ASSERT_TRUE(diagnostics.has_errors()) << c.why;
    EXPECT_EQ(diagnostics.errors()[0].path, c.path) << c.why << ": " << diagnostics.to_json();
  }
  EXPECT_FALSE(Registry::builtin().validate(head + "</message>", "xes-xml").has_errors());
}

TEST(XesValidate, SniffsTheSyntax) {
  const auto& registry = Registry::builtin();
  EXPECT_FALSE(registry.validate(xes_json()).has_errors());
  const auto not_xes = registry.validate("hello");
  ASSERT_TRUE(not_xes.has_errors());
  EXPECT_EQ(not_xes.errors()[0].code, "validate.format");
}

TEST(XesRead, ReportsUnknownMembersAsLossesNotSilence) {
  Diagnostics diagnostics;
  const auto message = read_xes(xes_json(R"("persons": [{"id": "p1", "shoe_size": {"eu": [44, 45]}}])"),
                                XesSyntax::json, diagnostics);
  ASSERT_TRUE(message);
  ASSERT_EQ(diagnostics.losses().size(), 1u);
  EXPECT_EQ(diagnostics.losses()[0].path, "/persons/0/shoe_size");
  EXPECT_TRUE(diagnostics.losses()[0].offset.has_value());
}

TEST(XesRead, TypeErrorsNameExpectationPathAndOffset) {
  Diagnostics diagnostics;
  const std::string text = xes_json(R"("vehicles": [{"id": "v1", "year": "2011"}])");
  EXPECT_FALSE(read_xes(text, XesSyntax::json, diagnostics));
  ASSERT_TRUE(diagnostics.has_errors());
  const Diagnostic error = diagnostics.errors()[0];
  EXPECT_EQ(error.path, "/vehicles/0/year");
  EXPECT_EQ(error.format, "xes-json");
  EXPECT_NE(error.message.find("expected an integer"), std::string::npos) << error.message;
  ASSERT_TRUE(error.offset);
  EXPECT_EQ(text.substr(*error.offset - 6, 6), "\"2011\"");
}

TEST(XesRead, SyntaxErrorsCarryTheByteOffset) {
  Diagnostics diagnostics;
  EXPECT_FALSE(read_xes(R"({"xes": "1.0", "header": {]})", XesSyntax::json, diagnostics));
  ASSERT_TRUE(diagnostics.has_errors());
  EXPECT_EQ(diagnostics.errors()[0].code, "json.syntax");
  EXPECT_EQ(diagnostics.errors()[0].offset, 26u);
}

}  // namespace
}  // namespace xborder
