// The NCIC codec and its profiles: entry and inquiry messages (MKE.ORI.CODE/value...), hit responses (fields
// on lines), message boundaries, the person's identifiers by type, the wanted-person entry read and written
// back, code tables and the offence's categories, and hostile input refused with its place.

#include <gtest/gtest.h>

#include <sstream>

#include "test_support.hpp"
#include "xborder/convert.hpp"
#include "xborder/xes_io.hpp"

namespace xborder {
namespace {

std::vector<FieldTree> inspect(const std::string& text) {
  std::vector<FieldTree> trees;
  std::istringstream input(text);
  Registry::builtin().inspect(input, "ncic", [&](const FieldTree& tree) {
    trees.push_back(tree);
    return true;
  });
  return trees;
}

TEST(NcicCodec, EntryFieldsAreNamedByTheirCodeWithOffsets) {
  const std::string text = "1N01HEADER.EW.MD1012600.NAM/DOE, JANE.AKA/ROE, JANE.AKA/DOE, J.DOB/19800101.LOOSE.\n";
  const auto trees = inspect(text);
  ASSERT_EQ(trees.size(), 1u);
  std::vector<std::string> paths;
  for (const auto& field : trees[0].fields) paths.push_back(field.path + "=" + field.text);
  EXPECT_EQ(paths, (std::vector<std::string>{"HDR=1N01HEADER", "MKE=EW", "ORI=MD1012600", "NAM=DOE, JANE",
                                             "AKA=ROE, JANE", "AKA[2]=DOE, J", "DOB=19800101", "#1=LOOSE"}));
  EXPECT_EQ(trees[0].fields[3].offset, text.find("DOE, JANE"));
}

TEST(NcicCodec, MessagesEndAtABlankLineOrWhereTheNextBegins) {
  const std::string text =
      "QW.VA0290000.NAM/A, B.\nQW.VA0290000.NAM/C, D.\n\n1L01HEADER\nVA0290000\nMKE/WANTED PERSON\n"
      "ORI/MD1012600 NAM/E, F SEX/M\n";
  const auto trees = inspect(text);
  ASSERT_EQ(trees.size(), 3u);
  EXPECT_EQ(trees[1].find("NAM")->text, "C, D");
  const FieldTree& hit = trees[2];
  EXPECT_EQ(hit.find("TXT")->text, "VA0290000");  // the receiving terminal, before the record's fields
  EXPECT_EQ(hit.find("MKE")->text, "WANTED PERSON");
  EXPECT_EQ(hit.find("ORI")->text, "MD1012600");
  EXPECT_EQ(hit.find("NAM")->text, "E, F");  // fields several a line, split before each code
  EXPECT_EQ(hit.find("SEX")->text, "M");
  EXPECT_EQ(hit.find("SEX")->offset, text.find("SEX/M") + 4);
}

TEST(NcicProfiles, EachExampleIsSniffedAndConverts) {
  const Registry& registry = Registry::builtin();
  for (const auto& [file, format] : std::vector<std::pair<std::string, std::string>>{
           {"wanted-person-entry.txt", "ncic:ew"}, {"wanted-person-inquiry.txt", "ncic:qw"}, {"wanted-person-hit.txt", "ncic:hit"}}) {
    const std::string text = test::source_file("examples/data/ncic/" + file);
    EXPECT_EQ(registry.sniff(text), format) << file;
    const Result result = registry.converter("", "", {.created = "2026-01-01T00:00:00Z"}).convert(text);
    ASSERT_TRUE(result.ok()) << result.diagnostics.to_json();
    EXPECT_TRUE(result.diagnostics.empty()) << file << result.diagnostics.to_json();
    ASSERT_EQ(result.messages.size(), 1u);
    const xes::Person& person = result.messages[0].persons.at(0);
    EXPECT_EQ(person.names.at(0).family, "SAMPLE") << file;
    EXPECT_EQ(person.names[0].given, (std::vector<std::string>{"JOHN", "JAMES"}));
    EXPECT_EQ(person.birth_date, "1965-05-12");
    EXPECT_EQ(person.sex->code, 1);
    Diagnostics writing;
    const auto json = write_xes(result.messages[0], XesSyntax::json, writing);
    EXPECT_TRUE(json && !registry.validate(*json, "xes-json").has_errors()) << file;
  }
}

TEST(NcicProfiles, AWantedPersonEntryMapsItsCodesAndComesBack) {
  const Registry& registry = Registry::builtin();
  const std::string entry = test::source_file("examples/data/ncic/wanted-person-entry.txt");
  const ConvertOptions options{.created = "2026-01-01T00:00:00Z"};
  const Result result = registry.converter("ncic:ew", "", options).convert(entry);
  ASSERT_TRUE(result.ok()) << result.diagnostics.to_json();
  const xes::Message& message = result.messages.at(0);
  const xes::Person& person = message.persons.at(0);
  EXPECT_EQ(person.birth_place->country, "USA");  // POB TX: a state
  EXPECT_EQ(person.description->height_cm, 178);  // HGT 510: 5 ft 10 in
  EXPECT_EQ(person.description->eye_colour, "brown");
  EXPECT_EQ(person.description->skin, "medium");
  EXPECT_EQ(person.description->race, "W");
  EXPECT_EQ(person.description->marks.at(0).description, "Hand, right");
  ASSERT_EQ(person.identifiers.size(), 3u);  // FBI, SOC, OCA: the codec's, by type
  EXPECT_EQ(person.identifiers[0].type, "fbi-number");
  EXPECT_EQ(person.identifiers[1].type, "us-ssn");
  const xes::Offence& offence = message.offences.at(0);
  EXPECT_EQ(offence.national->code, "1201");
  bool iccs = false;
  for (const auto& category : offence.categories) iccs = iccs || (category.system == "iccs" && category.code == "0401");
  EXPECT_TRUE(iccs);  // robbery, through NIBRS
  EXPECT_EQ(message.warrants.at(0).issuer->id, "MD1012600");
  EXPECT_EQ(message.warrants[0].issued, "2024-01-15");
  // Written back as an entry and read again: the same person, warrant and offence.
  const Result written = registry.converter("ncic:ew", "ncic:ew", options).convert(entry);
  ASSERT_TRUE(written.ok()) << written.diagnostics.to_json();
  EXPECT_TRUE(written.output.starts_with("1N01HEADER.EW.MD1012600.")) << written.output;
  const Result again = registry.converter("ncic:ew", "", options).convert(written.output);
  ASSERT_EQ(again.messages.size(), 1u);
  EXPECT_EQ(again.messages[0].persons, message.persons);
  EXPECT_EQ(again.messages[0].warrants, message.warrants);
  EXPECT_EQ(again.messages[0].offences, message.offences);
}

TEST(NcicCodec, HostileInputIsRefusedWithItsPlace) {
  const Registry& registry = Registry::builtin();
  ConvertOptions options;
  options.limits.fields = 4;
  const Result many = registry.converter("ncic", "", options).convert("EW.MD1012600.NAM/A.SEX/M.DOB/19800101.\n");
  ASSERT_EQ(many.diagnostics.errors().size(), 1u);
  EXPECT_EQ(many.diagnostics.errors()[0].code, "ncic.fields");
  ConvertOptions small;
  small.limits.value_bytes = 12;
  const Result long_value = registry.converter("ncic", "", small).convert("QW.VA0290000.NAM/A VERY LONG NAME.\n");
  ASSERT_EQ(long_value.diagnostics.errors().size(), 1u);
  EXPECT_EQ(long_value.diagnostics.errors()[0].code, "ncic.value");
  EXPECT_EQ(long_value.diagnostics.errors()[0].offset, 13u);
  // Only separators: no fields.
  const Result empty = registry.converter("ncic", "").convert("...\n");
  ASSERT_EQ(empty.diagnostics.errors().size(), 1u);
  EXPECT_EQ(empty.diagnostics.errors()[0].code, "ncic.empty");
  // A value with a period cannot be written: it would end the field.
  xes::Message message;
  message.persons.emplace_back().names.emplace_back().full = "DOE. JANE";
  message.persons[0].id = "p1";
  Diagnostics diagnostics;
  const auto json = write_xes(message, XesSyntax::json, diagnostics);
  const Result refused = registry.converter("xes-json", "ncic:ew").convert(*json);
  EXPECT_FALSE(refused.ok());
}

}  // namespace
}  // namespace xborder
