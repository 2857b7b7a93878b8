// Profiles are data a vendor writes: a new national format needs one JSON file and one code table, no C++.
// A malformed profile is refused with the file, the line and the rule.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "test_support.hpp"
#include "xborder/convert.hpp"

namespace xborder {
namespace {

namespace fs = std::filesystem;

using ProfileDir = test::ScratchDir;

// A valid profile whose 8th line is `rule`.
std::string profile_with_rule(const std::string& rule) {
  return "{\n"
         "  \"profile\": \"test-csv\",\n"
         "  \"description\": \"test\",\n"
         "  \"codec\": \"tabular\",\n"
         "  \"source\": {\"layout\": \"csv\", \"header\": true, \"columns\": [\"A\", \"B\", \"C\"]},\n"
         "  \"rules\": [\n"
         "    {\"id\": \"r1\", \"from\": \"A\", \"to\": \"persons[0].names[0].family\"},\n" +
         rule + "\n  ]\n}\n";
}

struct BadProfile {
  const char* why;
  std::string text;
  std::size_t line;
  const char* message;  // a part the error must contain
};

std::vector<BadProfile> bad_profiles() {
  const auto rule = [](const char* why, const std::string& r, const char* message) {
    return BadProfile{why, profile_with_rule(r), 8, message};
  };
  return {
      rule("unknown transform", R"(    {"id": "x", "from": "B", "to": "persons[0].birth_date", "transforms": [{"frobnicate": {}}]})", "rule x"),
      rule("unknown member", R"(    {"id": "x", "from": "B", "to": "persons[0].shoe_size"})", "no member 'shoe_size'"),
      rule("list without index", R"(    {"id": "x", "from": "B", "to": "persons.names[0].family"})", "is a list"),
      rule("index on a single value", R"(    {"id": "x", "from": "B", "to": "persons[0].sex[0].code"})", "takes no index"),
      rule("path ends at a record", R"(    {"id": "x", "from": "B", "to": "persons[0].sex"})", "ends at a record"),
      rule("append inside the path", R"(    {"id": "x", "from": "B", "to": "persons[].id"})", "last step only"),
      rule("path past a value", R"(    {"id": "x", "from": "B", "to": "persons[0].id.value"})", "continues past a value"),
      rule("unknown source column", R"(    {"id": "x", "from": "Z", "to": "persons[0].id"})", "'Z' is not a column"),
      rule("from and value", R"(    {"id": "x", "from": "B", "value": "v", "to": "persons[0].id"})", "either"),
      rule("neither from nor value", R"(    {"id": "x", "to": "persons[0].id"})", "either"),
      rule("from of the wrong type", R"(    {"id": "x", "from": 5, "to": "persons[0].id"})", "rule x"),
      rule("condition on an unknown column", R"(    {"id": "x", "from": "B", "to": "persons[0].id", "when": {"field": "Q"}})", "'Q' is not a column"),
      rule("missing code table", R"(    {"id": "x", "from": "B", "to": "persons[0].id", "transforms": [{"code": {"table": "nope.csv"}}]})", "nope.csv"),
      rule("missing table column", R"(    {"id": "x", "from": "B", "to": "persons[0].id", "transforms": [{"code": {"table": "sex-de.csv", "to": "nosuch"}}]})", "no column 'nosuch'"),
      rule("table outside the table folders", R"(    {"id": "x", "from": "B", "to": "persons[0].id", "transforms": [{"code": {"table": "../x.csv"}}]})", "rule x"),
      rule("date layout without a year", R"(    {"id": "x", "from": "B", "to": "persons[0].birth_date", "transforms": [{"date": {"layout": "DD.MM"}}]})", "no year"),
      rule("invalid regular expression", R"(    {"id": "x", "from": "B", "to": "persons[0].id", "transforms": [{"regex": {"pattern": "("}}]})", "invalid regular expression"),
      rule("regex group out of range", R"(    {"id": "x", "from": "B", "to": "persons[0].id", "transforms": [{"regex": {"pattern": "a", "group": 2}}]})", "no group 2"),
      rule("write asked of a lossy rule", R"(    {"id": "x", "from": "B", "to": "persons[0].id", "transforms": [{"upper": true}], "write": true})", "not invertible"),
      rule("two rules write one field", R"(    {"id": "x", "from": "A", "to": "persons[0].names[0].full"})", "already written by rule r1"),
      rule("unknown unit", R"(    {"id": "x", "from": "B", "to": "persons[0].id", "transforms": [{"units": {"from": "stone"}}]})", "rule x"),
      rule("empty separator", R"(    {"id": "x", "from": "B", "to": "persons[0].id", "transforms": [{"split": {"separator": ""}}]})", "rule x"),
      rule("unknown classification system", R"(    {"id": "x", "from": "B", "to": "offences[0].categories[]", "transforms": [{"category": {"system": "atlantis"}}]})", "unknown classification system 'atlantis'"),
      rule("identifies without a constant", R"(    {"id": "x", "from": "B", "identifies": true, "to": "persons[0].names[1].kind"})", "\"identifies\" needs a constant"),
      rule("identifies outside a list item", R"(    {"id": "x", "value": "v", "identifies": true, "to": "persons[0].birth_place.country"})", "\"identifies\" needs a constant"),
      rule("unknown rule member", R"(    {"id": "x", "from": "B", "to": "persons[0].id", "since": "2020"})", "additionalProperties"),
      {"invalid JSON", "{\n  \"profile\": \"test-csv\"\n  \"description\": \"no comma above\"\n}\n", 3, "Missing a comma"},
      {"bad profile id", R"({"profile": "Bad Id", "description": "d", "codec": "tabular", "rules": []})", 1, "pattern"},
      {"empty metadata path", R"({"profile": "p", "description": "d", "codec": "tabular", "metadata": [""], "rules": []})", 1, "minLength"},
      {"unknown codec", R"({"profile": "p", "description": "d", "codec": "yaml", "rules": []})", 1, "unknown codec 'yaml'"},
      {"no source", R"({"profile": "p", "description": "d", "codec": "tabular", "rules": []})", 1, "no \"source\""},
      {"unknown charset",
       "{\"profile\": \"p\", \"description\": \"d\", \"codec\": \"tabular\",\n"
       " \"source\": {\"layout\": \"csv\", \"charset\": \"klingon-8\", \"columns\": [\"A\"]}, \"rules\": []}",
       2, "klingon-8"},
      {"fixed column without width",
       "{\"profile\": \"p\", \"description\": \"d\", \"codec\": \"tabular\",\n"
       " \"source\": {\"layout\": \"fixed\", \"columns\": [\"A\"]}, \"rules\": []}",
       2, "needs a width"},
      {"duplicate column",
       "{\"profile\": \"p\", \"description\": \"d\", \"codec\": \"tabular\",\n"
       " \"source\": {\"layout\": \"csv\", \"columns\": [\"A\", \"A\"]}, \"rules\": []}",
       2, "declared twice"},
      {"extends an unknown profile",
       "{\"profile\": \"p\", \"description\": \"d\", \"codec\": \"tabular\",\n \"extends\": \"nowhere\", \"rules\": []}", 2,
       "unknown profile 'nowhere'"},
      {"deep nesting", "{\"profile\": \"p\", \"x\": " + std::string(100, '[') + std::string(100, ']') + "}", 1, "nested deeper"},
  };
}

TEST(ProfileLoading, MalformedProfilesAreRefusedWithFileLineAndRule) {
  const auto cases = bad_profiles();
  EXPECT_GE(cases.size(), 20u);
  for (const auto& c : cases) {
    ProfileDir dir;
    dir.write("broken.json", c.text);
    try {
      Registry registry(RegistryOptions{{}, {dir.path()}});
      ADD_FAILURE() << c.why << ": loaded";
    } catch (const ProfileError& e) {
      EXPECT_EQ(fs::path(e.file()).filename(), "broken.json") << c.why;
      EXPECT_EQ(e.line(), c.line) << c.why << ": " << e.what();
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << c.why << ": " << e.what();
    }
  }
}

TEST(ProfileLoading, CyclicExtendsIsRefused) {
  ProfileDir dir;
  const std::string body = R"(, "description": "d", "codec": "tabular",
    "source": {"layout": "csv", "columns": ["A"]}, "rules": []})";
  dir.write("a.json", R"({"profile": "cycle-a", "extends": "cycle-b")" + body);
  dir.write("b.json", R"({"profile": "cycle-b", "extends": "cycle-a")" + body);
  try {
    Registry registry(RegistryOptions{{}, {dir.path()}});
    ADD_FAILURE() << "loaded";
  } catch (const ProfileError& e) {
    EXPECT_NE(std::string(e.what()).find("cycle"), std::string::npos) << e.what();
    EXPECT_EQ(e.line(), 1u);
  }
}

// A profile that extends another may lay its columns out otherwise: the inherited rules find their fields
// by name there, not at the base's positions.
TEST(ProfileLoading, InheritedRulesFollowTheirFieldsIntoAnotherLayout) {
  ProfileDir dir;
  dir.write("base.json", R"({"profile": "base-csv", "description": "d", "codec": "tabular",
    "source": {"layout": "csv", "columns": ["FAMILY", "GIVEN", "BORN"]}, "metadata": ["BORN"],
    "rules": [{"from": "FAMILY", "to": "persons[0].names[0].family"},
              {"from": "GIVEN", "to": "persons[0].names[0].given[]", "when": {"field": "FAMILY"}},
              {"from": "BORN", "to": "persons[0].birth_date", "transforms": [{"date": {"layout": "DD.MM.YYYY"}}]}]})");
  dir.write("derived.json", R"({"profile": "derived-csv", "description": "d", "codec": "tabular",
    "extends": "base-csv", "source": {"layout": "csv", "columns": ["BORN", "GIVEN", "FAMILY"]}, "metadata": ["GIVEN"],
    "rules": []})");
  const Registry registry(RegistryOptions{{}, {dir.path()}});
  // The list-level metadata declared: a derived profile adds to its base's.
  for (const auto& info : registry.profiles()) {
    if (info.id == "base-csv") EXPECT_EQ(info.metadata, std::vector<std::string>{"BORN"});
    if (info.id == "derived-csv") EXPECT_EQ(info.metadata, (std::vector<std::string>{"BORN", "GIVEN"}));
  }
  for (const auto& [format, row] : {std::pair{"tabular:base-csv", "Weber,Paul,02.03.1990\n"},
                                    std::pair{"tabular:derived-csv", "02.03.1990,Paul,Weber\n"}}) {
    const Result result = registry.converter(format, "").convert(row);
    ASSERT_TRUE(result.ok()) << format << ": " << result.diagnostics.to_json();
    ASSERT_EQ(result.messages.size(), 1u);
    const xes::Person& person = result.messages[0].persons.at(0);
    EXPECT_EQ(person.names.at(0).family, "Weber") << format;
    EXPECT_EQ(person.names[0].given, std::vector<std::string>{"Paul"}) << format;
    EXPECT_EQ(person.birth_date, "1990-03-02") << format;
  }
}

// The acceptance test of the profile engine: a new CSV national format from one JSON file and one code
// table in a directory, with no C++ and no rebuild.
TEST(ProfileLoading, ANewNationalFormatIsOneJsonFileAndOneTable) {
  ProfileDir dir;
  dir.write("eye-colours-xx.csv", "# test table\ncode,ncic\nBL,BLU\nBR,BRO\n");
  dir.write("example-xx.json", R"(// A made-up national register: '|' separated, MM/DD/YYYY dates, height in ft-in.
{
  "profile": "example-xx",
  "description": "Test register",
  "codec": "tabular",
  "source": {"layout": "csv", "delimiter": "|", "header": true, "newline": "\n",
             "columns": ["ID", "NAME", "DOB", "EYES", "HEIGHT", "WEIGHT", "NOTE"]},
  "unmapped": "loss",
  "rules": [
    {"from": "ID", "to": "persons[0].identifiers[0].value"},
    {"value": "register-id", "to": "persons[0].identifiers[0].type"},
    {"from": "NAME", "to": "persons[0].names[0].full"},
    {"from": "NAME", "to": "persons[0].names[0].family", "transforms": [{"name": {"layout": "SURNAME, GIVEN", "part": "family"}}]},
    {"from": "NAME", "to": "persons[0].names[0].given[]", "transforms": [{"name": {"layout": "SURNAME, GIVEN", "part": "given"}}]},
    {"from": "DOB", "to": "persons[0].birth_date", "transforms": [{"date": {"layout": "MM/DD/YYYY"}}]},
    {"from": "EYES", "to": "persons[0].description.eye_colour", "transforms": [{"code": {"table": "eye-colours-xx.csv"}}]},
    {"from": "HEIGHT", "to": "persons[0].description.height_cm", "transforms": [{"units": {"from": "ft-in"}}]},
    {"from": "WEIGHT", "to": "persons[0].description.weight_kg", "transforms": [{"units": {"from": "lb"}}]}
  ]
})");
  const Registry registry(RegistryOptions{{}, {dir.path()}});
  const std::string input =
      "ID|NAME|DOB|EYES|HEIGHT|WEIGHT|NOTE\n"
      "A-1|DOE, JOHN QUINCY|07/04/1976|BR|510|185|seen twice\n";
  const Result result = registry.converter("tabular:example-xx").convert(input);
  ASSERT_EQ(result.messages.size(), 1u) << result.diagnostics.to_json();
  const xes::Person& person = result.messages[0].persons.at(0);
  EXPECT_EQ(person.names[0].family, "DOE");
  EXPECT_EQ(person.names[0].given, (std::vector<std::string>{"JOHN", "QUINCY"}));
  EXPECT_EQ(person.birth_date, "1976-07-04");
  EXPECT_EQ(person.description->eye_colour, "BRO");
  EXPECT_EQ(person.description->height_cm, 178);
  EXPECT_EQ(person.description->weight_kg, 83.9);
  // "unmapped": "loss": the NOTE column is reported, with where it was.
  ASSERT_EQ(result.diagnostics.losses().size(), 1u);
  EXPECT_EQ(result.diagnostics.losses()[0].path, "row[1].NOTE");
  EXPECT_EQ(result.diagnostics.losses()[0].offset, input.find("seen twice"));
  // Strict mode refuses to lose it.
  EXPECT_FALSE(registry.converter("tabular:example-xx", "xes-json", {.strict = true}).convert(input).ok());
  // And back: the invertible rules write the row; NOTE has no XES value to come from.
  const Result back = registry.converter("xes-json", "tabular:example-xx").convert(result.output);
  ASSERT_TRUE(back.ok()) << back.diagnostics.to_json();
  EXPECT_EQ(back.output, "ID|NAME|DOB|EYES|HEIGHT|WEIGHT|NOTE\nA-1|DOE, JOHN QUINCY|07/04/1976|BR|510|185|\n");
  // The profile is listed with the built-in ones.
  bool listed = false;
  for (const auto& profile : registry.profiles()) listed = listed || profile.id == "example-xx";
  EXPECT_TRUE(listed);
}

}  // namespace
}  // namespace xborder
