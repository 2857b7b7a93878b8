// XES serialisation: golden pairs (examples/data/X.json -> tests/golden/X.xml and back), lossless round
// trips over every field of the model, and the writers' refusals.

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/xes_fields.hpp"
#include "test_support.hpp"
#include "xborder/xes_io.hpp"

namespace xborder {
namespace {

using test::same_json;
using test::source_file;

class GoldenExample : public ::testing::TestWithParam<std::string> {};

TEST_P(GoldenExample, JsonToXmlMatchesGoldenAndComesBackUnchanged) {
  const std::string input = source_file("examples/data/" + GetParam() + ".json");
  Diagnostics diagnostics;
  const auto message = read_xes(input, XesSyntax::json, diagnostics);
  ASSERT_TRUE(message) << diagnostics.to_json();
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_json();

  const auto xml = write_xes(*message, XesSyntax::xml, diagnostics, {.pretty = true});
  ASSERT_TRUE(xml);
  EXPECT_EQ(*xml, source_file("tests/golden/" + GetParam() + ".xml"));

  const auto from_xml = read_xes(*xml, XesSyntax::xml, diagnostics);
  ASSERT_TRUE(from_xml) << diagnostics.to_json();
  EXPECT_EQ(*from_xml, *message);
  const auto json = write_xes(*from_xml, XesSyntax::json, diagnostics, {.pretty = true});
  ASSERT_TRUE(json);
  EXPECT_TRUE(same_json(*json, input)) << *json;
  EXPECT_EQ(*json, source_file("tests/golden/" + GetParam() + ".json"));
}

// The compact writer is xborder's own: its bytes must be those of RapidJSON's Writer for the same document
// (keys in order, escapes, numbers).
TEST_P(GoldenExample, CompactJsonIsWhatRapidJsonWrites) {
  Diagnostics diagnostics;
  const auto message = read_xes(source_file("examples/data/" + GetParam() + ".json"), XesSyntax::json, diagnostics);
  ASSERT_TRUE(message) << diagnostics.to_json();
  const auto compact = write_xes(*message, XesSyntax::json, diagnostics);
  ASSERT_TRUE(compact);
  rapidjson::Document document;
  ASSERT_FALSE(document.Parse(compact->data(), compact->size()).HasParseError());
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  document.Accept(writer);
  EXPECT_EQ(*compact, std::string(buffer.GetString(), buffer.GetSize()));
}

INSTANTIATE_TEST_SUITE_P(Examples, GoldenExample, ::testing::Values("red-notice", "arrest-booking"));

TEST(XesWrite, CompactJsonNumbersAreRapidJsonNumbers) {
  for (const double number : {80.0, 52.52, -13.4049, 0.1, 1e-7, 1e21, 123456789.125, -0.0}) {
    xes::Message message;
    message.locations.emplace_back().latitude = number;
    message.persons.emplace_back().description.emplace().height_cm = static_cast<std::int64_t>(number);
    Diagnostics diagnostics;
    const auto json = write_xes(message, XesSyntax::json, diagnostics);
    ASSERT_TRUE(json) << diagnostics.to_json();
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.Double(number);
    EXPECT_NE(json->find(std::string("\"latitude\":") + buffer.GetString() + "}"), std::string::npos) << *json;
    EXPECT_NE(json->find("\"height_cm\":" + std::to_string(static_cast<std::int64_t>(number)) + "}"), std::string::npos) << *json;
  }
}

TEST(GoldenExamples, CoverEveryEntityType) {
  std::vector<xes::Message> messages;
  for (const char* name : {"red-notice", "arrest-booking"}) {
    Diagnostics diagnostics;
    messages.push_back(*read_xes(source_file(std::string("examples/data/") + name + ".json"), XesSyntax::json,
                                 diagnostics));
  }
  const auto any = [&](auto member) {
    for (const auto& message : messages) {
      if (!(message.*member).empty()) return true;
    }
    return false;
  };
  EXPECT_TRUE(any(&xes::Message::persons));
  EXPECT_TRUE(any(&xes::Message::documents));
  EXPECT_TRUE(any(&xes::Message::offences));
  EXPECT_TRUE(any(&xes::Message::notices));
  EXPECT_TRUE(any(&xes::Message::warrants));
  EXPECT_TRUE(any(&xes::Message::biometrics));
  EXPECT_TRUE(any(&xes::Message::vehicles));
  EXPECT_TRUE(any(&xes::Message::objects));
  EXPECT_TRUE(any(&xes::Message::organisations));
  EXPECT_TRUE(any(&xes::Message::locations));
  EXPECT_TRUE(any(&xes::Message::relations));
  EXPECT_TRUE(any(&xes::Message::provenance));
  EXPECT_TRUE(any(&xes::Message::extensions));
}

// Fills every member of the model with a distinct value, so a field a serialiser forgets cannot hide.
class FillEverything {
 public:
  void operator()(std::string_view name, std::string& value) { value = std::string(name) + std::to_string(n_++); }
  void operator()(std::string_view, std::optional<std::int64_t>& value) { value = n_++; }
  void operator()(std::string_view, std::optional<double>& value) { value = 0.25 + n_++; }
  void operator()(std::string_view, xes::Bytes& value) { value = {0, 1, 2, static_cast<std::uint8_t>(n_++)}; }
  template <class T>
  void operator()(std::string_view name, std::optional<T>& value) {
    (*this)(name, value.emplace());
  }
  template <detail::xes_record T>
  void operator()(std::string_view, T& record) {
    detail::describe(*this, record);
  }
  template <class T>
  void operator()(std::string_view name, std::string_view, std::vector<T>& items) {
    (*this)(name, items.emplace_back());
    (*this)(name, items.emplace_back());
  }
  template <class T>
  void always(std::string_view name, std::string_view item, std::vector<T>& items) {
    (*this)(name, item, items);
  }

 private:
  int n_ = 0;
};

TEST(XesRoundTrip, EveryFieldSurvivesBothSyntaxes) {
  xes::Message message;
  FillEverything fill;
  detail::describe(fill, message);
  message.xes = "1.0";
  message.persons[0].names[0].full = "Юлия Тимошенко <&> \"quoted\" \t tab\r\nCRLF ]]> 𝔘";
  for (const XesSyntax syntax : {XesSyntax::json, XesSyntax::xml}) {
    for (const bool pretty : {false, true}) {
      Diagnostics diagnostics;
      const auto text = write_xes(message, syntax, diagnostics, {.pretty = pretty});
      ASSERT_TRUE(text) << diagnostics.to_json();
      const auto back = read_xes(*text, syntax, diagnostics);
      ASSERT_TRUE(back) << diagnostics.to_json() << *text;
      EXPECT_EQ(*back, message) << *text;
      EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_json();
    }
  }
}

TEST(XesRoundTrip, EmptyMessageKeepsItsShape) {
  xes::Message message;
  Diagnostics diagnostics;
  const auto json = write_xes(message, XesSyntax::json, diagnostics);
  ASSERT_TRUE(json);
  EXPECT_EQ(*json,
            R"({"xes":"1.1","header":{},"persons":[],"documents":[],"offences":[],"notices":[],"warrants":[],)"
            R"("biometrics":[],"vehicles":[],"objects":[],"organisations":[],"locations":[],"relations":[],)"
            R"("provenance":[],"extensions":[]})");
}

// Compact JSON copies strings that need no escaping whole: a byte that does, at any position of short and
// long strings, must still come out as RapidJSON's own writer writes it.
TEST(XesWrite, CompactJsonEscapesLikeRapidJsonAtEveryPosition) {
  const auto rapidjson_string = [](const std::string& text) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
    return std::string(buffer.GetString(), buffer.GetSize());
  };
  for (const char special : {'"', '\\', '\n', '\b', '\f', '\r', '\t', '\x01', '\x1f', '\x7f', '/', ' '}) {
    for (const std::size_t length : {1, 5, 6, 7, 8, 14, 15, 17, 30, 31}) {  // with the two bytes of "ü": 3 to 33
      for (std::size_t at = 0; at < length; ++at) {
        std::string text = std::string(length, 'a') + "\xC3\xBC";
        text[at] = special;
        xes::Message message;
        message.header.purpose = text;
        Diagnostics diagnostics;
        const auto json = write_xes(message, XesSyntax::json, diagnostics);
        ASSERT_TRUE(json) << diagnostics.to_json();
        EXPECT_NE(json->find("\"purpose\":" + rapidjson_string(text)), std::string::npos) << *json;
        const auto back = read_xes(*json, XesSyntax::json, diagnostics);
        ASSERT_TRUE(back) << diagnostics.to_json();
        EXPECT_EQ(back->header.purpose, text);
      }
    }
  }
}

TEST(XesWrite, XmlRefusesControlCharactersWithThePath) {
  xes::Message message;
  message.persons.emplace_back().names.emplace_back().full = std::string("bell\x07");
  Diagnostics diagnostics;
  EXPECT_FALSE(write_xes(message, XesSyntax::xml, diagnostics));
  ASSERT_TRUE(diagnostics.has_errors());
  EXPECT_EQ(diagnostics.errors()[0].path, "/message/person[1]/name[1]/full");
  EXPECT_NE(diagnostics.errors()[0].message.find("U+0007"), std::string::npos);
}

TEST(XesWrite, JsonRefusesInvalidUtf8AndNonFiniteNumbers) {
  xes::Message bad_text;
  bad_text.header.purpose = "\xC3\x28";
  Diagnostics diagnostics;
  EXPECT_FALSE(write_xes(bad_text, XesSyntax::json, diagnostics));
  EXPECT_EQ(diagnostics.errors().at(0).path, "/header/purpose");

  xes::Message bad_number;
  bad_number.locations.emplace_back().latitude = std::numeric_limits<double>::infinity();
  Diagnostics more;
  EXPECT_FALSE(write_xes(bad_number, XesSyntax::json, more));
  EXPECT_FALSE(write_xes(bad_number, XesSyntax::xml, more));
  EXPECT_EQ(more.errors().at(0).path, "/locations/0/latitude");
  EXPECT_EQ(more.errors().at(1).path, "/message/location[1]/latitude");
}

}  // namespace
}  // namespace xborder
