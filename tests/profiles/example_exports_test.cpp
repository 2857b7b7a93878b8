// The example national exports (examples/data/tabular/): every source field reaches XES, an extension or
// the loss report; the messages are valid XES; XES -> export reproduces the original bytes.

#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <set>
#include <sstream>

#include "test_support.hpp"
#include "xborder/convert.hpp"

namespace xborder {
namespace {

struct Example {
  const char* format;
  const char* file;
  std::size_t records;
};

class ExampleExport : public ::testing::TestWithParam<Example> {};

TEST_P(ExampleExport, EverySourceFieldIsAccountedFor) {
  const Example& example = GetParam();
  const std::string input = test::source_file(example.file);
  const Registry& registry = Registry::builtin();

  // What the codec sees: every non-empty field of every record.
  std::vector<std::set<std::string>> fields;
  std::istringstream stream(input);
  const Diagnostics read = registry.inspect(stream, example.format, [&](const FieldTree& tree) {
    auto& names = fields.emplace_back();
    for (const auto& field : tree.fields) {
      if (!field.raw.empty()) names.insert(field.path);
    }
    return true;
  });
  ASSERT_FALSE(read.has_errors()) << read.to_json();
  ASSERT_EQ(fields.size(), example.records);

  const Result result = registry.converter(example.format, "xes-json", {.created = "2026-01-01T00:00:00Z"}).convert(input);
  ASSERT_TRUE(result.ok()) << result.diagnostics.to_json();
  ASSERT_EQ(result.messages.size(), example.records);
  for (std::size_t i = 0; i < result.messages.size(); ++i) {
    const xes::Message& message = result.messages[i];
    std::set<std::string> accounted;
    for (const auto& entry : message.provenance) accounted.insert(entry.source_path);
    for (const auto& extension : message.extensions) accounted.insert(extension.source_path);
    for (const auto& loss : result.diagnostics.losses()) accounted.insert(loss.path.substr(loss.path.find('.') + 1));
    for (const auto& name : fields[i]) {
      EXPECT_TRUE(accounted.count(name)) << example.format << " record " << i + 1 << ": field " << name << " went nowhere";
    }
    // Provenance offsets point at the field's bytes in the source.
    for (const auto& entry : message.provenance) {
      ASSERT_TRUE(entry.offset && entry.length);
      EXPECT_LE(static_cast<std::size_t>(*entry.offset + *entry.length), input.size());
    }
    EXPECT_EQ(message.header.source->sha256.size(), 64u);
    EXPECT_EQ(message.header.source->profile, std::string(example.format).substr(8));
  }
}

TEST_P(ExampleExport, MessagesAreValidXes) {
  const Example& example = GetParam();
  const Result result = Registry::builtin()
                            .converter(example.format, "xes-json", {.created = "2026-01-01T00:00:00Z"})
                            .convert(test::source_file(example.file));
  ASSERT_TRUE(result.ok());
  std::istringstream lines(result.output);
  std::string line;
  std::size_t count = 0;
  while (std::getline(lines, line)) {
    const Diagnostics diagnostics = Registry::builtin().validate(line, "xes-json");
    EXPECT_FALSE(diagnostics.has_errors()) << diagnostics.to_json() << "\n" << line;
    ++count;
  }
  EXPECT_EQ(count, example.records);
}

TEST_P(ExampleExport, XesBackToTheExportReproducesTheBytes) {
  const Example& example = GetParam();
  const std::string input = test::source_file(example.file);
  const Result to_xes = Registry::builtin().converter(example.format, "xes-json").convert(input);
  ASSERT_TRUE(to_xes.ok()) << to_xes.diagnostics.to_json();
  const Result back = Registry::builtin().converter("xes-json", example.format).convert(to_xes.output);
  ASSERT_TRUE(back.ok()) << back.diagnostics.to_json();
  EXPECT_TRUE(back.diagnostics.empty()) << back.diagnostics.to_json();
  EXPECT_EQ(back.output, input);
}

// A stream hands each record's message over and builds the next one on what the caller leaves: whether the
// caller copies the message, moves it out, or takes the whole list, every record comes out the same.
TEST_P(ExampleExport, WhatTheCallerTakesOrLeavesChangesNoRecord) {
  const Example& example = GetParam();
  const std::string input = test::source_file(example.file);
  const Converter converter = Registry::builtin().converter(example.format, "xes-json", {.created = "2026-01-01T00:00:00Z"});
  const auto stream_with = [&](int policy) {
    std::vector<xes::Message> kept;
    std::string output;
    std::istringstream stream(input);
    std::size_t record = 0;
    converter.convert(stream, [&](Result&& result) {
      EXPECT_TRUE(result.ok()) << result.diagnostics.to_json();
      output += result.output;
      const int how = policy == 3 ? static_cast<int>(record++ % 3) : policy;
      if (how == 0) {
        for (const auto& message : result.messages) kept.push_back(message);
      } else if (how == 1) {
        for (auto& message : result.messages) kept.push_back(std::move(message));
      } else {
        std::vector<xes::Message> taken = std::move(result.messages);
        for (auto& message : taken) kept.push_back(std::move(message));
      }
      return true;
    });
    return std::pair{kept, output};
  };
  const auto copied = stream_with(0);
  ASSERT_EQ(copied.first.size(), example.records);
  for (const int policy : {1, 2, 3}) {
    const auto other = stream_with(policy);
    EXPECT_EQ(other.first, copied.first) << "policy " << policy;
    EXPECT_EQ(other.second, copied.second) << "policy " << policy;
  }
}

INSTANTIATE_TEST_SUITE_P(Tabular, ExampleExport,
                         ::testing::Values(Example{"tabular:example-de-csv", "examples/data/tabular/de-register.csv", 4},
                                           Example{"tabular:example-ru-fixed", "examples/data/tabular/ru-register.txt", 3}));

TEST(ExampleExports, MapTheFieldsTheyClaim) {
  const Result de = Registry::builtin().converter("tabular:example-de-csv").convert(
      test::source_file("examples/data/tabular/de-register.csv"));
  ASSERT_TRUE(de.ok());
  const xes::Person& mueller = de.messages[0].persons.at(0);
  EXPECT_EQ(mueller.names[0].family, "Müller");
  EXPECT_EQ(mueller.names[0].given, (std::vector<std::string>{"Hans", "Jürgen"}));
  EXPECT_EQ(mueller.names[0].full, "Müller, Hans Jürgen");
  EXPECT_EQ(mueller.birth_date, "1978-02-14");
  EXPECT_EQ(mueller.sex->code, 1);
  EXPECT_EQ(de.messages[1].persons[0].nationalities, (std::vector<std::string>{"POL", "DEU"}));
  EXPECT_EQ(de.messages[1].persons[0].birth_date, "1990-07");
  EXPECT_EQ(de.messages[1].persons[0].names.at(1).kind, "birth");
  EXPECT_EQ(de.messages[2].persons[0].birth_date, "1985");
  EXPECT_EQ(de.messages[2].extensions.at(0).value, "Hinweis: \"Ware\" nie geliefert; Anzeige durch Händler");
  EXPECT_EQ(de.messages[0].offences.at(0).national->code, "435000");
  // PKS keys get their ICCS, ECRIS and EAW categories through the crosswalks (transform "category").
  const auto& drugs = de.messages[1].offences.at(0).categories;
  ASSERT_GE(drugs.size(), 2u);
  EXPECT_EQ(drugs[0].system, "iccs");
  EXPECT_EQ(drugs[0].code, "0601");
  EXPECT_EQ(drugs[0].relation, "closeMatch");
  EXPECT_EQ(drugs[0].source, "de-pks-to-iccs.csv");
  EXPECT_TRUE(std::any_of(drugs.begin(), drugs.end(), [](const xes::Category& c) { return c.system == "eaw" && c.code == "5"; }));
  EXPECT_TRUE(de.messages[3].offences.empty());
  EXPECT_EQ(de.messages[3].persons[0].sex->code, 9);

  // A mappings directory that overrides the crosswalk changes what the profile's "category" transform finds.
  test::ScratchDir mappings;
  std::filesystem::create_directories(mappings.path() / "categories" / "crosswalks");
  mappings.write("categories/crosswalks/de-pks-to-iccs.csv",
                 "# crosswalk: de-pks -> iccs\n# source: test\nfrom,to,relation,note,source\n730000,0602,broadMatch,,test\n");
  const Result custom = Registry(RegistryOptions{mappings.path()}).converter("tabular:example-de-csv").convert(
      test::source_file("examples/data/tabular/de-register.csv"));
  ASSERT_TRUE(custom.ok());
  const auto& overridden = custom.messages[1].offences.at(0).categories;
  ASSERT_FALSE(overridden.empty());
  EXPECT_EQ(overridden[0].code, "0602");
  EXPECT_EQ(overridden[0].relation, "broadMatch");

  const Result ru = Registry::builtin().converter("tabular:example-ru-fixed").convert(
      test::source_file("examples/data/tabular/ru-register.txt"));
  ASSERT_TRUE(ru.ok());
  EXPECT_EQ(ru.messages[0].persons[0].names[0].full, "Щербакова Анна Сергеевна");
  EXPECT_EQ(ru.messages[1].persons[0].birth_date, "1962");
  EXPECT_EQ(ru.messages[1].persons[0].description->height_cm, 181);
  EXPECT_EQ(ru.messages[1].persons[0].identifiers[0].value, "77");
  EXPECT_EQ(ru.messages[2].persons[0].names[0].full, "Ткаченко Олег");
}

TEST(ExampleExports, AreSniffed) {
  EXPECT_EQ(Registry::builtin().sniff(test::source_file("examples/data/tabular/de-register.csv")),
            "tabular:example-de-csv");
  EXPECT_EQ(Registry::builtin().sniff(test::source_file("examples/data/tabular/ru-register.txt")),
            "tabular:example-ru-fixed");
}

}  // namespace
}  // namespace xborder

namespace xborder {
namespace {

// Fuzzer finding: "Hans " (a trailing space) split into given names lost the space, and writing back gave
// "Hans". A value a rule would not give back exactly now keeps its original in extensions, with a warning.
TEST(ExampleExports, ValuesARuleWouldNotRestoreAreKeptExactly) {
  const std::string header =
      "AKTENZEICHEN;NACHNAME;VORNAMEN;GEBURTSNAME;GESCHLECHT;GEBURTSDATUM;GEBURTSORT;STAATSANGEHOERIGKEIT;"
      "PKS_SCHLUESSEL;TATVORWURF;TATZEIT;TATORT;BEMERKUNG\r\n";
  // A trailing space the split drops, a day not known written "XX" (the layout writes "00"), an empty
  // nationality after a comma; the offence date is written back as it was read.
  const std::string input = header + "1;M\xFCller;Hans ;;M;XX.02.1978;;DE,;;;03.11.2021;;\r\n";
  const Result to_xes = Registry::builtin().converter("tabular:example-de-csv").convert(input);
  ASSERT_TRUE(to_xes.ok()) << to_xes.diagnostics.to_json();
  std::vector<std::string> kept;
  for (const auto& warning : to_xes.diagnostics.warnings()) kept.push_back(warning.path);
  EXPECT_EQ(kept, (std::vector<std::string>{"row[1].VORNAMEN", "row[1].GEBURTSDATUM", "row[1].STAATSANGEHOERIGKEIT"}));
  const Result back = Registry::builtin().converter("xes-json", "tabular:example-de-csv").convert(to_xes.output);
  ASSERT_TRUE(back.ok()) << back.diagnostics.to_json();
  EXPECT_EQ(back.output, input);
}

// Without a fixed time, each message is stamped with the time it was made, in UTC to the second.
TEST(ExampleExports, MessagesAreStampedWithTheTimeTheyWereMade) {
  const std::string header =
      "AKTENZEICHEN;NACHNAME;VORNAMEN;GEBURTSNAME;GESCHLECHT;GEBURTSDATUM;GEBURTSORT;STAATSANGEHOERIGKEIT;"
      "PKS_SCHLUESSEL;TATVORWURF;TATZEIT;TATORT;BEMERKUNG\r\n";
  const auto now = [] { return std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()); };
  const std::time_t before = now();
  const Result result = Registry::builtin().converter("tabular:example-de-csv", "").convert(
      header + "1;Meyer;Paul;;M;;;;;;;;\r\n2;Weber;Eva;;W;;;;;;;;\r\n");
  const std::time_t after = now();
  ASSERT_TRUE(result.ok()) << result.diagnostics.to_json();
  ASSERT_EQ(result.messages.size(), 2u);
  for (const auto& message : result.messages) {
    const std::string& created = message.header.created;
    std::tm utc{};
    const char* end = strptime(created.c_str(), "%Y-%m-%dT%H:%M:%SZ", &utc);
    ASSERT_TRUE(end != nullptr && *end == '\0') << created;
    EXPECT_EQ(created.size(), 20u) << created;
    EXPECT_GE(timegm(&utc), before) << created;
    EXPECT_LE(timegm(&utc), after) << created;
  }
}

// A stream reuses one message's storage for the next (and provenance entries are written over): a sparse
// row after a full one must come out as it does alone, with nothing left over from the row before.
TEST(ExampleExports, ARowAfterAFullerOneCarriesNothingOfIt) {
  const std::string header =
      "AKTENZEICHEN;NACHNAME;VORNAMEN;GEBURTSNAME;GESCHLECHT;GEBURTSDATUM;GEBURTSORT;STAATSANGEHOERIGKEIT;"
      "PKS_SCHLUESSEL;TATVORWURF;TATZEIT;TATORT;BEMERKUNG\r\n";
  // Records are built in the storage of the one before: fewer names, nationalities and categories, then
  // none at all, must come out as they do alone.
  const std::vector<std::string> rows = {
      "7 Js 1/21;Nowak;Anna Maria;Kowalska;W;01.02.1980;Danzig;PL,DE;435000;Diebstahl;03.11.2021;K\xF6ln;frei\r\n",
      "9 Js 3/21;Meyer;Paul;;M;02.03.1990;;DE;;;;Bonn;\r\n",
      "8 Js 2/21;Weber;;;M;;;;;;;;\r\n"};
  const Converter converter = Registry::builtin().converter("tabular:example-de-csv", "", {.created = "2026-01-01T00:00:00Z"});
  std::vector<xes::Message> streamed;
  std::istringstream stream(header + rows[0] + rows[1] + rows[2]);
  converter.convert(stream, [&](Result&& result) {
    EXPECT_TRUE(result.ok()) << result.diagnostics.to_json();
    for (auto& message : result.messages) streamed.push_back(message);  // copied: the stream keeps its own
    return true;
  });
  ASSERT_EQ(streamed.size(), rows.size());
  std::int64_t shift = 0;  // what differs by position in the input: the record's label and the byte offsets
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Result alone = converter.convert(header + rows[i]);
    ASSERT_EQ(alone.messages.size(), 1u);
    xes::Message expected = alone.messages[0];
    expected.header.source->record_ids = {"row[" + std::to_string(i + 1) + "]"};
    for (auto& entry : expected.provenance) *entry.offset += shift;
    for (auto& extension : expected.extensions) *extension.offset += shift;
    EXPECT_EQ(streamed[i], expected) << "row " << i + 1;
    shift += static_cast<std::int64_t>(rows[i].size());
  }
  EXPECT_EQ(streamed[1].persons.at(0).names.at(0).given, std::vector<std::string>{"Paul"});
  EXPECT_EQ(streamed[1].persons[0].nationalities, std::vector<std::string>{"DEU"});
  EXPECT_FALSE(streamed[1].persons[0].birth_place.has_value());
  EXPECT_EQ(streamed[1].persons[0].names.size(), 1u);
  EXPECT_LT(streamed[2].provenance.size(), streamed[0].provenance.size());
  EXPECT_TRUE(streamed[2].offences.empty());
}

}  // namespace
}  // namespace xborder
