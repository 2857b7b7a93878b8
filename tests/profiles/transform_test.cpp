// Value transforms of profile rules, each forward and (where invertible) backward.

#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include "core/xes_path.hpp"
#include "profiles/transform.hpp"
#include "xborder/xes.hpp"

namespace xborder::detail {
namespace {

std::shared_ptr<const CodeTable> table_named(std::string_view name, std::string&) {
  return CodeTable::parse(std::string(name), std::string(name), "# test\ncode,iso5218\nM,1\nW,2\nX,2\n");
}

std::unique_ptr<Transform> make(const char* kind, const char* options_json) {
  rapidjson::Document options;
  options.Parse(options_json);
  std::string why;
  auto transform = make_transform(kind, options, table_named, why);
  EXPECT_TRUE(transform) << kind << ": " << why;
  return transform;
}

struct Outcome {
  Values values;
  Diagnostics diagnostics;
  bool ok = false;
};

Outcome forward(const Transform& transform, Values values) {
  Outcome run{std::move(values)};
  TransformContext context{run.diagnostics, "test", "row[1]", "F", 7};
  run.ok = transform.forward(run.values, context);
  return run;
}

Outcome backward(const Transform& transform, Values values) {
  Outcome run{std::move(values)};
  TransformContext context{run.diagnostics, "test", {}, "persons[0].x", std::nullopt};
  run.ok = transform.backward(run.values, context);
  return run;
}

TEST(DateTransform, NationalLayoutsToPartialIsoAndBack) {
  const struct {
    const char* layout;
    const char* source;
    const char* iso;
  } cases[] = {
      {"DD.MM.YYYY", "21.03.1981", "1981-03-21"}, {"DD.MM.YYYY", "00.03.1981", "1981-03"},
      {"DD.MM.YYYY", "00.00.1981", "1981"},       {"CCYYMMDD", "19810321", "1981-03-21"},
      {"MM/DD/YYYY", "03/21/1981", "1981-03-21"}, {"YYYY/MM/DD", "1981/03/21", "1981-03-21"},
      {"YYYYMMDD", "19620000", "1962"},           {"DD.MM.YYYY", "29.02.2000", "2000-02-29"},
  };
  for (const auto& c : cases) {
    const auto date = make("date", (std::string(R"({"layout": ")") + c.layout + "\"}").c_str());
    const Outcome there = forward(*date, {c.source});
    ASSERT_TRUE(there.ok) << c.source << there.diagnostics.to_json();
    EXPECT_EQ(there.values[0], c.iso) << c.layout;
    const Outcome back = backward(*date, there.values);
    ASSERT_TRUE(back.ok);
    EXPECT_EQ(back.values[0], c.source) << c.layout;
  }
}

TEST(DateTransform, TwoDigitYearsTakeTheCenturyFromThePivot) {
  const auto date = make("date", R"({"layout": "YYMMDD", "pivot": 30})");
  EXPECT_EQ(forward(*date, {"290101"}).values[0], "2029-01-01");
  EXPECT_EQ(forward(*date, {"300101"}).values[0], "1930-01-01");
  EXPECT_FALSE(backward(*date, {"2031-01-01"}).ok);  // outside the window: refused, not wrapped
}

TEST(DateTransform, DatesThatDoNotExistAreErrorsWithTheirPlace) {
  const auto date = make("date", R"({"layout": "DD.MM.YYYY"})");
  for (const char* bad : {"31.02.1981", "29.02.1900", "12.13.1981", "1981-03-21", "21.03.81", "21/03/1981", "05.00.1981"}) {
    const Outcome run = forward(*date, {bad});
    EXPECT_FALSE(run.ok) << bad;
    ASSERT_TRUE(run.diagnostics.has_errors()) << bad;
    EXPECT_EQ(run.diagnostics.errors()[0].path, "row[1].F");
    EXPECT_EQ(run.diagnostics.errors()[0].offset, 7u);
  }
  EXPECT_FALSE(backward(*date, {"1981~"}).ok);
}

TEST(UnitsTransform, FeetInchesAndPounds) {
  const auto height = make("units", R"({"from": "ft-in"})");
  EXPECT_EQ(forward(*height, {"510"}).values[0], "178");
  EXPECT_EQ(forward(*height, {"600"}).values[0], "183");
  EXPECT_EQ(backward(*height, {"178"}).values[0], "510");
  EXPECT_FALSE(forward(*height, {"513"}).ok);  // 13 inches
  EXPECT_FALSE(forward(*height, {"5'10"}).ok);
  const auto weight = make("units", R"({"from": "lb"})");
  EXPECT_EQ(forward(*weight, {"185"}).values[0], "83.9");
  EXPECT_EQ(backward(*weight, {"83.9"}).values[0], "185");
}

// Codes are found by hash in either column: every one of many (the table grows, codes collide), the first
// row of a code written twice, and nothing for a code not there.
TEST(CodeTables, FindEveryCodeInEitherColumn) {
  std::string text = "code,name\n,empty\n";
  for (int i = 0; i < 1000; ++i) text += "c" + std::to_string(i) + ",n" + std::to_string(i % 500) + "\n";
  const auto table = CodeTable::parse("many.csv", "many.csv", text);
  for (int i = 0; i < 1000; ++i) {
    EXPECT_EQ(table->lookup(0, 1, "c" + std::to_string(i)), "n" + std::to_string(i % 500)) << i;
    if (i < 500) EXPECT_EQ(table->lookup(1, 0, "n" + std::to_string(i)), "c" + std::to_string(i)) << i;
  }
  EXPECT_EQ(table->lookup(0, 1, ""), "empty");
  EXPECT_FALSE(table->lookup(0, 1, "c1000"));
  EXPECT_FALSE(table->lookup(1, 0, "n500"));
}

TEST(CodeTransform, LooksUpBothWaysAndReportsUnknownCodes) {
  const auto lenient = make("code", R"({"table": "t.csv"})");
  EXPECT_EQ(forward(*lenient, {"W"}).values[0], "2");
  EXPECT_EQ(backward(*lenient, {"2"}).values[0], "W");  // the first row wins
  const Outcome unknown = forward(*lenient, {"Q"});
  EXPECT_TRUE(unknown.ok);
  EXPECT_EQ(unknown.values[0], "Q");  // kept, with a warning
  EXPECT_EQ(unknown.diagnostics.warnings().size(), 1u);
  const auto strict = make("code", R"({"table": "t.csv", "unknown": "error"})");
  EXPECT_FALSE(forward(*strict, {"Q"}).ok);
}

TEST(NameTransform, SplitsTheLayouts) {
  const auto family = make("name", R"({"layout": "SURNAME, GIVEN", "part": "family"})");
  const auto given = make("name", R"({"layout": "SURNAME, GIVEN", "part": "given"})");
  EXPECT_EQ(forward(*family, {"DOE, JOHN Q"}).values, Values{"DOE"});
  EXPECT_EQ(forward(*given, {"DOE, JOHN Q"}).values, (Values{"JOHN", "Q"}));
  const auto mrz_given = make("name", R"({"layout": "SURNAME<<GIVEN", "part": "given"})");
  EXPECT_EQ(forward(*mrz_given, {"ERIKSSON<<ANNA<MARIA"}).values, (Values{"ANNA", "MARIA"}));
  const auto given_first = make("name", R"({"layout": "GIVEN SURNAME", "part": "family"})");
  EXPECT_EQ(forward(*given_first, {"Anna Maria Eriksson"}).values, Values{"Eriksson"});
  EXPECT_FALSE(family->invertible());
}

TEST(SplitAndConcat, AreEachOthersInverse) {
  const auto split = make("split", R"({"separator": ","})");
  EXPECT_EQ(forward(*split, {"PL,DE"}).values, (Values{"PL", "DE"}));
  EXPECT_EQ(backward(*split, {"PL", "DE"}).values, Values{"PL,DE"});
  const auto concat = make("concat", R"({"separator": ", "})");
  EXPECT_EQ(forward(*concat, {"DOE", "JOHN"}).values, Values{"DOE, JOHN"});
}

// A writing rule skips the check that its record is written back exactly unless a transform says it would
// not be: a transform that tells must say so for every value backward() would not restore (as the profile
// checks: the non-empty values back). It may flag a value it would restore only where it says why.
TEST(TransformExactness, FlaggedExactlyWhereBackwardWouldNotRestore) {
  const struct {
    const char* kind;
    const char* options;
    const char* source;
    bool flagged_although_restored;  // a code not in the table, kept, or another calendar: left to the full check
  } cases[] = {
      {"trim", "{}", "a b", false},          {"trim", "{}", " a", false},
      {"trim", "{}", "a\t", false},          {"unknown", R"({"values": ["000"]})", "000", false},
      {"unknown", R"({"values": ["000"]})", "123", false},
      {"code", R"({"table": "t.csv"})", "M", false},  {"code", R"({"table": "t.csv"})", "W", false},
      {"code", R"({"table": "t.csv"})", "X", false},  // 2, written back W
      {"code", R"({"table": "t.csv"})", "Q", true},
      {"date", R"({"layout": "DD.MM.YYYY"})", "21.03.1981", false},
      {"date", R"({"layout": "DD.MM.YYYY"})", "00.03.1981", false},
      {"date", R"({"layout": "DD.MM.YYYY"})", "XX.03.1981", false},
      {"date", R"({"layout": "DD.MM.YYYY"})", "??.??.1981", false},
      {"date", R"({"layout": "DD.MM.YYYY"})", "xx.00.1981", false},
      {"date", R"({"layout": "YYMMDD"})", "810321", false},
      {"date", R"({"layout": "YYYYMMDD", "calendar": "persian"})", "13600101", true},  // left to the full check
      {"split", R"({"separator": ","})", "PL,DE", false},  {"split", R"({"separator": ","})", "PL,,DE", false},
      {"split", R"({"separator": ","})", "PL,", false},    {"split", R"({"separator": ","})", ",PL", false},
      {"split", R"({"separator": " "})", "Hans Jürgen", false},
      {"split", R"({"separator": " "})", "Hans  Jürgen", false},
  };
  std::size_t flagged = 0;
  for (const auto& c : cases) {
    const auto transform = make(c.kind, c.options);
    ASSERT_TRUE(transform->tells_exactness()) << c.kind;
    Diagnostics diagnostics;
    TransformContext context{diagnostics, "test", "row[1]", "F", 7};
    Values values{c.source};
    ASSERT_TRUE(transform->forward(values, context)) << c.source << diagnostics.to_json();
    std::erase_if(values, [](const std::string& value) { return value.empty(); });
    ASSERT_TRUE(backward(*transform, values).ok || values.empty()) << c.source;
    const Values restored = values.empty() ? Values{} : backward(*transform, values).values;
    const bool exact = restored == Values{c.source};
    EXPECT_EQ(context.inexact, !exact || c.flagged_although_restored) << c.kind << " '" << c.source << "'";
    flagged += context.inexact ? 1 : 0;
  }
  EXPECT_EQ(flagged, 13u);
  EXPECT_FALSE(make("concat", R"({"separator": ", "})")->tells_exactness());
  EXPECT_FALSE(make("units", R"({"from": "lb"})")->tells_exactness());
}

TEST(RegexTransform, CapturesAndIsBoundedInTime) {
  const auto regex = make("regex", R"json({"pattern": "§\\s*([0-9]+)", "group": 1})json");
  EXPECT_EQ(forward(*regex, {"Diebstahl § 242 StGB"}).values, Values{"242"});
  EXPECT_EQ(forward(*regex, {"no statute"}).values, Values{""});
  const auto catastrophic = make("regex", R"({"pattern": "^(a+)+$"})");
  const Outcome slow = forward(*catastrophic, {std::string(64, 'a') + "b"});
  EXPECT_FALSE(slow.ok);  // stopped by the time limit, reported
  EXPECT_TRUE(slow.diagnostics.has_errors());
}

TEST(CaseTransforms, MapUnicodeAndAreNotInvertible) {
  const auto upper = make("upper", "true");
  EXPECT_EQ(forward(*upper, {"straße müller"}).values[0], "STRASSE MÜLLER");
  EXPECT_FALSE(upper->invertible());
}

}  // namespace
}  // namespace xborder::detail

namespace xborder::detail {
namespace {

// A record target takes a flat JSON object of strings, and nothing else.
TEST(XesPathAssign, RecordTargetsTakeFlatObjectsOfStrings) {
  std::string why, pointer;
  const auto path = XesPath::parse("offences[0].categories[]", why);
  ASSERT_TRUE(path) << why;
  xes::Message message;
  ASSERT_TRUE(path->assign(message, R"({"system": "iccs", "code": "0601", "relation": "closeMatch"} )", &pointer));
  ASSERT_EQ(message.offences.at(0).categories.size(), 1u);
  EXPECT_EQ(message.offences[0].categories[0].code, "0601");
  EXPECT_EQ(pointer, "/offences/0/categories/0");
  for (const char* bad : {R"({"code": 601})", R"({"code": {"nested": "x"}})", R"({"no_such_member": "x"})",
                          R"("0601")", R"({"code": "0601"} trailing)", R"({"code": "06)", ""}) {
    EXPECT_FALSE(path->assign(message, bad, &pointer)) << bad;
  }
  const std::string with_nul("{\"code\": \"0601\"}\0{}", 19);
  EXPECT_FALSE(path->assign(message, with_nul, &pointer));
  // Parsed objects are kept per thread: the same text again, and a long one (not kept), give the same.
  xes::Message again;
  ASSERT_TRUE(path->assign(again, R"({"system": "iccs", "code": "0601", "relation": "closeMatch"} )", &pointer));
  const std::string label(2000, 'x');
  for (int twice = 0; twice < 2; ++twice) {
    ASSERT_TRUE(path->assign(again, R"({"code": "0602", "label": ")" + label + R"("})", &pointer));
  }
  ASSERT_EQ(again.offences.at(0).categories.size(), 3u);
  EXPECT_EQ(again.offences[0].categories[0], message.offences[0].categories[0]);
  for (const std::size_t i : {1, 2}) {
    EXPECT_EQ(again.offences[0].categories[i].code, "0602");
    EXPECT_EQ(again.offences[0].categories[i].label, label);
  }
}

// Where an object's members lie is found once per text and record type: the same text into another record
// type (where "code" lies elsewhere) and back must fill each by its own members.
TEST(XesPathAssign, OneObjectFillsEachRecordTypeByItsOwnMembers) {
  std::string why, pointer;
  const auto categories = XesPath::parse("offences[0].categories[]", why);
  const auto marks = XesPath::parse("persons[0].description.marks[]", why);
  ASSERT_TRUE(categories && marks) << why;
  const std::string text = R"({"code": "shared"})";
  xes::Message message;
  ASSERT_TRUE(categories->assign(message, text, &pointer));
  ASSERT_TRUE(marks->assign(message, text, &pointer));
  ASSERT_TRUE(categories->assign(message, text, &pointer));
  const xes::Category category{.code = "shared"};
  EXPECT_EQ(message.offences.at(0).categories, (std::vector<xes::Category>{category, category}));
  EXPECT_EQ(message.persons.at(0).description->marks, std::vector<xes::Mark>{{.code = "shared"}});
  EXPECT_FALSE(marks->assign(message, R"({"code": "x", "label": "no such member of a mark"})", &pointer));
}

// Texts found lately are matched before the cache is hashed: more distinct texts than are remembered, in
// turns, must each still give their own members. A constant's value needs no pointer.
TEST(XesPathAssign, RecentTextsGiveTheirOwnMembers) {
  std::string why;
  const auto categories = XesPath::parse("offences[0].categories[]", why);
  ASSERT_TRUE(categories) << why;
  xes::Message message;
  std::vector<std::string> expected;
  for (int round = 0; round < 3; ++round) {
    for (int code = 0; code < 20; code += round + 1) {
      const std::string text = R"({"code": "c)" + std::to_string(code) + R"("})";
      ASSERT_TRUE(categories->assign(message, text, nullptr)) << text;
      expected.push_back("c" + std::to_string(code));
    }
  }
  std::vector<std::string> codes;
  for (const auto& category : message.offences.at(0).categories) codes.push_back(category.code);
  EXPECT_EQ(codes, expected);
}

}  // namespace
}  // namespace xborder::detail
