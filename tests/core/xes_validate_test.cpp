// Registry::validate: documents that break the published schemas are rejected, naming the failing path.

#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <chrono>
#include <set>

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

// The (code, path) of every error, in order.
std::vector<std::pair<std::string, std::string>> error_list(const Diagnostics& diagnostics) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& error : diagnostics.errors()) out.emplace_back(error.code, error.path);
  return out;
}

// Partial dates are real calendar dates: month 1-12, the day within its month (leap years counted), and a
// range does not end before it starts. "1960-13-45" and "1960-02-30" used to pass.
TEST(XesValidate, PartialDatesAreRealCalendarDates) {
  const std::vector<std::pair<const char*, bool>> dates = {
      {"1960-13-45", false}, {"1960-02-30", false}, {"1960-02-29", true},  {"1961-02-29", false},
      {"1900-02-29", false}, {"2000-02-29", true},  {"1960-04-31", false}, {"1960-12-31", true},
      {"1960-00", false},    {"1960-01-00", false}, {"1960", true},        {"1960-12", true},
      {"1960~", true},       {"1960-02-29~", true}, {"1961-02-29~", false}, {"1980/1985-06", true},
      {"1985-06/1985", true}, {"1985/1985", true},  {"1990/1985", false},  {"1985-07/1985-06", false},
      {"1985-06-16/1985-06-15", false}, {"1985-06-15/1985-06-15", true}, {"1980/1985-02-30", false},
      {"1980-13/1985", false}};
  for (const auto& [date, valid] : dates) {
    const std::string json = xes_json(std::string(R"("persons": [{"id": "p1", "birth_date": ")") + date + "\"}]");
    const auto diagnostics = Registry::builtin().validate(json, "xes-json");
    EXPECT_EQ(diagnostics.has_errors(), !valid) << date << ": " << diagnostics.to_json();
    if (!valid && diagnostics.has_errors()) {
      EXPECT_EQ(diagnostics.errors()[0].code, "xes.date") << date;
      EXPECT_EQ(diagnostics.errors()[0].path, "/persons/0/birth_date") << date;
    }
    const std::string xml = R"(<?xml version="1.0"?><message xmlns="urn:xborder:xes:1"><xes>1.0</xes>)"
                            R"(<header><message_id>m</message_id><created>2026-01-01T00:00:00Z</created></header>)"
                            R"(<person><id>p1</id><birth_date>)" + std::string(date) + "</birth_date></person></message>";
    EXPECT_EQ(Registry::builtin().validate(xml, "xes-xml").has_errors(), !valid) << date << " (XML)";
  }
}

// Every member the schema declares a partial date is checked, in both syntaxes.
TEST(XesValidate, EveryPartialDateMemberIsChecked) {
  const std::set<std::string> members = {"/persons/0/birth_date", "/persons/0/death_date", "/documents/0/issued",
                                         "/documents/0/expires", "/offences/0/date", "/notices/0/issued",
                                         "/warrants/0/issued", "/persons/0/identifiers/0/issued",
                                         "/persons/0/identifiers/0/expires", "/persons/0/birth_dates/0/date",
                                         "/listings/0/listed_on"};
  // The list above is the schema's: a partial date added to it must be added here.
  rapidjson::Document schema;
  schema.Parse(test::source_file("mappings/schema/xes.schema.json").c_str());
  std::size_t declared = 0;
  for (const auto& definition : schema["definitions"].GetObject()) {
    if (!definition.value.HasMember("properties")) continue;
    for (const auto& property : definition.value["properties"].GetObject()) {
      if (property.value.HasMember("$ref") && property.value["$ref"] == "#/definitions/partialDate") ++declared;
    }
  }
  EXPECT_EQ(declared, members.size());

  const std::string bad = "1960-02-30";
  const std::string json = xes_json(
      R"("persons": [{"id": "p1", "birth_date": "1960-02-30", "death_date": "1960-02-30",)"
      R"( "identifiers": [{"type": "passport", "value": "1", "issued": "1960-02-30", "expires": "1960-02-30"}],)"
      R"( "birth_dates": [{"date": "1960-02-30"}]}],)"
      R"( "documents": [{"id": "d1", "issued": "1960-02-30", "expires": "1960-02-30"}],)"
      R"( "offences": [{"id": "o1", "date": "1960-02-30"}], "notices": [{"id": "n1", "issued": "1960-02-30"}],)"
      R"( "warrants": [{"id": "w1", "issued": "1960-02-30"}], "listings": [{"id": "l1", "listed_on": "1960-02-30"}])");
  const std::string xml =
      R"(<?xml version="1.0"?><message xmlns="urn:xborder:xes:1"><xes>1.0</xes>)"
      R"(<header><message_id>m</message_id><created>2026-01-01T00:00:00Z</created></header>)"
      R"(<person><id>p1</id><birth_date>1960-02-30</birth_date><death_date>1960-02-30</death_date>)"
      R"(<identifier><type>passport</type><value>1</value><issued>1960-02-30</issued><expires>1960-02-30</expires></identifier>)"
      R"(<dated_birth><date>1960-02-30</date></dated_birth></person>)"
      R"(<document><id>d1</id><issued>1960-02-30</issued><expires>1960-02-30</expires></document>)"
      R"(<offence><id>o1</id><date>1960-02-30</date></offence><notice><id>n1</id><issued>1960-02-30</issued></notice>)"
      R"(<warrant><id>w1</id><issued>1960-02-30</issued></warrant>)"
      R"(<listing><id>l1</id><listed_on>1960-02-30</listed_on></listing></message>)";
  for (const auto& [document, format] : {std::pair{json, "xes-json"}, std::pair{xml, "xes-xml"}}) {
    const auto diagnostics = Registry::builtin().validate(document, format);
    std::set<std::string> paths;
    for (const auto& error : diagnostics.errors()) {
      EXPECT_EQ(error.code, "xes.date") << format << ": " << diagnostics.to_json();
      paths.insert(error.path);
    }
    EXPECT_EQ(paths, members) << format << ": " << diagnostics.to_json();
  }
}

// All the errors of a document are listed, not just the first: each breach of the schema (the value left
// out, the next one found), the reader's, and the checks beyond the schema, inside and outside broken parts.
TEST(XesValidate, ListsEveryErrorOfAJsonDocument) {
  const std::string document = xes_json(
      R"("header": {"message_id": "m1", "created": "2026-01-01T00:00:00"},)"
      R"( "persons": [{"id": "p1", "birth_date": "1960-13-45", "sex": {"code": 3}, "nationalities": ["de", "ZZZ", "DEU"],)"
      R"(               "future": {"country": "QQQ"}},)"
      R"(             {"names": [{"full": "B"}], "birth_date": "1961-02-29"},)"
      R"(             {"id": "p3", "birth_date": "1990/1985", "names": []}],)"
      R"( "documents": [{"id": "d1", "issuer": "QQQ", "issued": "1960-02-30"}])");
  const auto diagnostics = Registry::builtin().validate(document, "xes-json");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"xes.schema", "/header/created"},           {"xes.schema", "/persons/0/sex/code"},
      {"xes.schema", "/persons/0/nationalities/0"}, {"xes.schema", "/persons/0/future"},
      {"xes.schema", "/persons/1"},                {"xes.schema", "/persons/2/names"},
      {"xes.date", "/persons/0/birth_date"},       {"xes.country", "/persons/0/nationalities/1"},
      {"xes.date", "/persons/1/birth_date"},       {"xes.date", "/persons/2/birth_date"},
      {"xes.country", "/documents/0/issuer"},      {"xes.date", "/documents/0/issued"}};
  EXPECT_EQ(error_list(diagnostics), expected) << diagnostics.to_json();
  EXPECT_NE(diagnostics.errors()[4].message.find("'id' missing"), std::string::npos) << diagnostics.errors()[4].message;
  // The reader's own error (a string for a number) and the schema's at the same path are one error.
  const auto typed = Registry::builtin().validate(
      xes_json(R"("persons": [{"id": "p1", "sex": {"code": "M"}, "birth_date": "1960-02-30", "nationalities": ["zz"]}])"),
      "xes-json");
  const std::vector<std::pair<std::string, std::string>> typed_expected = {
      {"xes.type", "/persons/0/sex/code"}, {"xes.schema", "/persons/0/nationalities/0"}, {"xes.date", "/persons/0/birth_date"}};
  EXPECT_EQ(error_list(typed), typed_expected) << typed.to_json();
}

TEST(XesValidate, ListsEveryErrorOfAnXmlDocument) {
  const std::string document =
      R"(<?xml version="1.0"?><message xmlns="urn:xborder:xes:1"><xes>1.0</xes>)"
      R"(<header><message_id>m</message_id><created>2026-01-01T00:00:00Z</created></header>)"
      R"(<person><id>p1</id><sex><code>3</code></sex><birth_date>1960-13-45</birth_date>)"
      R"(<nationality>de</nationality><nationality>ZZZ</nationality></person>)"
      R"(<person><id>p2</id><sex><code>M</code></sex><birth_date>21.03.1981</birth_date><death_date>1961-02-29</death_date></person>)"
      R"(<document><id>d1</id><issuer>QQQ</issuer><issued>1960-02-30</issued></document></message>)";
  const auto diagnostics = Registry::builtin().validate(document, "xes-xml");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"xsd.invalid", "/message/person[1]/sex/code"}, {"xsd.invalid", "/message/person[1]/nationality[1]"},
      {"xsd.invalid", "/message/person[2]/sex/code"}, {"xsd.invalid", "/message/person[2]/birth_date"},
      {"xes.date", "/persons/0/birth_date"},          {"xes.country", "/persons/0/nationalities/1"},
      {"xes.date", "/persons/1/death_date"},          {"xes.country", "/documents/0/issuer"},
      {"xes.date", "/documents/0/issued"}};
  EXPECT_EQ(error_list(diagnostics), expected) << diagnostics.to_json();
}

// Listing every breach costs a pass over the document each: the listing is bounded, in breaches and in
// bytes read, and says so.
TEST(XesValidate, ListingBreachesIsBounded) {
  std::string persons;
  for (int i = 0; i < 5000; ++i) persons += std::string(i ? "," : "") + R"({"id": "p )" + std::to_string(i) + "\"}";
  const auto start = std::chrono::steady_clock::now();
  const auto diagnostics = Registry::builtin().validate(xes_json("\"persons\": [" + persons + "]"), "xes-json");
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_EQ(diagnostics.errors().size(), 101u) << diagnostics.to_json().substr(0, 500);
  EXPECT_EQ(diagnostics.errors()[0].path, "/persons/0/id");
  EXPECT_EQ(diagnostics.errors()[99].path, "/persons/99/id");
  EXPECT_NE(diagnostics.errors()[100].message.find("there may be more"), std::string::npos);
  EXPECT_LT(elapsed.count(), 10.0);  // a guard against hanging only
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
