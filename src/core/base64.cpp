#include "core/base64.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <limits>

namespace xborder::detail {

std::string base64_encode(const std::vector<std::uint8_t>& bytes) {
  std::string text(4 * ((bytes.size() + 2) / 3), '\0');
  // EVP_EncodeBlock takes an int length; encode in chunks (a multiple of 3 bytes) so any size is safe.
  constexpr std::size_t kChunk = 3 * (std::size_t{1} << 28);
  std::size_t written = 0;
  for (std::size_t at = 0; at < bytes.size(); at += kChunk) {
    const std::size_t n = std::min(kChunk, bytes.size() - at);
    written += static_cast<std::size_t>(EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data() + written),
                                                        bytes.data() + at, static_cast<int>(n)));
  }
  text.resize(written);
  return text;
}

namespace {
bool is_base64_letter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
}
}  // namespace

bool base64_decode(std::string_view text, std::vector<std::uint8_t>& out) {
  std::string compact;
  compact.reserve(text.size());
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    compact.push_back(c);
  }
  if (compact.size() % 4 != 0) return false;
  std::size_t padding = 0;
  while (padding < 2 && padding < compact.size() && compact[compact.size() - 1 - padding] == '=') ++padding;
  if (!std::all_of(compact.begin(), compact.end() - static_cast<std::ptrdiff_t>(padding), is_base64_letter)) {
    return false;
  }
  out.assign(compact.size() / 4 * 3, 0);
  constexpr std::size_t kChunk = 4 * (std::size_t{1} << 28);
  std::size_t decoded = 0;
  for (std::size_t at = 0; at < compact.size(); at += kChunk) {
    const std::size_t n = std::min(kChunk, compact.size() - at);
    const int got = EVP_DecodeBlock(out.data() + decoded, reinterpret_cast<const unsigned char*>(compact.data() + at),
                                    static_cast<int>(n));
    if (got < 0) return false;
    decoded += static_cast<std::size_t>(got);
  }
  out.resize(decoded - padding);
  return true;
}

namespace {
constexpr char kUrlAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
int url_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}
}  // namespace

std::string base64url_encode(std::string_view bytes) {
  std::string text;
  text.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t at = 0;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(bytes[i])); };
  for (; at + 3 <= bytes.size(); at += 3) {
    const unsigned group = byte(at) << 16 | byte(at + 1) << 8 | byte(at + 2);
    for (int shift = 18; shift >= 0; shift -= 6) text += kUrlAlphabet[(group >> shift) & 63];
  }
  if (const std::size_t left = bytes.size() - at; left > 0) {
    const unsigned group = byte(at) << 16 | (left == 2 ? byte(at + 1) << 8 : 0);
    text += kUrlAlphabet[(group >> 18) & 63];
    text += kUrlAlphabet[(group >> 12) & 63];
    if (left == 2) text += kUrlAlphabet[(group >> 6) & 63];
  }
  return text;
}

bool base64url_decode(std::string_view text, std::string& out) {
  if (text.size() % 4 == 1) return false;
  out.clear();
  out.reserve(text.size() / 4 * 3 + 2);
  unsigned group = 0;
  int bits = 0;
  for (const char c : text) {
    const int value = url_value(c);
    if (value < 0) return false;
    group = (group << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((group >> bits) & 0xFF);
    }
  }
  return (group & ((1u << bits) - 1)) == 0;  // the unused low bits of the last letter are zero
}

}  // namespace xborder::detail
