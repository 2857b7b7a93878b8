#pragma once
// Legacy character sets to and from UTF-8, through ICU converters. Invalid or unmappable bytes are errors,
// never silent replacements: records are evidence.

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace xborder::detail {

class Charset {
 public:
  // An ICU converter name or alias ("windows-1252", "ISO-8859-2", "Shift_JIS", "UTF-8"). Throws Error if ICU
  // does not know it.
  explicit Charset(std::string_view name);

  // The charset of that name, built once per thread (building one costs 256 conversions). The reference is
  // good on the calling thread only: an object that other threads may use keeps its own Charset.
  static const Charset& named(std::string_view name);

  const std::string& name() const { return name_; }

  // False when `raw` holds bytes that are not valid in the charset (`out` then unspecified).
  bool decode(std::string_view raw, std::string& out) const { return decode(raw, out, nullptr, nullptr); }
  // Each invalid byte sequence becomes `replacement`, or stops decoding when there is none (`out` then holds
  // what came before it); its byte offset goes to `invalid_at` when given. False when decoding stopped.
  bool decode(std::string_view raw, std::string& out, const std::string* replacement,
              std::vector<std::size_t>* invalid_at) const;
  // False when `text` holds characters the charset cannot represent.
  bool encode(std::string_view text, std::string& out) const;

 private:
  bool decode_with_icu(std::string_view raw, std::string& out, const std::string* replacement,
                       std::vector<std::size_t>* invalid_at) const;
  bool convert(std::string_view from_name, std::string_view to_name, std::string_view in, std::string& out) const;
  std::string name_;
  bool ascii_compatible_ = false;  // ASCII bytes stand for themselves: pure-ASCII text needs no conversion
  // Single-byte charsets decode through a table built once from ICU's own mapping (length 0: the byte is not
  // valid in the charset). ICU's converter stays the reference and serves every other charset.
  struct Utf8Char {
    unsigned char length = 0;  // a single byte stands for one character of the BMP: 1 to 3 bytes
    char bytes[3] = {};
  };
  std::array<Utf8Char, 256> byte_table_;
  bool single_byte_ = false;
};

}  // namespace xborder::detail
