// The country transform over the real tables of mappings/codes/, and the gap closing that follows a profile's
// rules (empty list items removed, provenance renumbered).

#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include <map>
#include <string>

#include "core/xes_gaps.hpp"
#include "profiles/country_transform.hpp"
#include "test_support.hpp"

namespace xborder::detail {
namespace {

std::shared_ptr<const CodeTable> real_table(std::string_view name, std::string&) {
  return CodeTable::parse(std::string(name), "mappings/codes/" + std::string(name),
                          test::source_file("mappings/codes/" + std::string(name)));
}

Values run(const char* options_json, Values values, Diagnostics& diagnostics) {
  rapidjson::Document options;
  options.Parse(options_json);
  std::string why;
  const auto transform = make_country_transform(options, real_table, why);
  EXPECT_TRUE(transform) << why;
  if (!transform) return {};
  TransformContext context{diagnostics, "test", "row[1]", "COUNTRY", 3};
  EXPECT_TRUE(transform->forward(values, context));
  return values;
}

TEST(CountryTransform, NamesOfEverySourceBecomeCodes) {
  Diagnostics diagnostics;
  EXPECT_EQ(run("{}", {"Iran (Islamic Republic of)", "TÜRKIYE", "  Viet   Nam ", "former Soviet Union", "Royaume-Uni",
                       "United States of America", "Democratic People's Republic of Korea", "DEU", "Kosovo"},
                diagnostics),
            (Values{"IRN", "TUR", "VNM", "SUN", "GBR", "USA", "PRK", "DEU", "RKS"}));
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_json();
}

TEST(CountryTransform, TwoLetterCodesOnlyWhenAsked) {
  Diagnostics plain, alpha2, ncic;
  EXPECT_EQ(run("{}", {"AU"}, plain), Values{""});  // a word as often as a code: not read without "codes"
  EXPECT_EQ(plain.warnings().size(), 1u);
  EXPECT_EQ(run(R"({"codes": "alpha2"})", {"AU", "IQ"}, alpha2), (Values{"AUS", "IRQ"}));
  EXPECT_EQ(run(R"({"codes": "ncic"})", {"AU", "AS", "GE"}, ncic), (Values{"AUT", "AUS", "DEU"}));  // NCIC: AU Austria
  EXPECT_TRUE(alpha2.empty() && ncic.empty()) << alpha2.to_json() << ncic.to_json();
}

// Rules of profiles loaded together read the same tables: their codes are built once and shared, and rules
// that read the tables otherwise ("codes") keep their own.
TEST(CountryTransform, RulesReadingTheSameTablesShareTheirCodesButNotTheirOptions) {
  std::map<std::string, std::shared_ptr<const CodeTable>, std::less<>> loaded;
  const TableLoader once = [&](std::string_view name, std::string& why) {
    auto& table = loaded[std::string(name)];
    if (!table) table = real_table(name, why);
    return table;
  };
  const auto make = [&](const char* options_json) {
    rapidjson::Document options;
    options.Parse(options_json);
    std::string why;
    auto transform = make_country_transform(options, once, why);
    EXPECT_TRUE(transform) << why;
    return transform;
  };
  const auto read = [](const Transform& transform, std::string value) {
    Diagnostics diagnostics;
    TransformContext context{diagnostics, "test", "row[1]", "COUNTRY", 3};
    Values values{std::move(value)};
    EXPECT_TRUE(transform.forward(values, context));
    return values[0];
  };
  auto plain = make("{}");
  const auto alpha2 = make(R"({"codes": "alpha2"})");
  const auto plain_again = make("{}");
  EXPECT_EQ(read(*plain, "AU"), "");
  EXPECT_EQ(read(*alpha2, "AU"), "AUS");
  EXPECT_EQ(read(*plain_again, "AU"), "");
  plain.reset();  // the codes live on with the rules that share them
  EXPECT_EQ(read(*plain_again, "Türkiye"), "TUR");
}

TEST(CountryTransform, UnknownNamesAreWarnedWithTheirTextNeverGuessed) {
  Diagnostics diagnostics;
  EXPECT_EQ(run("{}", {"Atlantis", "Germany"}, diagnostics), (Values{"", "DEU"}));
  ASSERT_EQ(diagnostics.warnings().size(), 1u);
  EXPECT_EQ(diagnostics.warnings()[0].code, "profile.unknown-country");
  EXPECT_NE(diagnostics.warnings()[0].message.find("'Atlantis'"), std::string::npos);
  EXPECT_EQ(diagnostics.warnings()[0].path, "row[1].COUNTRY");
}

TEST(GapCloser, EmptyItemsGoAndProvenanceFollows) {
  xes::Message message;
  xes::Person& person = message.persons.emplace_back();
  person.id = "p1";
  person.names.resize(4);
  person.names[0].full = "A";
  person.names[2].full = "C";
  person.names[3].given = {"", "D"};
  person.nationalities = {"", "DEU"};
  message.provenance = {{.path = "/persons/0/names/2/full", .source_path = "x"},
                        {.path = "/persons/0/names/3/given/1", .source_path = "y"},
                        {.path = "/persons/0/nationalities/1", .source_path = "z"},
                        {.path = "/persons/0/names/0/full", .source_path = "w"}};
  EXPECT_TRUE(close_gaps(message));
  ASSERT_EQ(person.names.size(), 3u);
  EXPECT_EQ(person.names[1].full, "C");
  EXPECT_EQ(person.names[2].given, std::vector<std::string>{"D"});
  EXPECT_EQ(person.nationalities, std::vector<std::string>{"DEU"});
  EXPECT_EQ(message.provenance[0].path, "/persons/0/names/1/full");
  EXPECT_EQ(message.provenance[1].path, "/persons/0/names/2/given/0");
  EXPECT_EQ(message.provenance[2].path, "/persons/0/nationalities/0");
  EXPECT_EQ(message.provenance[3].path, "/persons/0/names/0/full");
  EXPECT_FALSE(close_gaps(message));  // nothing left to close
}

}  // namespace
}  // namespace xborder::detail
