#include "core/charset.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <map>
#include <memory>
#include <unordered_map>

#include "core/utf8.hpp"
#include "xborder/diagnostics.hpp"

namespace xborder::detail {
namespace {

struct ConverterDeleter {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterDeleter>;

// ICU converters are not thread-safe and costly to open: each thread keeps its own, by name.
UConverter* converter_for(std::string_view name) {
  thread_local std::unordered_map<std::string, ConverterPtr> cache;
  auto found = cache.find(std::string(name));
  if (found != cache.end()) return found->second.get();
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr converter(ucnv_open(std::string(name).c_str(), &status));
  if (U_FAILURE(status)) return nullptr;
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  ucnv_setFromUCallBack(converter.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  return cache.emplace(std::string(name), std::move(converter)).first->second.get();
}


}  // namespace

Charset::Charset(std::string_view name) : name_(name) {
  if (converter_for(name_) == nullptr) throw Error("unknown character set '" + name_ + "'");
  std::string ascii(128, '\0'), decoded;
  for (int c = 0; c < 128; ++c) ascii[c] = static_cast<char>(c);
  ascii_compatible_ = convert(name_, "UTF-8", ascii, decoded) && decoded == ascii;
  single_byte_ = ascii_compatible_ && ucnv_getMaxCharSize(converter_for(name_)) == 1;
  for (int byte = 0; single_byte_ && byte < 256; ++byte) {
    const char one = static_cast<char>(byte);
    Utf8Char& entry = byte_table_[static_cast<std::size_t>(byte)];
    if (!convert(name_, "UTF-8", std::string_view(&one, 1), decoded) || decoded.empty()) continue;
    if (decoded.size() > sizeof entry.bytes) {  // a character beyond the BMP: ICU's converter serves this one
      single_byte_ = false;
      break;
    }
    entry.length = static_cast<unsigned char>(decoded.size());
    std::copy(decoded.begin(), decoded.end(), entry.bytes);
  }
}

const Charset& Charset::named(std::string_view name) {
  // Only names ICU knows get in: the constructor throws before anything is stored for any other.
  thread_local std::map<std::string, std::unique_ptr<Charset>, std::less<>> charsets;
  const auto found = charsets.find(name);
  if (found != charsets.end()) return *found->second;
  auto charset = std::make_unique<Charset>(name);
  return *charsets.emplace(std::string(name), std::move(charset)).first->second;
}

bool Charset::decode(std::string_view raw, std::string& out, const std::string* replacement,
                     std::vector<std::size_t>* invalid_at) const {
  if (ascii_compatible_ && is_ascii(raw)) {
    out.assign(raw);
    return true;
  }
  if (!single_byte_) return decode_with_icu(raw, out, replacement, invalid_at);
  // A single-byte charset here is ASCII-compatible. Bytes are decoded a block at a time into a buffer on the
  // stack (each becomes at most three), which is then appended: no call a byte.
  out.clear();
  constexpr std::size_t kBlock = 128;
  char buffer[3 * kBlock];
  for (std::size_t start = 0; start < raw.size(); start += kBlock) {
    const std::size_t end = std::min(raw.size(), start + kBlock);
    char* to = buffer;
    for (std::size_t at = start; at < end; ++at) {
      const auto byte = static_cast<unsigned char>(raw[at]);
      if (byte < 0x80) {
        *to++ = static_cast<char>(byte);
        continue;
      }
      const Utf8Char& utf8 = byte_table_[byte];
      if (utf8.length > 0) {
        std::memcpy(to, utf8.bytes, sizeof utf8.bytes);  // all three: the buffer has room, the length counts
        to += utf8.length;
        continue;
      }
      if (invalid_at != nullptr) invalid_at->push_back(at);
      out.append(buffer, static_cast<std::size_t>(to - buffer));  // what came before it stays
      if (replacement == nullptr) return false;
      out.append(*replacement);
      to = buffer;
    }
    out.append(buffer, static_cast<std::size_t>(to - buffer));
  }
  return true;
}

// ICU stops at each invalid sequence with the source just past it: the sequence's offset is known exactly,
// and decoding goes on after it when there is a replacement.
bool Charset::decode_with_icu(std::string_view raw, std::string& out, const std::string* replacement,
                              std::vector<std::size_t>* invalid_at) const {
  UConverter* converter = converter_for(name_);
  ucnv_resetToUnicode(converter);
  out.clear();
  const char* source = raw.data();
  const char* const end = raw.data() + raw.size();
  std::array<UChar, 1024> chunk;
  for (;;) {
    UChar* target = chunk.data();
    UErrorCode status = U_ZERO_ERROR;
    const char* const before = source;
    ucnv_toUnicode(converter, &target, chunk.data() + chunk.size(), &source, end, nullptr, true, &status);
    const auto units = static_cast<int32_t>(target - chunk.data());
    const std::size_t written = out.size();
    out.resize(written + static_cast<std::size_t>(units) * 3);  // UTF-8 takes at most 3 bytes per UTF-16 unit
    int32_t length = 0;
    UErrorCode utf8_status = U_ZERO_ERROR;
    u_strToUTF8(out.data() + written, static_cast<int32_t>(out.size() - written), &length, chunk.data(), units,
                &utf8_status);
    out.resize(written + static_cast<std::size_t>(U_SUCCESS(utf8_status) ? length : 0));
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_SUCCESS(status)) return true;
    char invalid[32];
    int8_t invalid_length = sizeof invalid;
    UErrorCode invalid_status = U_ZERO_ERROR;
    ucnv_getInvalidChars(converter, invalid, &invalid_length, &invalid_status);
    ucnv_resetToUnicode(converter);
    const auto consumed = static_cast<std::size_t>(source - raw.data());
    const auto invalid_bytes = U_SUCCESS(invalid_status) ? static_cast<std::size_t>(invalid_length) : 0;
    if (invalid_at != nullptr) invalid_at->push_back(consumed - std::min(consumed, invalid_bytes));
    // No replacement, or an error that consumed nothing (which would never end): stop.
    if (replacement == nullptr || (source == before && units == 0)) return false;
    out += *replacement;
  }
}

bool Charset::encode(std::string_view text, std::string& out) const {
  if (ascii_compatible_ && is_ascii(text)) {
    out.assign(text);
    return true;
  }
  return convert("UTF-8", name_, text, out);
}

bool Charset::convert(std::string_view from_name, std::string_view to_name, std::string_view in,
                      std::string& out) const {
  UConverter* from = converter_for(from_name);
  UConverter* to = converter_for(to_name);
  if (from == nullptr || to == nullptr) return false;
  out.resize(in.size() * 4 + 16);  // UTF-8 needs at most 4 bytes per input byte (or 3 per UTF-16 unit)
  char* target = out.data();
  const char* source = in.data();
  UErrorCode status = U_ZERO_ERROR;
  ucnv_convertEx(to, from, &target, out.data() + out.size(), &source, in.data() + in.size(), nullptr, nullptr,
                 nullptr, nullptr, true, true, &status);
  if (U_FAILURE(status)) return false;
  out.resize(static_cast<std::size_t>(target - out.data()));
  return true;
}

}  // namespace xborder::detail
