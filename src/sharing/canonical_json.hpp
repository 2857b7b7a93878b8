#pragma once
// RFC 8785 JSON canonicalisation (JCS) over RapidJSON values.

#include <rapidjson/document.h>

#include <string>

namespace xborder::detail {

// Appends the canonical form of `value` to `out`, leaving out the member whose value is `skip` (if any).
// False, with `why`, for duplicate member names, non-finite numbers or nesting deeper than 64.
bool append_canonical(const rapidjson::Value& value, std::string& out, std::string& why,
                      const rapidjson::Value* skip = nullptr);

// A number as ECMAScript's Number.prototype.toString writes it (RFC 8785 section 3.2.2.3).
void append_ecmascript_number(double number, std::string& out);

// Parses JSON for canonicalisation: UTF-8 checked, iterative (no recursion on the input's nesting), numbers
// parsed to the nearest double. False, with `why`, on malformed text.
bool parse_for_canonical(std::string_view text, rapidjson::Document& document, std::string& why);

}  // namespace xborder::detail
