#include "core/digest.hpp"

#include <openssl/evp.h>

#include <array>
#include <cstring>
#include <memory>

namespace xborder::detail {

void append_sha256_hex(std::string_view bytes, std::string& out) {
  // OpenSSL 3 looks an algorithm up on every implicit use; fetch it once (thread-safe, immutable).
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  // One context per thread, reset for each digest: EVP_Digest would allocate and free one every call.
  struct ContextDeleter {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
  };
  thread_local const std::unique_ptr<EVP_MD_CTX, ContextDeleter> context(EVP_MD_CTX_new());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestInit_ex2(context.get(), sha256, nullptr);
  EVP_DigestUpdate(context.get(), bytes.data(), bytes.size());
  EVP_DigestFinal_ex(context.get(), digest, &length);
  // Two hex digits a byte, looked up together.
  static constexpr auto kPairs = [] {
    constexpr char kHex[] = "0123456789abcdef";
    std::array<char, 512> pairs{};
    for (std::size_t byte = 0; byte < 256; ++byte) {
      pairs[2 * byte] = kHex[byte >> 4];
      pairs[2 * byte + 1] = kHex[byte & 15];
    }
    return pairs;
  }();
  char hex[2 * EVP_MAX_MD_SIZE];
  for (unsigned int i = 0; i < length; ++i) std::memcpy(hex + 2 * i, &kPairs[2 * std::size_t{digest[i]}], 2);
  out.append(hex, 2 * length);
}

std::string sha256_hex(std::string_view bytes) {
  std::string hex;
  append_sha256_hex(bytes, hex);
  return hex;
}

}  // namespace xborder::detail
