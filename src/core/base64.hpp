#pragma once
// Base64 (RFC 4648, standard alphabet, padded) for binary values in XES: JSON strings and xs:base64Binary.

#include <string>
#include <string_view>
#include <vector>
#include <cstdint>

namespace xborder::detail {

std::string base64_encode(const std::vector<std::uint8_t>& bytes);

// Strict: the standard alphabet and '=' padding only; XML whitespace between groups is skipped (XML Schema
// allows it). False on anything else, leaving `out` unspecified.
bool base64_decode(std::string_view text, std::vector<std::uint8_t>& out);

// Base64url (RFC 4648 section 5) without padding, as JWS (RFC 7515) writes its parts.
std::string base64url_encode(std::string_view bytes);
// Strict: the URL-safe alphabet only, no padding, no whitespace, no stray bits. False otherwise.
bool base64url_decode(std::string_view text, std::string& out);

}  // namespace xborder::detail
