#pragma once

#include <string>
#include <string_view>

namespace xborder::detail {

// Lowercase hex SHA-256 of `bytes` (OpenSSL libcrypto): the chain-of-custody digest of source records.
std::string sha256_hex(std::string_view bytes);

}  // namespace xborder::detail
