#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include "core/utf8.hpp"
#include "test_support.hpp"
#include "xborder/convert.hpp"
#include "xborder/diagnostics.hpp"

namespace xborder {
namespace {

TEST(Diagnostics, SortsBySeverityAndSerialises) {
  Diagnostics diagnostics;
  diagnostics.warning("w", "repaired", "xes-json", "/a", 3);
  diagnostics.loss("l", "dropped \"x\"", "xes-json", "/b");
  EXPECT_FALSE(diagnostics.has_errors());
  EXPECT_EQ(diagnostics.warnings().size(), 1u);
  EXPECT_EQ(diagnostics.losses().size(), 1u);
  EXPECT_TRUE(test::same_json(diagnostics.to_json(), R"({"errors": [],
    "warnings": [{"code": "w", "message": "repaired", "format": "xes-json", "path": "/a", "offset": 3}],
    "losses": [{"code": "l", "message": "dropped \"x\"", "format": "xes-json", "path": "/b", "offset": null}]})"))
      << diagnostics.to_json();
}

// Messages and paths quote raw input; what Diagnostics keeps is valid UTF-8, with invalid bytes as \xHH.
TEST(Diagnostics, InvalidUtf8InMessagesAndPathsIsEscaped) {
  Diagnostics diagnostics;
  diagnostics.error("an2k.tag", "'1.0\xFF\xFE" "2' is not a field tag", "an2k", "row[1]/M\xC3\xBCller\xC3");
  diagnostics.warning("w", "overlong \xC0\xAF, surrogate \xED\xA0\x80, fine \xE2\x82\xAC", "f", "/");
  const auto& all = diagnostics.all();
  EXPECT_EQ(all[0].message, "'1.0\\xff\\xfe2' is not a field tag");
  EXPECT_EQ(all[0].path, "row[1]/M\xC3\xBCller\\xc3");  // the whole ü kept, the cut-off lead byte escaped
  EXPECT_EQ(all[1].message, "overlong \\xc0\\xaf, surrogate \\xed\\xa0\\x80, fine \xE2\x82\xAC");
  const std::string json = diagnostics.to_json();
  EXPECT_TRUE(detail::is_valid_utf8(json));
  rapidjson::Document parsed;
  parsed.Parse<rapidjson::kParseValidateEncodingFlag>(json.data(), json.size());
  ASSERT_FALSE(parsed.HasParseError()) << json;
  EXPECT_STREQ(parsed["errors"][0]["message"].GetString(), "'1.0\\xff\\xfe2' is not a field tag");
}

// The report of an ANSI/NIST transaction with bytes FF FE inside a tag: valid UTF-8 JSON.
TEST(Diagnostics, TheReportOfRawBytesInATagIsValidJson) {
  const Result result = Registry::builtin().converter("an2k").convert("1.001:17\x1D" "1.0\xFF\xFE" "2:0500\x1C");
  ASSERT_TRUE(result.diagnostics.has_errors());
  const std::string json = result.diagnostics.to_json();
  rapidjson::Document parsed;
  parsed.Parse<rapidjson::kParseValidateEncodingFlag>(json.data(), json.size());
  ASSERT_FALSE(parsed.HasParseError()) << json;
  EXPECT_NE(json.find("1.0\\\\xff\\\\xfe2"), std::string::npos) << json;  // \xff in the JSON text
}

TEST(Diagnostics, StrictPolicyMakesLossesErrors) {
  Diagnostics diagnostics;
  diagnostics.loss("l", "dropped", "f", "/b");
  diagnostics.make_losses_errors();
  EXPECT_TRUE(diagnostics.has_errors());
  EXPECT_TRUE(diagnostics.losses().empty());
  EXPECT_EQ(diagnostics.errors().at(0).path, "/b");
}

}  // namespace
}  // namespace xborder
