#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace xborder::detail {

// Lowercase hex SHA-256 of `bytes` (OpenSSL libcrypto): the chain-of-custody digest of source records.
std::string sha256_hex(std::string_view bytes);
// The same, appended to `out` (which keeps its buffer when it is reused record after record).
void append_sha256_hex(std::string_view bytes, std::string& out);

}  // namespace xborder::detail

namespace xborder::detail {

// HMAC-SHA-256 (RFC 2104) under one key, for many messages: the keyed inner and outer states are computed
// once and copied for each message. Immutable after construction; safe to share across threads.
class HmacSha256 {
 public:
  explicit HmacSha256(std::string_view key);
  ~HmacSha256();
  HmacSha256(const HmacSha256&) = delete;
  HmacSha256& operator=(const HmacSha256&) = delete;

  // The 32-byte MAC of `message`, as lowercase hex appended to `out`.
  void append_hex(std::string_view message, std::string& out) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Lowercase hex of bytes, appended to `out`.
void append_hex(const unsigned char* bytes, std::size_t size, std::string& out);

}  // namespace xborder::detail
