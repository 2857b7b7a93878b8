// Machine-readable zones: every shared vector reads to its fields and validity; lenient reading repairs and
// reports; generated documents in several scripts write valid zones that read back to the same fields.

#include <sstream>
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>

#include "test_support.hpp"
#include "xborder/convert.hpp"
#include "xborder/mrz.hpp"
#include "xborder/text.hpp"
#include "xborder/xes_io.hpp"

namespace xborder {
namespace {

const std::filesystem::path kVectors = std::filesystem::path(XBORDER_REFERENCE_DIR) / "mrz" / "vectors-dev.json";
const mrz::ReadOptions kStrict{.lenient = false, .reference_date = "2026-11-28"};
const mrz::ReadOptions kLenient{.lenient = true, .reference_date = "2026-11-28"};

std::string joined(const rapidjson::Value& lines) {
  std::string text;
  for (const auto& line : lines.GetArray()) text += std::string(line.GetString()) + "\n";
  return text;
}

// Parsers write optional data and names with '<' or spaces, trimmed or not: compare the words.
std::string words(std::string text) {
  std::replace(text.begin(), text.end(), '<', ' ');
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    const auto start = text.find_first_not_of(' ', at);
    if (start == std::string::npos) break;
    const auto end = std::min(text.find(' ', start), text.size());
    out += (out.empty() ? "" : " ") + text.substr(start, end - start);
    at = end;
  }
  return out;
}

const mrz::Check* find_check(const mrz::Report& report, std::string_view field) {
  for (const auto& check : report.checks) {
    if (check.field == field && (check.name == "check-digit" || check.name == "composite-check-digit")) return &check;
  }
  return nullptr;
}

REFERENCE_TEST(MrzVectors, EachGivesItsFieldsAndValidity) {
  std::ifstream in(kVectors);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  rapidjson::Document vectors;
  vectors.Parse(text.data(), text.size());
  ASSERT_TRUE(vectors.IsArray() && vectors.Size() >= 50) << kVectors;
  std::size_t compared = 0;
  for (const auto& vector : vectors.GetArray()) {
    const std::string input = joined(vector["lines"]);
    const mrz::Report report = mrz::read(input, kStrict);
    const bool valid = vector["valid"].GetBool();
    EXPECT_EQ(report.valid(), valid) << input << report.to_json();
    if (!vector.HasMember("type") || vector["type"].IsNull()) {
      EXPECT_EQ(report.layout, mrz::Layout::unknown) << input;
      continue;
    }
    const std::string type = vector["type"].GetString();
    const std::string layout = type == "FRA_ID_1988" ? "fra-id-1988" : type == "MRVA" ? "mrva" : type == "MRVB" ? "mrvb"
                             : type == "TD1" ? "td1" : type == "TD2" ? "td2" : "td3";
    EXPECT_EQ(mrz::layout_name(report.layout), layout) << input;
    // Each check digit as the vector's source found it.
    for (const auto& result : vector["check_results"].GetObject()) {
      const auto* check = find_check(report, result.name.GetString());
      ASSERT_NE(check, nullptr) << input << " has no check of " << result.name.GetString();
      EXPECT_EQ(check->outcome == mrz::Outcome::pass, result.value.GetBool()) << input << " " << result.name.GetString();
    }
    // The fields, for zones that read as a whole (the reversed-line vector's fields are what a naive reader
    // makes of the lines as given).
    if (!vector.HasMember("expected") || !vector["expected"].IsObject() || input.starts_with("L8989O2C36")) continue;
    const auto& expected = vector["expected"];
    const std::pair<const char*, const std::string*> fields[] = {
        {"document_code", &report.fields.document_code}, {"issuing_state", &report.fields.issuing_state},
        {"document_number", &report.fields.document_number}, {"nationality", &report.fields.nationality},
        {"birth_date", &report.fields.birth_date}, {"expiry_date", &report.fields.expiry_date},
        {"sex", &report.fields.sex}, {"surname", &report.fields.surname}, {"given_names", &report.fields.given_names},
        {"optional_data", &report.fields.optional_data}, {"optional_data_2", &report.fields.optional_data_2}};
    for (const auto& [name, value] : fields) {
      if (!expected.HasMember(name)) continue;
      const std::string want = expected[name].IsNull() ? "" : expected[name].GetString();
      const bool free_text = std::string_view(name).starts_with("optional") || std::string_view(name) == "given_names" ||
                             std::string_view(name) == "document_number";
      if (free_text) {
        EXPECT_EQ(words(*value), words(want)) << input << " " << name;
      } else {
        EXPECT_EQ(*value, want) << input << " " << name;
      }
    }
    ++compared;
  }
  EXPECT_GE(compared, 45u);
}

// A report reused from zone to zone (the bulk path) says exactly what a fresh one says: nothing of the
// zone before stays behind, whatever the layouts, validity and repairs of the two.
REFERENCE_TEST(MrzReport, AReusedReportReadsLikeAFreshOne) {
  std::ifstream in(kVectors);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  rapidjson::Document vectors;
  vectors.Parse(text.data(), text.size());
  ASSERT_TRUE(vectors.IsArray());
  std::vector<std::string> inputs{"\n\nnot a zone\n"};
  for (const auto& vector : vectors.GetArray()) inputs.push_back("\n" + joined(vector["lines"]));
  for (const auto* options : {&kStrict, &kLenient}) {
    mrz::Report reused;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      // Backwards through every other zone too, so that each layout follows others.
      for (const std::size_t at : {i, inputs.size() - 1 - i}) {
        mrz::read(inputs[at], *options, reused);
        const mrz::Report fresh = mrz::read(inputs[at], *options);
        ASSERT_EQ(reused.to_json(), fresh.to_json()) << inputs[at];
        ASSERT_EQ(reused.lines, fresh.lines) << inputs[at];
      }
    }
  }
}

TEST(MrzReport, SaysWhereEachCheckIsAndResolvesCenturies) {
  const auto report = mrz::read("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
                                "L898902C36UTO7408122F1204159ZE184226B<<<<<10\n", kStrict);
  ASSERT_TRUE(report.valid()) << report.to_json();
  EXPECT_EQ(report.fields.birth_date_iso, "1974-08-12");
  EXPECT_EQ(report.fields.expiry_date_iso, "2012-04-15");
  const auto* birth = find_check(report, "birth_date");
  ASSERT_NE(birth, nullptr);
  EXPECT_EQ(birth->line, 2u);
  EXPECT_EQ(birth->column, 20u);
  // A birth date cannot be after the reference date; an expiry date lies within 50 years of it.
  const auto young = mrz::read("P<UTOERIKSSON<<ANNA<<<<<<<<<<<<<<<<<<<<<<<<<\n"
                               "L898902C36UTO2001018F7501012<<<<<<<<<<<<<<00\n", kStrict);
  EXPECT_EQ(young.fields.birth_date_iso, "2020-01-01");
  EXPECT_EQ(young.fields.expiry_date_iso, "2075-01-01");
  const auto garbage = mrz::read("not a zone\n", kStrict);
  EXPECT_FALSE(garbage.valid());
  EXPECT_NE(garbage.to_json().find("line-lengths"), std::string::npos);
  // Unknown state codes warn but do not invalidate (specimens use UTO; old documents BOS).
  const auto specimen = mrz::read("VBD<<DEDIC<<SIDNAN<<<<<<<<<<<<<<<<<<\nD091740530BOS8201135M9708011<2020711\n", kStrict);
  EXPECT_TRUE(specimen.valid());
  EXPECT_NE(specimen.to_json().find("\"outcome\":\"warning\""), std::string::npos);
}

// The character check scans sixteen bytes at a time: a stray character must be found at every column of
// every line, whatever block (or overlap of the last two blocks) it falls in, and only there.
TEST(MrzReport, FindsACharacterOutsideTheSetAtEveryColumn) {
  const std::vector<std::string> zones = {
      "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n",
      "I<UTOD23145890<1233<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<2\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\n",
      "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6\n"};
  for (const auto& zone : zones) {
    ASSERT_TRUE(mrz::read(zone, kStrict).valid()) << zone;
    std::size_t line = 1, column = 1;
    for (std::size_t at = 0; at < zone.size(); ++at, ++column) {
      if (zone[at] == '\n') {
        ++line;
        column = 0;
        continue;
      }
      for (const char stray : {'a', '*', '\x80', '\xff', ';', '@', '[', '/', ':'}) {
        std::string broken = zone;
        broken[at] = stray;
        const auto report = mrz::read(broken, kStrict);
        const auto found = std::find_if(report.checks.begin(), report.checks.end(),
                                        [](const mrz::Check& check) { return check.name == "charset"; });
        ASSERT_NE(found, report.checks.end()) << "line " << line << " column " << column << " '" << stray << "'";
        EXPECT_EQ(found->line, line);
        EXPECT_EQ(found->column, column);
        EXPECT_EQ(found->outcome, mrz::Outcome::fail);
      }
    }
  }
}

TEST(MrzLenient, RepairsAndReportsEachRepair) {
  // O for 0 in the expiry date, lines swapped, spaces inside a line, OCR noise around the zone.
  const std::string ocr =
      "REPUBLIC OF UTOPIA  PASSPORT\n"
      "Surname / Nom: ERIKSSON\n"
      "L898902C36UTO7408122F12O4159ZE184226B<<<<<10\n"
      "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<< <<<<<<<<<<<\n"
      "\n";
  EXPECT_FALSE(mrz::read(ocr, kStrict).valid());
  const auto report = mrz::read(ocr, kLenient);
  EXPECT_TRUE(report.valid()) << report.to_json();
  EXPECT_EQ(report.fields.expiry_date, "120415");
  EXPECT_EQ(report.corrections.size(), 3u) << report.to_json();  // spaces, swap, O -> 0
  const std::string json = report.to_json();
  EXPECT_NE(json.find("\"found\":\"O\",\"read_as\":\"0\""), std::string::npos) << json;
  EXPECT_NE(json.find("reverse order"), std::string::npos) << json;
}

struct Person {
  const char* primary;
  const char* secondary;
  const char* scheme;
  const char* mrz_surname;
  const char* mrz_given;
};

TEST(MrzWrite, GeneratedPeopleInSeveralScriptsComeBack) {
  const Person people[] = {
      {"Тимошенко", "Юлія Володимирівна", "icao9303-uk", "TYMOSHENKO", "YULIIA VOLODYMYRIVNA"},
      {"Щербакова", "Анна", "icao9303", "SHCHERBAKOVA", "ANNA"},
      {"محمود", "عبدالرحيم", "icao9303", "MXHMWD", "EBDALRXHYM"},
      {"Χατζηδάκης", "Νικόλαος", "elot743", "CHATZIDAKIS", "NIKOLAOS"},
      {"Müller-Lüdenscheidt", "Jörg Ægir", "icao9303", "MUELLER LUEDENSCHEIDT", "JOERG AEGIR"},
      {"Núñez de Balboa", "Vasco", "icao9303-latin-base", "NUNEZ DE BALBOA", "VASCO"},
  };
  for (const auto layout : {mrz::Layout::td1, mrz::Layout::td2, mrz::Layout::td3, mrz::Layout::mrva, mrz::Layout::mrvb}) {
    for (const Person& person : people) {
      mrz::Document document;
      document.layout = layout;
      document.document_code = layout == mrz::Layout::td1 ? "ID" : layout == mrz::Layout::mrva || layout == mrz::Layout::mrvb ? "V" : "P";
      document.issuing_state = "UTO";
      document.document_number = layout == mrz::Layout::td1 ? "D231458907123" : "L898902C3";
      document.nationality = "UTO";
      document.birth_date = "1974-08-12";
      document.sex = "F";
      document.expiry_date = "2031-04-15";
      document.optional_data = layout == mrz::Layout::td3 ? "ZE184226B" : "";
      document.primary_identifier = person.primary;
      document.secondary_identifier = person.secondary;
      document.scheme = person.scheme;
      const mrz::Written written = mrz::write(document);
      std::string text;
      for (const auto& line : written.lines) text += line + "\n";
      const mrz::Report report = mrz::read(text, kStrict);
      const std::string where = std::string(mrz::layout_name(layout)) + " " + person.primary + ": " + text;
      ASSERT_TRUE(report.valid()) << where << report.to_json();
      EXPECT_EQ(report.fields.document_number, document.document_number) << where;
      EXPECT_EQ(report.fields.birth_date_iso, "1974-08-12") << where;
      EXPECT_EQ(report.fields.expiry_date_iso, "2031-04-15") << where;
      EXPECT_EQ(report.fields.sex, "F") << where;
      EXPECT_EQ(report.fields.surname, person.mrz_surname) << where;
      if (!written.name_truncated) EXPECT_EQ(report.fields.given_names, person.mrz_given) << where;
    }
  }
  EXPECT_THROW(mrz::write(mrz::Document{.layout = mrz::Layout::fra_id_1988}), Error);
}

TEST(MrzFormat, ConvertsToXesAndBack) {
  const std::string zone = "I<UTOD23145890<1233<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<2\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\n";
  const Registry& registry = Registry::builtin();
  EXPECT_EQ(registry.sniff(zone), "mrz");
  const Result xes = registry.converter("mrz", "xes-json", {.created = "2026-01-01T00:00:00Z"}).convert(zone);
  ASSERT_TRUE(xes.ok()) << xes.diagnostics.to_json();
  const xes::Message& message = xes.messages.at(0);
  EXPECT_EQ(message.documents.at(0).number, "D23145890123");
  EXPECT_EQ(message.documents.at(0).expires, "2012-04-15");
  EXPECT_EQ(message.persons.at(0).names.at(0).scheme, "icao9303");
  EXPECT_EQ(message.persons.at(0).birth_date, "1974-08-12");
  const Result back = registry.converter("xes-json", "mrz:td1").convert(xes.output);
  ASSERT_TRUE(back.ok()) << back.diagnostics.to_json();
  EXPECT_EQ(back.output, zone);
  // A failed check digit is a warning (the data may still be read), an error when strict.
  std::string bad = zone;
  bad[37] = '9';  // the birth date's check digit (line 2, column 7)
  const Result lenient = registry.converter("mrz").convert(bad);
  EXPECT_TRUE(lenient.ok());
  EXPECT_NE(lenient.diagnostics.to_json().find("mrz.check-digit"), std::string::npos);
  EXPECT_FALSE(registry.converter("mrz", "xes-json", {.strict = true}).convert(bad).ok());
}

// The zone goes through the same pipe as every format: a FieldTree with each field where it stands, and
// XES values that say which field they came from.
TEST(MrzFormat, InspectShowsEachFieldWhereItStandsAndXesCarriesProvenance) {
  const std::string zone = "junk line\nP<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n";
  const Registry& registry = Registry::builtin();
  std::istringstream input(zone);
  std::vector<FieldTree> trees;
  const Diagnostics read = registry.inspect(input, "mrz", [&](const FieldTree& tree) {
    trees.push_back(tree);
    return true;
  });
  ASSERT_FALSE(read.has_errors()) << read.to_json();
  ASSERT_EQ(trees.size(), 1u);
  const Field* surname = trees[0].find("surname");
  ASSERT_NE(surname, nullptr);
  EXPECT_EQ(surname->text, "ERIKSSON");
  EXPECT_EQ(surname->offset, zone.find("ERIKSSON"));
  const Field* birth = trees[0].find("birth_date");
  ASSERT_NE(birth, nullptr);
  EXPECT_EQ(birth->raw, "740812");
  EXPECT_EQ(birth->text, "1974-08-12");
  EXPECT_EQ(birth->offset, zone.find("740812"));

  const Result xes = registry.converter("mrz", "").convert(zone);
  ASSERT_TRUE(xes.ok()) << xes.diagnostics.to_json();
  const auto& provenance = xes.messages.at(0).provenance;
  const auto number = std::find_if(provenance.begin(), provenance.end(),
                                   [](const xes::ProvenanceEntry& entry) { return entry.path == "/documents/0/number"; });
  ASSERT_NE(number, provenance.end());
  EXPECT_EQ(number->source_path, "document_number");
  EXPECT_EQ(number->offset, static_cast<std::int64_t>(zone.find("L898902C3")));
  EXPECT_EQ(xes.messages[0].header.source->format, "mrz");
}

// Writing a zone that cannot hold the whole name is a loss: strict conversion refuses it.
TEST(MrzFormat, ANameCutToFitIsALoss) {
  const Registry& registry = Registry::builtin();
  const std::string zone = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n";
  Result xes = registry.converter("mrz", "").convert(zone);
  ASSERT_TRUE(xes.ok());
  xes.messages[0].persons[0].names[0].family = "WOLFESCHLEGELSTEINHAUSENBERGERDORFFWELCHEVORALTERNWAREN";
  Diagnostics written;
  const std::string json = *write_xes(xes.messages[0], XesSyntax::json, written);
  const Result lenient = registry.converter("xes-json", "mrz:td3").convert(json);
  EXPECT_FALSE(lenient.diagnostics.losses().empty());
}

}  // namespace
}  // namespace xborder
