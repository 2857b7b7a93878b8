// Charsets: the single-byte fast path agrees with ICU's converter (the reference) on every byte; invalid
// bytes and unmappable characters are refused, never replaced.

#include <gtest/gtest.h>
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include "core/charset.hpp"
#include "core/utf8.hpp"
#include "xborder/diagnostics.hpp"

namespace xborder::detail {
namespace {

// ICU straight: bytes -> UTF-16 -> UTF-8, nothing of ours in between. Nothing if ICU substitutes.
std::optional<std::string> icu_decode(const char* charset, const std::string& bytes) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* converter = ucnv_open(charset, &status);
  ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::u16string utf16(bytes.size() * 2 + 2, u'\0');
  const int32_t length = ucnv_toUChars(converter, utf16.data(), static_cast<int32_t>(utf16.size()), bytes.data(),
                                       static_cast<int32_t>(bytes.size()), &status);
  ucnv_close(converter);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out;
  icu::UnicodeString(utf16.data(), length).toUTF8String(out);
  return out;
}

TEST(Charset, SingleByteTablesAgreeWithIcuOnEveryByte) {
  for (const char* name : {"windows-1252", "windows-1251", "ISO-8859-2", "KOI8-R", "ISO-8859-1"}) {
    const Charset charset(name);
    std::string all;
    for (int byte = 0; byte < 256; ++byte) {
      const std::string one(1, static_cast<char>(byte));
      std::string ours;
      const auto reference = icu_decode(name, one);
      EXPECT_EQ(charset.decode(one, ours), reference.has_value()) << name << " byte " << byte;
      if (reference) {
        EXPECT_EQ(ours, *reference) << name << " byte " << byte;
        all += one;
      }
    }
    std::string ours, back;
    ASSERT_TRUE(charset.decode(all, ours)) << name;
    EXPECT_EQ(ours, *icu_decode(name, all)) << name;
    ASSERT_TRUE(charset.encode(ours, back)) << name;
    EXPECT_EQ(back, all) << name;
  }
}

TEST(Charset, RefusesWhatItCannotCarry) {
  const Charset utf8("UTF-8"), latin1("ISO-8859-1");
  std::string out;
  EXPECT_FALSE(utf8.decode("\xC3\x28", out));
  EXPECT_FALSE(latin1.encode("\xD0\x96", out));  // Ж
  EXPECT_THROW(Charset("no-such-charset"), Error);
}

// The UTF-8 check reads ASCII eight bytes at a time: a bad sequence is found at every position and
// alignment, and valid text of every length passes; ICU's UTF-8 converter is the reference.
TEST(Utf8, ValidityAgreesWithIcuAtEveryPosition) {
  const std::string valid = "Jürgen Щербакова 山田 \xF0\x9F\x98\x80 plain ascii text";
  for (std::size_t length = 0; length <= valid.size(); ++length) {
    const std::string prefix = valid.substr(0, length);
    EXPECT_EQ(is_valid_utf8(prefix), icu_decode("UTF-8", prefix).has_value()) << length;
  }
  for (const std::string bad : {"\x80", "\xC3", "\xE2\x82", "\xC0\xAF", "\xED\xA0\x80", "\xFF"}) {
    for (std::size_t at = 0; at <= 20; ++at) {
      const std::string text = std::string(at, 'a') + bad + std::string(20 - at, 'b');
      EXPECT_FALSE(is_valid_utf8(text)) << at;
      EXPECT_FALSE(icu_decode("UTF-8", text).has_value()) << at;
    }
  }
}

}  // namespace
}  // namespace xborder::detail
