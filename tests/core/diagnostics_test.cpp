#include <gtest/gtest.h>

#include "test_support.hpp"
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
