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
  append_hex(digest, length, out);
}

void append_hex(const unsigned char* bytes, std::size_t size, std::string& out) {
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
  const std::size_t at = out.size();
  out.resize(at + 2 * size);
  for (std::size_t i = 0; i < size; ++i) std::memcpy(out.data() + at + 2 * i, &kPairs[2 * std::size_t{bytes[i]}], 2);
}

struct HmacSha256::State {
  EVP_MD_CTX* inner = EVP_MD_CTX_new();
  EVP_MD_CTX* outer = EVP_MD_CTX_new();
  ~State() {
    EVP_MD_CTX_free(inner);
    EVP_MD_CTX_free(outer);
  }
};

HmacSha256::HmacSha256(std::string_view key) : state_(std::make_unique<State>()) {
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  constexpr std::size_t kBlock = 64;
  unsigned char block[kBlock] = {};
  if (key.size() > kBlock) {
    unsigned int length = 0;
    EVP_Digest(key.data(), key.size(), block, &length, sha256, nullptr);
  } else {
    std::memcpy(block, key.data(), key.size());
  }
  unsigned char pad[kBlock];
  for (std::size_t i = 0; i < kBlock; ++i) pad[i] = block[i] ^ 0x36;
  EVP_DigestInit_ex2(state_->inner, sha256, nullptr);
  EVP_DigestUpdate(state_->inner, pad, kBlock);
  for (std::size_t i = 0; i < kBlock; ++i) pad[i] = block[i] ^ 0x5c;
  EVP_DigestInit_ex2(state_->outer, sha256, nullptr);
  EVP_DigestUpdate(state_->outer, pad, kBlock);
}

HmacSha256::~HmacSha256() = default;

void HmacSha256::append_hex(std::string_view message, std::string& out) const {
  struct ContextDeleter {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
  };
  thread_local const std::unique_ptr<EVP_MD_CTX, ContextDeleter> context(EVP_MD_CTX_new());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_MD_CTX_copy_ex(context.get(), state_->inner);
  EVP_DigestUpdate(context.get(), message.data(), message.size());
  EVP_DigestFinal_ex(context.get(), digest, &length);
  EVP_MD_CTX_copy_ex(context.get(), state_->outer);
  EVP_DigestUpdate(context.get(), digest, length);
  EVP_DigestFinal_ex(context.get(), digest, &length);
  detail::append_hex(digest, length, out);
}

std::string sha256_hex(std::string_view bytes) {
  std::string hex;
  append_sha256_hex(bytes, hex);
  return hex;
}

}  // namespace xborder::detail
