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

}  // namespace xborder::detail
