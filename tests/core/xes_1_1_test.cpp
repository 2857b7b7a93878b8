// XES 1.1: the members it adds to 1.0 validate against both published schemas, survive JSON <-> XML, and a
// 1.0 document still validates and reads the same.

#include <gtest/gtest.h>

#include "test_support.hpp"
#include "xborder/convert.hpp"
#include "xborder/xes_io.hpp"

namespace xborder {
namespace {

xes::Message every_1_1_member() {
  xes::Message message;
  message.header.message_id = "m1";
  message.header.created = "2026-01-01T00:00:00Z";
  xes::Person& person = message.persons.emplace_back();
  person.id = "p1";
  person.names.push_back({.full = "Абу Мухаммад", .script = "Cyrl", .language = "ru", .kind = "alias",
                          .quality = "weak", .note = "used in 2010"});
  person.identifiers.push_back({.type = "passport", .value = "A123", .country = "IRN",
                                .country_text = "Iran (Islamic Republic of)", .issued = "2001-02-03",
                                .expires = "2011", .note = "expired"});
  person.description = xes::Description{.marks = {{.code = "SC L ARM", .description = "scar", .location = "left arm"}},
                                        .build = "slim", .race = "W", .remarks = "limps"};
  person.birth_dates = {{.date = "1960", .qualifier = "exact", .source = "passport"},
                        {.date = "1960/1965", .qualifier = "range", .text = "between 1960 and 1965", .note = "n"}};
  person.birth_places = {{.country = "IRN", .locality = "Tehran"}, {.text = "Qom"}};
  person.addresses = {"l1"};
  person.titles = {"Dr."};
  person.occupations = {"Minister of Finance"};
  person.languages = {"fa", "ar"};
  person.images = {{.kind = "photo", .url = "https://example.org/p1.jpg", .caption = "2019"},
                   {.kind = "photo", .biometric = "b1"}};
  person.remarks = "further information";
  xes::Document& document = message.documents.emplace_back();
  document.id = "d1";
  document.issuer_text = "Viet Nam";
  document.issue_place = "Hanoi";
  document.note = "n";
  xes::Listing& listing = message.listings.emplace_back();
  listing.id = "l1x";
  listing.type = "sanction";
  listing.programme = "Al-Qaida";
  listing.reference = "QDi.430";
  listing.other_references = {"EU.1.2"};
  listing.listed_on = "2020-01-02";
  listing.updated = {"2021-03-04", "2022"};
  listing.authority = xes::Agency{.name = "United Nations Security Council"};
  listing.legal_basis = "UNSC resolution 1267 (1999)";
  listing.legal_basis_url = "https://www.un.org/securitycouncil/sanctions/1267";
  listing.actions = {"freeze-assets", "travel-ban"};
  listing.subject = "p1";
  listing.remarks = "r";
  xes::Organisation& organisation = message.organisations.emplace_back();
  organisation.id = "o1";
  organisation.addresses = {"l1"};
  organisation.remarks = "r";
  xes::Location& location = message.locations.emplace_back();
  location.id = "l1";
  location.country_text = "Türkiye";
  location.note = "n";
  return message;
}

TEST(Xes11, EveryNewMemberValidatesAndRoundTrips) {
  const xes::Message message = every_1_1_member();
  EXPECT_EQ(message.xes, "1.1");
  for (const XesSyntax syntax : {XesSyntax::json, XesSyntax::xml}) {
    Diagnostics diagnostics;
    const auto text = write_xes(message, syntax, diagnostics, {.pretty = true});
    ASSERT_TRUE(text) << diagnostics.to_json();
    const auto valid = Registry::builtin().validate(*text, syntax == XesSyntax::json ? "xes-json" : "xes-xml");
    EXPECT_FALSE(valid.has_errors()) << valid.to_json() << *text;
    const auto back = read_xes(*text, syntax, diagnostics);
    ASSERT_TRUE(back) << diagnostics.to_json();
    EXPECT_EQ(*back, message);
  }
}

TEST(Xes11, NewMembersAreCheckedByTheSchemas) {
  xes::Message message = every_1_1_member();
  message.persons[0].names[0].quality = "good";         // not strong/weak
  message.persons[0].birth_dates[0].qualifier = "about";  // not exact/approximate/range
  message.listings[0].updated[0] = "2021-02-30";         // not a calendar date
  for (const XesSyntax syntax : {XesSyntax::json, XesSyntax::xml}) {
    Diagnostics diagnostics;
    const auto text = write_xes(message, syntax, diagnostics);
    ASSERT_TRUE(text);
    const auto valid = Registry::builtin().validate(*text, syntax == XesSyntax::json ? "xes-json" : "xes-xml");
    EXPECT_GE(valid.error_count(), 3u) << valid.to_json();
  }
}

// A 1.0 document (the red notice example) still validates, reads with its version kept, and writes back the
// same: 1.1 only adds optional members.
TEST(Xes11, A10DocumentStaysValidAndReadsTheSame) {
  const std::string input = test::source_file("examples/data/red-notice.json");
  ASSERT_NE(input.find("\"xes\": \"1.0\""), std::string::npos);
  EXPECT_FALSE(Registry::builtin().validate(input, "xes-json").has_errors());
  Diagnostics diagnostics;
  const auto message = read_xes(input, XesSyntax::json, diagnostics);
  ASSERT_TRUE(message) << diagnostics.to_json();
  EXPECT_EQ(message->xes, "1.0");
  EXPECT_TRUE(message->listings.empty());
  const auto json = write_xes(*message, XesSyntax::json, diagnostics, {.pretty = true});
  ASSERT_TRUE(json);
  EXPECT_TRUE(test::same_json(*json, input));
}

}  // namespace
}  // namespace xborder
