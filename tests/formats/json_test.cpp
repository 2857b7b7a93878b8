// The JSON codec (records of a JSON document as fields) and the Interpol notice profiles over it: the shared
// page of red notices converts notice by notice, every value of a notice lands in XES or its extensions, the
// page's own values are reported as losses, and broken input is refused with its offset.

#include <gtest/gtest.h>

#include <set>
#include <sstream>

#include "formats/document_records.hpp"
#include "formats/json/json_codec.hpp"
#include "test_support.hpp"
#include "xborder/convert.hpp"
#include "xborder/diagnostics.hpp"
#include "xborder/xes_io.hpp"

namespace xborder {
namespace {

test::Records read_json(const std::string& text, std::vector<std::string> records = {}) {
  return test::read_records<detail::JsonCodec>(text, detail::JsonLayout{std::move(records)}, "json:test");
}

const Field* field(const FieldTree& tree, std::string_view path) { return tree.find(path); }

TEST(JsonCodec, LeavesAreFieldsNamedByTheirPath) {
  const std::string text =
      R"({"name": "RYBA", "n": [ "PL", "DE" ], "w": {"charge": "Fraud \u00e9\n", "x.y": 1.50},
          "none": null, "yes": true, "empty": [], "nothing": {}, "deep": [[1]]})";
  const test::Records read = read_json(text);
  ASSERT_EQ(read.trees.size(), 1u);
  ASSERT_FALSE(read.diagnostics[0].has_errors()) << read.diagnostics[0].to_json();
  const FieldTree& tree = read.trees[0];
  EXPECT_EQ(tree.label, "value[0]");
  EXPECT_EQ(tree.raw, text);
  ASSERT_NE(field(tree, "name"), nullptr);
  EXPECT_EQ(field(tree, "name")->text, "RYBA");
  EXPECT_EQ(field(tree, "name")->raw, "\"RYBA\"");
  EXPECT_EQ(field(tree, "name")->offset, text.find("\"RYBA\""));
  EXPECT_EQ(field(tree, "n[1]")->text, "DE");
  EXPECT_EQ(field(tree, "n[1]")->offset, text.find("\"DE\""));
  EXPECT_EQ(field(tree, "w.charge")->text, "Fraud \xC3\xA9\n");  // decoded
  EXPECT_EQ(field(tree, "w.charge")->raw, R"("Fraud \u00e9\n")");  // as it stood
  EXPECT_EQ(field(tree, "w.x\\.y")->text, "1.50");                 // a dot in a key is escaped; numbers as written
  EXPECT_EQ(field(tree, "none")->raw, "null");
  EXPECT_EQ(field(tree, "none")->text, "");
  EXPECT_EQ(field(tree, "yes")->text, "true");
  EXPECT_EQ(field(tree, "empty")->raw, "[]");
  EXPECT_EQ(field(tree, "nothing")->raw, "{}");
  EXPECT_EQ(field(tree, "deep[0][0]")->text, "1");
  EXPECT_EQ(tree.fields.size(), 10u);
}

TEST(JsonCodec, RecordsOfAnArrayAndThePageAroundThem) {
  const std::string text = R"({"total": 2, "_embedded": {"notices": [{"a": "1"}, {"a": "2", "b": [3]}]}, "_links": {"next": "x"}})";
  const test::Records read = read_json(text, {"_embedded", "notices"});
  ASSERT_EQ(read.trees.size(), 2u);
  EXPECT_EQ(read.trees[0].label, "_embedded.notices[0]");
  EXPECT_EQ(read.trees[0].raw, R"({"a": "1"})");
  EXPECT_EQ(read.trees[1].raw, R"({"a": "2", "b": [3]})");
  EXPECT_EQ(field(read.trees[1], "b[0]")->text, "3");
  // The page's values: "total" with the first record, "_links.next" (after the last) with the last.
  ASSERT_EQ(read.diagnostics[0].losses().size(), 1u);
  EXPECT_EQ(read.diagnostics[0].losses()[0].path, "total");
  EXPECT_EQ(read.diagnostics[0].losses()[0].offset, text.find("2,"));
  ASSERT_EQ(read.diagnostics[1].losses().size(), 1u);
  EXPECT_EQ(read.diagnostics[1].losses()[0].path, "_links.next");
  // No such array: an error, not silence.
  const test::Records missing = read_json(R"({"total": 0})", {"_embedded", "notices"});
  ASSERT_EQ(missing.trees.size(), 1u);
  EXPECT_EQ(missing.diagnostics[0].errors().at(0).code, "json.no-records");
}

TEST(JsonCodec, EachTopLevelValueIsARecord) {
  const test::Records read = read_json("{\"a\": 1}\n{\"a\": 2}\r\n\n{\"a\": 3}\n");
  ASSERT_EQ(read.trees.size(), 3u);
  EXPECT_EQ(read.trees[2].label, "value[2]");
  EXPECT_EQ(field(read.trees[2], "a")->text, "3");
}

TEST(JsonCodec, BrokenInputIsRefusedWhereItBreaks) {
  // The record before the break arrives whole; the broken one carries the error with its offset.
  const std::string text = "{\"a\": 1}\n{\"a\": 2,, }";
  const test::Records read = read_json(text);
  ASSERT_EQ(read.trees.size(), 2u);
  EXPECT_FALSE(read.diagnostics[0].has_errors());
  const auto errors = read.diagnostics[1].errors();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "json.syntax");
  EXPECT_EQ(errors[0].offset, text.find(",,") + 1);
  // Too deep, not UTF-8, a NUL, a comma between top-level values: each an error, never a crash.
  const auto error_of = [](const std::string& input) { return read_json(input).error_code(); };
  EXPECT_EQ(error_of(std::string(100, '[') + std::string(100, ']')), "json.depth");
  EXPECT_EQ(error_of("{\"a\": \"\xC3\"}"), "json.syntax");
  EXPECT_EQ(error_of(std::string("{\"a\": 1}\0", 9)), "json.syntax");
  EXPECT_EQ(error_of("1, 2"), "json.syntax");
}

REFERENCE_TEST(InterpolNotices, ThePageConvertsNoticeByNotice) {
  const Registry& registry = Registry::builtin();
  const std::string page = test::reference_file("interpol/red_list_page1_2021-12-11.json");
  const Result result = registry.converter("json:interpol-red", "", {.created = "2026-01-01T00:00:00Z"}).convert(page);
  ASSERT_FALSE(result.diagnostics.has_errors()) << result.diagnostics.to_json();
  ASSERT_EQ(result.messages.size(), 20u);
  const xes::Message& first = result.messages[0];
  ASSERT_EQ(first.notices.size(), 1u);
  EXPECT_EQ(first.notices[0].type, "red");
  EXPECT_EQ(first.notices[0].reference, "2021/75051");
  ASSERT_EQ(first.persons.size(), 1u);
  const xes::Person& person = first.persons[0];
  EXPECT_EQ(person.names.at(0).family, "PINTOS MONTERO");
  EXPECT_EQ(person.names.at(0).given, (std::vector<std::string>{"EDGAR", "GONZALO"}));
  EXPECT_EQ(person.birth_date, "1979-01-17");
  EXPECT_EQ(person.nationalities, std::vector<std::string>{"URY"});
  EXPECT_EQ(first.header.source->record_ids, std::vector<std::string>{"_embedded.notices[0]"});
  // The page's own values (total, query, links to other pages) are losses, each with its path.
  std::set<std::string> lost;
  for (const auto& loss : result.diagnostics.losses()) lost.insert(loss.path);
  EXPECT_EQ(lost, (std::set<std::string>{"total", "query.page", "query.resultPerPage", "_links.self.href",
                                         "_links.first.href", "_links.next.href", "_links.last.href"}));
  // Every value of every notice reached XES or the notice's extensions.
  std::size_t record = 0;
  std::istringstream stream(page);
  registry.inspect(stream, "json:interpol-red", [&](const FieldTree& tree) {
    const xes::Message& message = result.messages.at(record++);
    std::set<std::string> accounted;
    for (const auto& entry : message.provenance) accounted.insert(entry.source_path);
    for (const auto& extension : message.extensions) accounted.insert(extension.source_path);
    for (const auto& f : tree.fields) EXPECT_TRUE(accounted.count(f.path)) << tree.label << ": " << f.path << " went nowhere";
    return true;
  });
  EXPECT_EQ(record, 20u);
  // And the messages are valid XES.
  for (const auto& message : result.messages) {
    Diagnostics writing;
    const auto json = write_xes(message, XesSyntax::json, writing);
    ASSERT_TRUE(json.has_value()) << writing.to_json();
    const Diagnostics checked = registry.validate(*json, "xes-json");
    EXPECT_FALSE(checked.has_errors()) << checked.to_json();
  }
}

// A notice as the API's detail endpoint gives it (the shape of its description; the person is invented).
TEST(InterpolNotices, ADetailedNoticeWithWarrants) {
  const std::string notice = R"({"arrest_warrants": [{"charge": "Fraud", "issuing_country_id": "DE", "charge_translation": null},
      {"charge": "Forgery", "issuing_country_id": "AT", "charge_translation": null}],
    "weight": 0, "forename": "-", "date_of_birth": "1958/11/05", "entity_id": "1993/27493",
    "languages_spoken_ids": ["GER"], "nationalities": ["DE", "AT"], "height": 1.65, "sex_id": "F",
    "country_of_birth_id": "DE", "name": "MUSTERFRAU", "distinguishing_marks": "Birthmark on the left cheek",
    "eyes_colors_id": ["BRO"], "hairs_id": ["BLA"], "place_of_birth": "KARLSRUHE"})";
  const Result result = Registry::builtin().converter("json:interpol-red-notice", "").convert(notice);
  ASSERT_FALSE(result.diagnostics.has_errors()) << result.diagnostics.to_json();
  ASSERT_EQ(result.messages.size(), 1u);
  const xes::Message& message = result.messages[0];
  const xes::Person& person = message.persons.at(0);
  EXPECT_TRUE(person.names.at(0).given.empty());  // "-": no forename
  EXPECT_EQ(person.sex->code, 2);
  EXPECT_EQ(person.nationalities, (std::vector<std::string>{"DEU", "AUT"}));
  EXPECT_EQ(person.birth_place->country, "DEU");
  EXPECT_EQ(person.birth_place->text, "KARLSRUHE");
  EXPECT_FALSE(person.description->weight_kg.has_value());  // 0: not known
  EXPECT_EQ(person.description->marks.at(0).description, "Birthmark on the left cheek");
  ASSERT_EQ(message.offences.size(), 2u);
  EXPECT_EQ(message.offences[1].description, "Forgery");
  EXPECT_EQ(message.offences[1].national->country, "AUT");
  EXPECT_EQ(message.notices.at(0).offences, (std::vector<std::string>{"o1", "o2"}));
  // XES 1.1: height in centimetres, eye and hair colours, languages as BCP 47, the listing with its action.
  EXPECT_EQ(person.description->height_cm, 165);
  EXPECT_EQ(person.description->eye_colour, "BRO");
  EXPECT_EQ(person.description->hair_colour, "BLA");
  EXPECT_EQ(person.languages, std::vector<std::string>{"de"});
  EXPECT_EQ(person.birth_dates.at(0).date, "1958-11-05");
  ASSERT_EQ(message.listings.size(), 1u);
  EXPECT_EQ(message.listings[0].reference, "1993/27493");
  EXPECT_EQ(message.listings[0].actions, std::vector<std::string>{"arrest"});
  for (const auto& extension : message.extensions) {  // only the nulls (charge_translation) stay as they were
    EXPECT_TRUE(extension.value.empty()) << extension.source_path << ": " << extension.value;
  }
  // Sniffed as a single notice without --from, never as XES.
  EXPECT_EQ(Registry::builtin().sniff(notice), "json:interpol-red-notice");
}

}  // namespace
}  // namespace xborder
