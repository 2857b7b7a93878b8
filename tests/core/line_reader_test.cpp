// Line reading for CSV rows and NDJSON: lines of any length across the reader's chunks, the bound on what is
// kept, the byte count, and a stream left just after the line.

#include <gtest/gtest.h>

#include <sstream>

#include "core/line_reader.hpp"

namespace xborder::detail {
namespace {

struct Line {
  std::string text;
  std::size_t consumed;
  bool too_long;
};

std::vector<Line> all_lines(const std::string& input, std::size_t max_bytes) {
  std::istringstream stream(input);
  std::vector<Line> lines;
  std::string line;
  std::size_t consumed = 0;
  bool too_long = false;
  while (read_line(stream, line, consumed, max_bytes, too_long)) lines.push_back({line, consumed, too_long});
  return lines;
}

TEST(ReadLine, SplitsAtLineFeedsOnlyAndCountsEveryByte) {
  const auto lines = all_lines("a;b\r\n\nlast", 100);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0].text, "a;b\r");
  EXPECT_EQ(lines[0].consumed, 5u);
  EXPECT_EQ(lines[1].text, "");
  EXPECT_EQ(lines[1].consumed, 6u);
  EXPECT_EQ(lines[2].text, "last");  // no final line feed
  EXPECT_EQ(lines[2].consumed, 10u);
  EXPECT_TRUE(all_lines("", 100).empty());
  EXPECT_EQ(all_lines("x\n", 100).size(), 1u);
}

TEST(ReadLine, KeepsLinesLongerThanAChunkWholeWithTheirBytes) {
  for (const std::size_t length : {4094, 4095, 4096, 4097, 8190, 8191, 10000}) {
    std::string text(length, 'x');
    text[0] = '\0';  // binary bytes are kept too
    const auto lines = all_lines(text + "\n" + text, 1 << 20);
    ASSERT_EQ(lines.size(), 2u) << length;
    EXPECT_EQ(lines[0].text, text) << length;
    EXPECT_EQ(lines[0].consumed, length + 1);
    EXPECT_EQ(lines[1].text, text) << length;
    EXPECT_EQ(lines[1].consumed, 2 * length + 1);
    EXPECT_FALSE(lines[0].too_long || lines[1].too_long);
  }
}

TEST(ReadLine, ALineOverTheBoundIsCutAndReadToItsEnd) {
  const auto lines = all_lines(std::string(9000, 'y') + "\nnext\n", 5000);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_TRUE(lines[0].too_long);
  EXPECT_EQ(lines[0].text, std::string(5000, 'y'));
  EXPECT_EQ(lines[0].consumed, 9001u);
  EXPECT_FALSE(lines[1].too_long);
  EXPECT_EQ(lines[1].text, "next");
}

TEST(ReadLine, LeavesTheStreamJustAfterTheLine) {
  std::istringstream stream("first\nrest of it");
  std::string line;
  std::size_t consumed = 0;
  bool too_long = false;
  ASSERT_TRUE(read_line(stream, line, consumed, 100, too_long));
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(stream), {}), "rest of it");
}

}  // namespace
}  // namespace xborder::detail
