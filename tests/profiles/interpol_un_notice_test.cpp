// Issue 18, item 3: Interpol-United Nations Security Council Special Notices (profile interpol-un-notice). The
// example (examples/data/documents/un-notice.json, written from the API's description: no real UN notice is in
// the shared data) reaches typed XES 1.1 members, at least 95% of its values, and is sniffed apart from red and
// yellow notices and from list pages.

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "test_support.hpp"
#include "xborder/convert.hpp"
#include "xborder/coverage.hpp"
#include "xborder/xes_io.hpp"

namespace xborder {
namespace {

Result convert_example() {
  return Registry::builtin()
      .converter("", "", {.created = "2026-01-01T00:00:00Z"})
      .convert(test::source_file("examples/data/documents/un-notice.json"));
}

const xes::Name* name_of_kind(const xes::Person& person, const std::string& kind, const std::string& script) {
  for (const auto& name : person.names) {
    if (name.kind == kind && name.script == script) return &name;
  }
  return nullptr;
}

TEST(InterpolUnNotice, TheExampleReachesTypedMembers) {
  const Result result = convert_example();
  ASSERT_TRUE(result.ok()) << result.diagnostics.to_json();
  ASSERT_EQ(result.messages.size(), 1u);
  const xes::Message& message = result.messages[0];
  ASSERT_TRUE(message.header.source);
  EXPECT_EQ(message.header.source->profile, "interpol-un-notice");
  ASSERT_EQ(message.persons.size(), 4u);  // the subject, father, mother, one associate
  const xes::Person& person = message.persons[0];

  const xes::Name* primary = name_of_kind(person, "primary", "Latn");
  ASSERT_NE(primary, nullptr);
  EXPECT_EQ(primary->full, "MAX MUSTERMANN");
  EXPECT_EQ(primary->family, "MUSTERMANN");
  EXPECT_EQ(primary->given, std::vector<std::string>{"MAX"});
  const xes::Name* original = name_of_kind(person, "primary", "Cyrl");
  ASSERT_NE(original, nullptr);
  EXPECT_EQ(original->full, "МАКС МУСТЕРМАН");
  EXPECT_EQ(original->family, "МУСТЕРМАН");
  const xes::Name* birth = name_of_kind(person, "birth", "Latn");
  ASSERT_NE(birth, nullptr);
  EXPECT_EQ(birth->family, "BEISPIEL");
  std::set<std::string> aliases;
  for (const auto& name : person.names) {
    if (name.kind == "alias") aliases.insert(name.full);
  }
  EXPECT_EQ(aliases, (std::set<std::string>{"ABU BEISPIEL", "MAX MUSTERMAN"}));

  EXPECT_EQ(person.birth_date, "1958-11-05");
  ASSERT_EQ(person.birth_dates.size(), 1u);
  EXPECT_EQ(person.birth_dates[0].date, "1958-11-05");
  ASSERT_TRUE(person.birth_place);
  EXPECT_EQ(person.birth_place->country, "DEU");
  EXPECT_EQ(person.birth_place->text, "KARLSRUHE");
  EXPECT_EQ(person.nationalities, (std::vector<std::string>{"DEU", "AUT"}));
  ASSERT_TRUE(person.sex && person.sex->code);
  EXPECT_EQ(*person.sex->code, 1);
  EXPECT_EQ(person.sex->source, "M");
  EXPECT_EQ(person.occupations, std::vector<std::string>{"Financier"});
  EXPECT_EQ(person.languages, (std::vector<std::string>{"de", "ar"}));
  EXPECT_EQ(person.remarks, "Believed to travel between Germany and Austria.");

  // The address as a location the subject lives at; the document as the source writes it, held by the subject.
  ASSERT_EQ(person.addresses, std::vector<std::string>{"a1"});
  ASSERT_EQ(message.locations.size(), 1u);
  EXPECT_EQ(message.locations[0].id, "a1");
  EXPECT_EQ(message.locations[0].address, "Musterstrasse 1, 76131 Karlsruhe, Germany");
  ASSERT_EQ(message.documents.size(), 1u);
  EXPECT_EQ(message.documents[0].holder, "p1");
  EXPECT_EQ(message.documents[0].note, "German passport number C01X00T47, issued 2015");

  // Father, mother and associate are related to the subject.
  ASSERT_EQ(message.relations.size(), 3u);
  EXPECT_EQ(message.relations[0].type, "father-of");
  EXPECT_EQ(message.relations[1].type, "mother-of");
  EXPECT_EQ(message.relations[2].type, "associate-of");
  EXPECT_EQ(message.relations[2].from, "p4");
  EXPECT_EQ(message.persons[3].names[0].full, "ERIKA MUSTERFRAU");

  ASSERT_EQ(message.notices.size(), 1u);
  EXPECT_EQ(message.notices[0].type, "un");
  EXPECT_EQ(message.notices[0].reference, "2021/84506");
  ASSERT_EQ(message.listings.size(), 1u);
  const xes::Listing& listing = message.listings[0];
  EXPECT_EQ(listing.type, "notice");
  EXPECT_EQ(listing.programme, "un");
  EXPECT_EQ(listing.reference, "QDi.432");
  EXPECT_EQ(listing.listed_on, "2021-12-29");
  EXPECT_EQ(listing.legal_basis, "UNSC resolution 1267");
  ASSERT_TRUE(listing.authority);
  EXPECT_EQ(listing.authority->name, "United Nations Security Council");
  EXPECT_EQ(listing.other_references,
            (std::vector<std::string>{"2021/84506", "https://ws-public.interpol.int/notices/v1/un/persons/2021-84506"}));
  EXPECT_EQ(listing.subject, "p1");
  EXPECT_EQ(listing.remarks.rfind("Associated with Islamic State", 0), 0u);

  Diagnostics written;
  const auto json = write_xes(message, XesSyntax::json, written);
  ASSERT_TRUE(json) << written.to_json();
  EXPECT_FALSE(Registry::builtin().validate(*json, "xes-json").has_errors());
}

// Issue 18's target: at least 95% of the notice's values in typed members. What stays in extensions is the
// _embedded list of links, which XES has no member for.
TEST(InterpolUnNotice, SemanticCoverageReaches95PercentTyped) {
  const Result result = convert_example();
  ASSERT_TRUE(result.ok()) << result.diagnostics.to_json();
  Coverage coverage;
  std::set<std::string> extensions;
  for (const auto& message : result.messages) {
    coverage.add(message);
    for (const auto& extension : message.extensions) extensions.insert(extension.source_path);
  }
  coverage.add_losses(result.diagnostics);
  EXPECT_GE(coverage.typed_share(), 0.95) << coverage.to_string();
  EXPECT_EQ(coverage.losses, 0u) << coverage.to_string();
  EXPECT_EQ(extensions, std::set<std::string>{"_embedded.links"});
}

// Entity notices: the entity-only members reach organisations[0]; administrators stay in extensions.
TEST(InterpolUnNotice, EntityMembersReachAnOrganisation) {
  const Result result =
      Registry::builtin().converter("json:interpol-un-notice", "", {.created = "2026-01-01T00:00:00Z"}).convert(
          R"({"entity_id": "2022/1", "un_reference": "QDe.999", "name": "BEISPIEL TRADING",
              "registration_number": "HRB 12345", "formerly_known_as": "MUSTER IMPORT", "legal_form": "GmbH",
              "administrators": ["MAX MUSTERMANN"]})");
  ASSERT_TRUE(result.ok()) << result.diagnostics.to_json();
  ASSERT_EQ(result.messages.size(), 1u);
  const xes::Message& message = result.messages[0];
  ASSERT_EQ(message.organisations.size(), 1u);
  const xes::Organisation& organisation = message.organisations[0];
  EXPECT_EQ(organisation.id, "org1");
  ASSERT_EQ(organisation.identifiers.size(), 1u);
  EXPECT_EQ(organisation.identifiers[0].type, "registration-number");
  EXPECT_EQ(organisation.identifiers[0].value, "HRB 12345");
  ASSERT_EQ(organisation.names.size(), 1u);
  EXPECT_EQ(organisation.names[0].full, "MUSTER IMPORT");
  EXPECT_EQ(organisation.names[0].kind, "former");
  EXPECT_EQ(organisation.remarks, "GmbH");
  bool administrators = false;
  for (const auto& extension : message.extensions) administrators |= extension.source_path.rfind("administrators", 0) == 0;
  EXPECT_TRUE(administrators);
}

// A UN notice is told by its un_reference: not a red or yellow notice, and a list page is not a UN notice.
TEST(InterpolUnNotice, SniffedApartFromRedYellowAndListPages) {
  const Registry& registry = Registry::builtin();
  const std::string un = R"({"name": "MUSTERMANN", "entity_id": "2021/84506", "un_reference": "QDi.432",
    "_embedded": {"links": []}, "_links": {"self": {"href": "x"}}})";
  EXPECT_EQ(registry.sniff(un), "json:interpol-un-notice");
  EXPECT_EQ(registry.sniff("\n  " + un), "json:interpol-un-notice");
  EXPECT_EQ(registry.sniff(R"({"name": "MUSTERMANN", "entity_id": "2021/84506"})"), "json:interpol-red-notice");
  EXPECT_EQ(registry.sniff(R"({"date_of_event": "2021/02/01", "entity_id": "2022/9888"})"),
            "json:interpol-yellow-notice");
  EXPECT_NE(registry.sniff(R"({"total": 1, "_embedded": {"notices": [{"entity_id": "2021/84506",
    "un_reference": "QDi.432"}]}})"),
            "json:interpol-un-notice");
  EXPECT_EQ(registry.sniff(test::source_file("examples/data/documents/yellow-notice.json")),
            "json:interpol-yellow-notice");
}

}  // namespace
}  // namespace xborder
