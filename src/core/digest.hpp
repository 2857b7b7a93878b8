#pragma once

#include <string>
#include <string_view>

namespace xborder::detail {

// Lowercase hex SHA-256 of `bytes` (OpenSSL libcrypto): the chain-of-custody digest of source records.
std::string sha256_hex(std::string_view bytes);
// The same, appended to `out` (which keeps its buffer when it is reused record after record).
void append_sha256_hex(std::string_view bytes, std::string& out);

}  // namespace xborder::detail
