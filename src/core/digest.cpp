#include "core/digest.hpp"

#include <openssl/evp.h>

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
  static constexpr char kHex[] = "0123456789abcdef";
  char hex[2 * EVP_MAX_MD_SIZE];
  for (unsigned int i = 0; i < length; ++i) {
    hex[2 * i] = kHex[digest[i] >> 4];
    hex[2 * i + 1] = kHex[digest[i] & 15];
  }
  out.append(hex, 2 * length);
}

std::string sha256_hex(std::string_view bytes) {
  std::string hex;
  append_sha256_hex(bytes, hex);
  return hex;
}

}  // namespace xborder::detail
