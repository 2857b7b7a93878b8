// Decoding legacy bytes with the caller's policy: each invalid sequence stops decoding or is replaced, at the
// byte offset where it stands, in single-byte (table) and multi-byte (ICU) charsets alike.

#include <gtest/gtest.h>

#include "xborder/diagnostics.hpp"
#include "xborder/text.hpp"

namespace xborder {
namespace {

const DecodeOptions kReplace{.on_invalid = OnInvalid::replace};

TEST(Decode, StopsAtTheFirstInvalidSequenceWithItsOffset) {
  // Shift_JIS: "山田" then 0xFF (not a Shift_JIS byte), then "太郎".
  const std::string bytes = "\x8e\x52\x93\x63\xff\x91\xbe\x98\x59";
  const Decoded stopped = decode(bytes, "Shift_JIS");
  EXPECT_EQ(stopped.text, "山田");
  EXPECT_EQ(stopped.invalid, std::vector<std::size_t>{4});
  EXPECT_FALSE(stopped.complete());

  const Decoded replaced = decode(bytes, "Shift_JIS", kReplace);
  EXPECT_EQ(replaced.text, "山田\uFFFD太郎");
  EXPECT_EQ(replaced.invalid, std::vector<std::size_t>{4});

  const Decoded marked = decode(bytes, "Shift_JIS", {.on_invalid = OnInvalid::replace, .replacement = "?"});
  EXPECT_EQ(marked.text, "山田?太郎");
}

TEST(Decode, SingleByteCharsetsReportEachUndefinedByte) {
  // windows-1253 leaves 0xD2 and 0xFF undefined; "Αθήνα" around them.
  const std::string bytes = "\xc1\xe8\xff\xde\xed\xd2\xe1";
  const Decoded replaced = decode(bytes, "windows-1253", kReplace);
  EXPECT_EQ(replaced.text, "Αθ\uFFFDήν\uFFFDα");
  EXPECT_EQ(replaced.invalid, (std::vector<std::size_t>{2, 5}));
  const Decoded stopped = decode(bytes, "windows-1253");
  EXPECT_EQ(stopped.text, "Αθ");
  EXPECT_EQ(stopped.invalid, std::vector<std::size_t>{2});
  EXPECT_TRUE(decode("\xc1\xe8\xde\xed\xe1", "windows-1253").complete());
}

// Single-byte text is decoded a block at a time: undefined bytes at and around the block edges (and text of
// two and three bytes a character on either side) come out where they were.
TEST(Decode, SingleByteOffsetsHoldAcrossBlocks) {
  std::string bytes, expected;
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < 700; ++i) {
    if (i == 0 || i == 127 || i == 128 || i == 255 || i == 256 || i == 699 || i % 97 == 5) {
      offsets.push_back(i);
      bytes += '\xff';  // undefined in windows-1253
      expected += "#";
    } else if (i % 3 == 0) {
      bytes += '\xc1';  // Α
      expected += "Α";
    } else if (i % 3 == 1) {
      bytes += '\x80';  // €
      expected += "€";
    } else {
      bytes += 'a';
      expected += "a";
    }
  }
  const Decoded replaced = decode(bytes, "windows-1253", {.on_invalid = OnInvalid::replace, .replacement = "#"});
  EXPECT_EQ(replaced.invalid, offsets);
  EXPECT_EQ(replaced.text, expected);
  const Decoded stopped = decode(bytes.substr(1), "windows-1253");
  EXPECT_EQ(stopped.invalid, std::vector<std::size_t>{4});
  EXPECT_EQ(stopped.text, expected.substr(1, expected.find('#', 1) - 1));
}

TEST(Decode, Utf8SequencesThatAreNotUtf8) {
  // An overlong '/', a lone continuation byte, a sequence cut short by the end.
  const Decoded replaced = decode("a\xc0\xaf" "b\x80" "c\xe2\x82", "UTF-8", kReplace);
  ASSERT_FALSE(replaced.invalid.empty());
  EXPECT_EQ(replaced.invalid.front(), 1u);
  EXPECT_EQ(replaced.invalid.back(), 6u);
  EXPECT_EQ(replaced.text.front(), 'a');
  EXPECT_NE(replaced.text.find('b'), std::string::npos);
  EXPECT_NE(replaced.text.find('c'), std::string::npos);
  EXPECT_TRUE(replaced.text.ends_with("\uFFFD"));
}

TEST(Decode, OffsetsHoldBeyondIcusChunks) {
  // Far more text than one 1024-unit chunk, with invalid bytes well inside it.
  std::string bytes;
  std::string expected;
  std::vector<std::size_t> offsets;
  for (int i = 0; i < 3000; ++i) {
    if (i % 700 == 699) {
      offsets.push_back(bytes.size());
      bytes += '\xff';
      expected += "#";
      continue;
    }
    bytes += "\x8e\x52";  // 山
    expected += "山";
  }
  const Decoded replaced = decode(bytes, "Shift_JIS", {.on_invalid = OnInvalid::replace, .replacement = "#"});
  EXPECT_EQ(replaced.invalid, offsets);
  EXPECT_EQ(replaced.text, expected);
}

TEST(Decode, AnUnknownCharsetIsTheCallersError) {
  EXPECT_THROW(decode("abc", "no-such-charset"), Error);
  EXPECT_EQ(decode("plain ASCII", "windows-1251").text, "plain ASCII");
}

TEST(DetectCharsets, NamesTheLikelyCharsetWithConfidence) {
  // "Тимошенко Юлия Владимировна, родилась в Днепропетровске" in Windows-1251 and in UTF-8.
  const std::string cp1251 =
      "\xD2\xE8\xEC\xEE\xF8\xE5\xED\xEA\xEE \xDE\xEB\xE8\xFF \xC2\xEB\xE0\xE4\xE8\xEC\xE8\xF0\xEE\xE2\xED\xE0, "
      "\xF0\xEE\xE4\xE8\xEB\xE0\xF1\xFC \xE2 \xC4\xED\xE5\xEF\xF0\xEE\xEF\xE5\xF2\xF0\xEE\xE2\xF1\xEA\xE5";
  const auto guesses = detect_charsets(cp1251);
  ASSERT_FALSE(guesses.empty());
  EXPECT_EQ(guesses.front().name, "windows-1251");
  EXPECT_GT(guesses.front().confidence, 0);
  EXPECT_EQ(decode(cp1251, guesses.front().name).text, "Тимошенко Юлия Владимировна, родилась в Днепропетровске");
  const auto utf8 = detect_charsets("Тимошенко Юлия Владимировна, родилась в Днепропетровске");
  ASSERT_FALSE(utf8.empty());
  EXPECT_EQ(utf8.front().name, "UTF-8");
  EXPECT_GT(utf8.front().confidence, guesses.back().confidence);
}

}  // namespace
}  // namespace xborder
