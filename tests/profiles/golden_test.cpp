// Each national format's example converts to the XES of its golden file, message by message, compared by
// content; and every message it gives is valid against the published schema.

#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <string>

#include "test_support.hpp"
#include "xborder/convert.hpp"
#include "xborder/xes_io.hpp"

namespace xborder {
namespace {

struct Golden {
  const char* example;  // under examples/data/
  const char* golden;   // under tests/golden/national/: a JSON array of the messages
};

class NationalGolden : public ::testing::TestWithParam<Golden> {};

TEST_P(NationalGolden, ConvertsToItsGoldenXes) {
  const Golden& golden = GetParam();
  const Registry& registry = Registry::builtin();
  const Result result = registry.converter("", "", {.created = "2026-01-01T00:00:00Z"})
                            .convert(test::source_file(std::string("examples/data/") + golden.example));
  ASSERT_TRUE(result.ok()) << result.diagnostics.to_json();
  rapidjson::Document expected;
  const std::string golden_text = test::source_file(std::string("tests/golden/national/") + golden.golden);
  expected.Parse(golden_text.data(), golden_text.size());
  ASSERT_TRUE(expected.IsArray());
  ASSERT_EQ(result.messages.size(), expected.Size());
  for (rapidjson::SizeType i = 0; i < expected.Size(); ++i) {
    Diagnostics written;
    const auto json = write_xes(result.messages[i], XesSyntax::json, written);
    ASSERT_TRUE(json) << written.to_json();
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    expected[i].Accept(writer);
    EXPECT_TRUE(test::same_json(*json, buffer.GetString())) << golden.example << " message " << i << ":\n" << *json;
    const Diagnostics valid = registry.validate(*json, "xes-json");
    EXPECT_FALSE(valid.has_errors()) << golden.example << " message " << i << ": " << valid.to_json();
  }
}

INSTANTIATE_TEST_SUITE_P(Examples, NationalGolden,
                         ::testing::Values(Golden{"tabular/de-register.csv", "de-register.json"},
                                           Golden{"tabular/ru-register.txt", "ru-register.json"},
                                           Golden{"an2k/ebts-arrest.an2", "ebts-arrest.json"},
                                           Golden{"mrz/passport-td3.txt", "passport-td3.json"},
                                           Golden{"mrz/id-card-td1.txt", "id-card-td1.json"},
                                           Golden{"documents/un-sanctions-list.xml", "un-sanctions-list.json"},
                                           Golden{"documents/eu-sanctions-list.xml", "eu-sanctions-list.json"},
                                           Golden{"documents/yellow-notice.json", "yellow-notice.json"},
                                           Golden{"documents/un-notice.json", "un-notice.json"}));

}  // namespace
}  // namespace xborder
