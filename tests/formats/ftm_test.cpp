// FollowTheMoney entities (ftm): the OpenSanctions delta sample read as persons and organisations, the UN
// list written as FtM (one Person per individual, an Organization per entity, a Sanction per listing), the
// round trip XES -> FtM -> XES, the delta operations, grouping by reference, and broken input refused by line.

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <sstream>

#include "test_support.hpp"
#include "xborder/convert.hpp"
#include "xborder/xes_io.hpp"

namespace xborder {
namespace {

std::map<std::string, std::size_t> schemata(const std::string& ndjson) {
  std::map<std::string, std::size_t> counts;
  std::istringstream lines(ndjson);
  for (std::string line; std::getline(lines, line);) {
    const auto at = line.find("\"schema\":\"");
    if (at == std::string::npos) continue;
    const auto start = at + 10;
    ++counts[line.substr(start, line.find('"', start) - start)];
  }
  return counts;
}

// A sanction as a 1.0 notice or a 1.1 listing says: reference, date, authority, remarks.
struct Sanction {
  std::string reference, date, authority, remarks;
  bool operator==(const Sanction&) const = default;
};
std::vector<Sanction> sanctions(const xes::Message& message) {
  std::vector<Sanction> found;
  for (const auto& notice : message.notices) {
    if (notice.type.find("sanction") == std::string::npos) continue;
    found.push_back({notice.reference, notice.issued, notice.issuer ? notice.issuer->name : "", notice.remarks});
  }
  for (const auto& listing : message.listings) {
    found.push_back({listing.reference, listing.listed_on, listing.authority ? listing.authority->name : "", listing.remarks});
  }
  return found;
}

REFERENCE_TEST(Ftm, TheOpenSanctionsDeltaSampleReadsPersonsWithDatesAndNationalities) {
  const Registry& registry = Registry::builtin();
  const std::string delta = test::reference_file("ftm/opensanctions_delta_sample.delta.json");
  EXPECT_EQ(registry.sniff(delta), "ftm");
  const Result result = registry.converter("", "").convert(delta);
  ASSERT_TRUE(result.ok()) << result.diagnostics.to_json();
  ASSERT_EQ(result.messages.size(), 2u);
  const xes::Message& organisation = result.messages[0];
  ASSERT_EQ(organisation.organisations.size(), 1u);
  EXPECT_EQ(organisation.organisations[0].names.at(0).kind, "primary");
  EXPECT_EQ(organisation.organisations[0].country, "IRQ");
  const xes::Person& person = result.messages[1].persons.at(0);
  EXPECT_EQ(person.id, "NK-2sJaJRaPJcWUfMbHjTtWcL");
  EXPECT_EQ(person.birth_date, "1953");
  ASSERT_EQ(person.birth_dates.size(), 2u);  // every date of birth (1.1), the first mirrored in birth_date
  EXPECT_EQ(person.birth_dates[1].date, "1958");
  EXPECT_EQ(person.occupations.size(), 6u);  // positions held
  EXPECT_EQ(person.nationalities, (std::vector<std::string>{"AFG"}));
  EXPECT_EQ(person.names.at(0).kind, "primary");
  EXPECT_EQ(person.names[0].script, "Arab");  // detected: FtM does not say
  EXPECT_GT(person.names.size(), 5u);
  // What has no typed member (topics, the other name parts) is kept under the entity's id.
  std::set<std::string> kept;
  for (const auto& extension : result.messages[1].extensions) kept.insert(extension.source_path);
  EXPECT_TRUE(kept.count("NK-2sJaJRaPJcWUfMbHjTtWcL.properties.topics"));
  EXPECT_EQ(result.messages[1].header.source->format, "ftm");
  // Read and written back, the entity is the same: values kept in extensions return to their properties.
  const Result again = registry.converter("ftm", "ftm").convert(delta);
  ASSERT_TRUE(again.ok()) << again.diagnostics.to_json();
  EXPECT_TRUE(again.diagnostics.losses().empty()) << again.diagnostics.to_json();
  const Result third = registry.converter("ftm", "").convert(again.output);
  ASSERT_EQ(third.messages.size(), 2u);
  EXPECT_EQ(third.messages[1].persons, result.messages[1].persons);
}

REFERENCE_TEST(Ftm, TheUnListBecomesPersonsOrganisationsAndSanctionsAndComesBack) {
  const Registry& registry = Registry::builtin();
  const std::string list = test::reference_file("sanctions/un_consolidated_dev_subset.xml");
  const ConvertOptions options{.created = "2026-01-01T00:00:00Z"};
  const Result xes = registry.converter("xml:un-sanctions", "", options).convert(list);
  const Result ftm = registry.converter("xml:un-sanctions", "ftm", options).convert(list);
  ASSERT_TRUE(ftm.ok()) << ftm.diagnostics.to_json();
  const auto counts = schemata(ftm.output);
  EXPECT_EQ(counts.at("Person"), 23u);        // one a listed individual
  EXPECT_EQ(counts.at("Organization"), 10u);  // one a listed entity
  EXPECT_EQ(counts.at("Sanction"), 33u);      // one a listing
  EXPECT_EQ(registry.sniff(ftm.output), "ftm");
  // Back to XES: names, dates, nationalities, documents, identifiers and sanctions as they were.
  const Result back = registry.converter("ftm", "", options).convert(ftm.output);
  ASSERT_TRUE(back.ok()) << back.diagnostics.to_json();
  ASSERT_EQ(back.messages.size(), xes.messages.size());
  for (std::size_t i = 0; i < xes.messages.size(); ++i) {
    const xes::Message& before = xes.messages[i];
    const xes::Message& after = back.messages[i];
    ASSERT_EQ(after.persons.size(), before.persons.size()) << i;
    for (std::size_t p = 0; p < before.persons.size(); ++p) {
      const xes::Person& a = before.persons[p];
      const xes::Person& b = after.persons[p];
      std::multiset<std::string> names_a, names_b;
      for (const auto& name : a.names) {
        names_a.insert(name.full);
        if (!name.original.empty()) names_a.insert(name.original);
      }
      for (const auto& name : b.names) names_b.insert(name.full);
      EXPECT_EQ(names_a, names_b) << i;
      if (a.birth_date.find('/') == std::string::npos) EXPECT_EQ(a.birth_date, b.birth_date) << i;
      EXPECT_EQ(a.nationalities, b.nationalities) << i;
      EXPECT_EQ(a.sex.has_value(), b.sex.has_value()) << i;
      if (a.sex && b.sex) EXPECT_EQ(a.sex->code, b.sex->code) << i;  // the source's spelling is FtM's now
      EXPECT_EQ(a.identifiers, b.identifiers) << i;
    }
    std::vector<const xes::Document*> numbered;  // FtM requires a document number: those without are losses
    for (const auto& document : before.documents) {
      if (!document.number.empty()) numbered.push_back(&document);
    }
    ASSERT_EQ(after.documents.size(), numbered.size()) << i;
    for (std::size_t d = 0; d < after.documents.size(); ++d) {
      EXPECT_EQ(after.documents[d].number, numbered[d]->number) << i;
      EXPECT_EQ(after.documents[d].type, numbered[d]->type) << i;
      EXPECT_EQ(after.documents[d].issued, numbered[d]->issued) << i;
    }
    // Sanctions come back as listings (XES 1.1), whether the source's profile made notices or listings.
    std::vector<Sanction> sanctions_before = sanctions(before), sanctions_after = sanctions(after);
    ASSERT_EQ(sanctions_after.size(), sanctions_before.size()) << i;
    EXPECT_TRUE(after.notices.empty()) << i;
    for (std::size_t n = 0; n < sanctions_before.size(); ++n) {
      EXPECT_EQ(sanctions_after[n], sanctions_before[n]) << i;
      // The subject is the person or organisation of the same message, under its FtM id.
      const std::string& subject = after.persons.empty() ? after.organisations.at(0).id : after.persons[0].id;
      EXPECT_EQ(after.listings[n].subject, subject);
    }
    Diagnostics writing;
    const auto json = write_xes(after, XesSyntax::json, writing);
    EXPECT_TRUE(json && !registry.validate(*json, "xes-json").has_errors()) << i;
  }
}

TEST(Ftm, DeltaOperationsApplyInOrderAndLinkedEntitiesJoinTheirSubject) {
  const std::string stream =
      R"({"op":"ADD","entity":{"id":"s1","schema":"Sanction","properties":{"entity":["p1"],"authority":["OFAC"],"listingDate":["2020-05-01"],"authorityId":["X-1"]}}})" "\n"
      R"({"op":"ADD","entity":{"id":"p1","schema":"Person","properties":{"name":["Old Name"]}}})" "\n"
      R"({"op":"MOD","entity":{"id":"p1","schema":"Person","properties":{"name":["Ivan Petrov"],"firstName":["Ivan"],"lastName":["Petrov"],"birthDate":["1970-02-03"],"nationality":["ru"],"gender":["male"],"addressEntity":["a1"]}}})" "\n"
      R"({"op":"ADD","entity":{"id":"pp1","schema":"Passport","properties":{"holder":["p1"],"number":["7512345"],"country":["ru"],"startDate":["2015-01-02"]}}})" "\n"
      R"({"op":"ADD","entity":{"id":"a1","schema":"Address","properties":{"full":["1 Main St, Moscow"],"city":["Moscow"],"country":["ru"]}}})" "\n"
      R"({"op":"ADD","entity":{"id":"p2","schema":"Person","properties":{"name":["Gone"]}}})" "\n"
      R"({"op":"DEL","entity":{"id":"p2"}})" "\n"
      R"({"op":"ADD","entity":{"id":"f1","schema":"Family","properties":{"person":["p1"],"relative":["p9"],"relationship":["brother"]}}})" "\n";
  const Result result = Registry::builtin().converter("ftm", "").convert(stream);
  ASSERT_TRUE(result.ok()) << result.diagnostics.to_json();
  ASSERT_EQ(result.messages.size(), 1u);  // p2 deleted; the rest belongs to p1
  const xes::Message& message = result.messages[0];
  const xes::Person& person = message.persons.at(0);
  EXPECT_EQ(person.names.at(0).full, "Ivan Petrov");
  EXPECT_EQ(person.names[0].given, (std::vector<std::string>{"Ivan"}));
  EXPECT_EQ(person.names[0].family, "Petrov");
  EXPECT_EQ(person.birth_date, "1970-02-03");
  EXPECT_EQ(person.nationalities, (std::vector<std::string>{"RUS"}));
  EXPECT_EQ(person.sex->code, 1);
  ASSERT_EQ(message.documents.size(), 1u);
  EXPECT_EQ(message.documents[0].holder, "p1");
  EXPECT_EQ(message.documents[0].issuer, "RUS");
  EXPECT_EQ(message.documents[0].issued, "2015-01-02");
  ASSERT_EQ(message.listings.size(), 1u);
  EXPECT_EQ(message.listings[0].type, "sanction");
  EXPECT_EQ(message.listings[0].subject, "p1");
  EXPECT_EQ(message.listings[0].reference, "X-1");
  EXPECT_EQ(message.listings[0].listed_on, "2020-05-01");
  EXPECT_EQ(message.listings[0].authority->name, "OFAC");
  ASSERT_EQ(message.locations.size(), 1u);
  EXPECT_EQ(message.locations[0].locality, "Moscow");
  EXPECT_EQ(person.addresses, (std::vector<std::string>{"a1"}));
  ASSERT_EQ(message.relations.size(), 1u);
  EXPECT_EQ(message.relations[0].type, "family");
  EXPECT_EQ(message.relations[0].to, "p9");
  bool deleted = false;
  for (const auto& warning : result.diagnostics.warnings()) deleted = deleted || warning.code == "ftm.deleted";
  EXPECT_TRUE(deleted);
  // Written back: the same entities, the address an addressEntity again.
  const Result written = Registry::builtin().converter("ftm", "ftm").convert(stream);
  const auto counts = schemata(written.output);
  EXPECT_EQ(counts, (std::map<std::string, std::size_t>{
                        {"Person", 1}, {"Passport", 1}, {"Sanction", 1}, {"Address", 1}, {"Family", 1}}));
  EXPECT_NE(written.output.find(R"("addressEntity":["a1"])"), std::string::npos) << written.output;
  EXPECT_NE(written.output.find(R"("relationship":["brother"])"), std::string::npos) << written.output;
}

// A measure becomes a typed member only when it is one (found by fuzz/ftm_read: 1.7e93 cast to an integer);
// otherwise it travels as written, and comes back so.
TEST(Ftm, ImplausibleHeightsAndWeightsStayAsWritten) {
  const auto person = [](const std::string& height, const std::string& weight) {
    return R"({"id":"p1","schema":"Person","properties":{"name":["A B"],"height":[")" + height +
           R"("],"weight":[")" + weight + R"("]}})" "\n";
  };
  const Result typed = Registry::builtin().converter("ftm", "").convert(person("181", "72.5"));
  ASSERT_TRUE(typed.ok()) << typed.diagnostics.to_json();
  ASSERT_TRUE(typed.messages.at(0).persons.at(0).description);
  EXPECT_EQ(typed.messages[0].persons[0].description->height_cm, 181);
  EXPECT_EQ(typed.messages[0].persons[0].description->weight_kg, 72.5);
  for (const auto& [height, weight] : {std::pair{"1.7e93", "-3"}, std::pair{"180.5", "1e400"}, std::pair{"nan", "inf"}}) {
    const std::string line = person(height, weight);
    const Result read = Registry::builtin().converter("ftm", "").convert(line);
    ASSERT_TRUE(read.ok()) << read.diagnostics.to_json();
    const auto& description = read.messages.at(0).persons.at(0).description;
    EXPECT_FALSE(description && (description->height_cm || description->weight_kg)) << height;
    const Result back = Registry::builtin().converter("ftm", "ftm").convert(line);
    EXPECT_NE(back.output.find(std::string("\"height\":[\"") + height + "\"]"), std::string::npos) << back.output;
    EXPECT_NE(back.output.find(std::string("\"weight\":[\"") + weight + "\"]"), std::string::npos) << back.output;
  }
}

// A message's entities come out the same whatever the writer wrote before (it reuses its entities).
TEST(Ftm, WritingDoesNotDependOnTheMessagesBefore) {
  const std::string company =
      R"({"id":"c1","schema":"Company","properties":{"name":["X Ltd"],"country":["cy"],"topics":["sanction"]}})" "\n";
  const std::string stream =
      R"({"id":"p1","schema":"Person","properties":{"name":["A B"],"topics":["role.pep"]}})" "\n" + company;
  const Result both = Registry::builtin().converter("ftm", "ftm").convert(stream);
  const Result alone = Registry::builtin().converter("ftm", "ftm").convert(company);
  ASSERT_TRUE(both.ok() && alone.ok());
  EXPECT_EQ(alone.output, R"({"id":"c1","schema":"Company","properties":{"name":["X Ltd"],"country":["cy"],"topics":["sanction"]}})" "\n");
  EXPECT_TRUE(both.output.ends_with(alone.output)) << both.output;
}

TEST(Ftm, BrokenLinesAreErrorsOfTheirOwnAndTheRestIsRead) {
  const std::string stream =
      "{\"id\":\"p1\",\"schema\":\"Person\",\"properties\":{\"name\":[\"A\"]}}\n"
      "{\"id\":\"p2\",\"schema\":\"Person\",\"properties\":{\"name\":[\"B\"\n"
      "{\"op\":\"EXPLODE\",\"entity\":{\"id\":\"x\",\"schema\":\"Person\"}}\n"
      "{\"id\":\"p3\",\"schema\":\"Person\",\"properties\":{\"name\":\"not a list\"}}\n"
      "[1,2]\n"
      "{\"id\":\"p4\",\"schema\":\"Vessel\",\"properties\":{\"name\":[\"Boat\"],\"birthDate\":[\"someday\"]}}\n"
      "{\"id\":\"7 bad id\",\"schema\":\"Person\",\"properties\":{\"birthDate\":[\"someday\"],\"nationality\":[\"zz\"]}}\n";
  const Result result = Registry::builtin().converter("ftm", "").convert(stream);
  std::vector<std::string> errors;
  for (const auto& error : result.diagnostics.errors()) errors.push_back(error.code + " " + error.path);
  EXPECT_EQ(errors, (std::vector<std::string>{"ftm.syntax line[2]", "ftm.delta line[3]", "ftm.entity line[4]",
                                              "ftm.entity line[5]"}));
  ASSERT_EQ(result.messages.size(), 3u);
  EXPECT_EQ(result.messages[0].persons.at(0).names.at(0).full, "A");
  EXPECT_TRUE(result.messages[1].persons.empty());  // a schema xborder does not map: kept whole
  EXPECT_EQ(result.messages[2].persons.at(0).id, "ftm_7_bad_id");
  std::set<std::string> warnings;
  for (const auto& warning : result.diagnostics.warnings()) warnings.insert(warning.code);
  EXPECT_EQ(warnings, (std::set<std::string>{"ftm.schema", "ftm.date", "ftm.country"}));
  // Deep nesting of entities is refused, not followed.
  std::string deep = "{\"id\":\"r\",\"schema\":\"Person\",\"properties\":{\"x\":[";
  for (int i = 0; i < 100; ++i) deep += "{\"id\":\"n" + std::to_string(i) + "\",\"schema\":\"Person\",\"properties\":{\"x\":[";
  for (int i = 0; i < 101; ++i) deep += "]}}";
  const Result nested = Registry::builtin().converter("ftm", "").convert(deep);
  ASSERT_EQ(nested.diagnostics.errors().size(), 1u);
  EXPECT_EQ(nested.diagnostics.errors()[0].code, "ftm.depth");
  // So are deep values, in a property or a member, which would otherwise be written out recursively.
  const std::string arrays = std::string(200000, '[') + std::string(200000, ']');
  for (const std::string& line : {"{\"id\":\"a\",\"schema\":\"Person\",\"properties\":{\"x\":[" + arrays + "]}}",
                                  "{\"id\":\"a\",\"schema\":\"Person\",\"datasets\":" + arrays + "}"}) {
    const Result deep_value = Registry::builtin().converter("ftm", "").convert(line);
    ASSERT_EQ(deep_value.diagnostics.errors().size(), 1u);
    EXPECT_EQ(deep_value.diagnostics.errors()[0].code, "ftm.depth");
  }
  // An extension whose text is deeply nested JSON is written as a string, not parsed into a deep value.
  xes::Message message;
  message.persons.emplace_back().id = "p1";
  message.header.source.emplace().format = "ftm";
  message.extensions.push_back({"p1.datasets", std::nullopt, arrays, {}});
  Diagnostics writing;
  const auto json = write_xes(message, XesSyntax::json, writing);
  const Result written = Registry::builtin().converter("xes-json", "ftm").convert(*json);
  EXPECT_TRUE(written.ok()) << written.diagnostics.to_json();
  EXPECT_NE(written.output.find("\"datasets\":\"[[["), std::string::npos);
}

}  // namespace
}  // namespace xborder
