// The data-table reader every loader shares: metadata, comments, quoted cells over lines, errors at file:line,
// and linear reading of hostile text.

#include <gtest/gtest.h>

#include <string>

#include "core/data_table.hpp"
#include "xborder/diagnostics.hpp"

namespace xborder::detail {
namespace {

TEST(DataTable, ReadsMetadataCommentsAndRowsWithTheirLines) {
  const DataTable table = DataTable::parse("t.csv",
                                           "# A table of tests: not metadata, a sentence.\n"
                                           "# source: somewhere\n"
                                           "# version: 2\n"
                                           "code,label\n"
                                           "\n"
                                           "A,\"one\ntwo\"\r\n"
                                           "# a comment between rows\n"
                                           "B,plain\n");
  EXPECT_EQ(table.metadata.at("source"), "somewhere");
  EXPECT_EQ(table.metadata.at("version"), "2");
  EXPECT_EQ(table.metadata.size(), 2u);
  EXPECT_EQ(table.header_line, 4u);
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0].line, 6u);
  EXPECT_EQ(table.rows[0][1], "one\ntwo");
  EXPECT_EQ(table.rows[1].line, 9u);
  EXPECT_EQ(table.require("label"), 1u);
}

TEST(DataTable, ErrorsNameTheFileAndLine) {
  try {
    DataTable::parse("mappings/codes/x.csv", "# comment\ncode,label\nA,1\nB\n");
    FAIL() << "a short row was accepted";
  } catch (const ProfileError& e) {
    EXPECT_EQ(e.file(), "mappings/codes/x.csv");
    EXPECT_EQ(e.line(), 4u);
  }
  const DataTable table = DataTable::parse("y.csv", "\n\ncode\nA\n");
  try {
    table.require("label");
    FAIL() << "a missing column was accepted";
  } catch (const ProfileError& e) {
    EXPECT_EQ(e.line(), 3u);
  }
  EXPECT_THROW(DataTable::parse("z.csv", "# only comments\n"), ProfileError);
}

// A quote that never closes, then two million line ends: one record that does not close, refused at the line
// it opened on, after one pass over the text.
TEST(DataTable, AnUnclosedQuoteOverMillionsOfLinesIsRefusedInOnePass) {
  const std::string text = "code,label\nA,\"open" + std::string(2'000'000, '\n');
  try {
    DataTable::parse("hostile.csv", text);
    FAIL() << "an unclosed quote was accepted";
  } catch (const ProfileError& e) {
    EXPECT_EQ(e.line(), 2u);
    EXPECT_NE(std::string(e.what()).find("does not close"), std::string::npos);
  }
}

}  // namespace
}  // namespace xborder::detail
