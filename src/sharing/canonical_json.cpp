#include "sharing/canonical_json.hpp"

#include <rapidjson/error/en.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "xborder/signature.hpp"

namespace xborder::detail {
namespace {

constexpr int kMaxDepth = 64;

// A member name as UTF-16 code units: RFC 8785 sorts names by them (the text is valid UTF-8: parsed so).
std::u16string utf16(std::string_view text) {
  std::u16string units;
  for (std::size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    const std::size_t length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    char32_t code = length == 1 ? byte : length == 2 ? byte & 0x1F : length == 3 ? byte & 0x0F : byte & 0x07;
    for (std::size_t k = 1; k < length && i + k < text.size(); ++k) code = (code << 6) | (text[i + k] & 0x3F);
    if (code >= 0x10000) {
      code -= 0x10000;
      units += static_cast<char16_t>(0xD800 + (code >> 10));
      units += static_cast<char16_t>(0xDC00 + (code & 0x3FF));
    } else {
      units += static_cast<char16_t>(code);
    }
    i += length;
  }
  return units;
}

void append_string(const char* text, std::size_t size, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (std::size_t i = 0; i < size; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  out += '"';
}

bool append_value(const rapidjson::Value& value, std::string& out, std::string& why, const rapidjson::Value* skip,
                  int depth) {
  if (depth > kMaxDepth) {
    why = "nested deeper than 64";
    return false;
  }
  switch (value.GetType()) {
    case rapidjson::kNullType: out += "null"; return true;
    case rapidjson::kFalseType: out += "false"; return true;
    case rapidjson::kTrueType: out += "true"; return true;
    case rapidjson::kStringType: append_string(value.GetString(), value.GetStringLength(), out); return true;
    case rapidjson::kNumberType:
      if (value.IsInt64()) {
        const std::int64_t integer = value.GetInt64();
        if (integer > -(std::int64_t{1} << 53) && integer < (std::int64_t{1} << 53)) {
          out += std::to_string(integer);
          return true;
        }
      }
      if (!std::isfinite(value.GetDouble())) {
        why = "a number that is not finite";
        return false;
      }
      append_ecmascript_number(value.GetDouble(), out);
      return true;
    case rapidjson::kArrayType: {
      out += '[';
      bool first = true;
      for (const auto& item : value.GetArray()) {
        if (!first) out += ',';
        first = false;
        if (!append_value(item, out, why, skip, depth + 1)) return false;
      }
      out += ']';
      return true;
    }
    case rapidjson::kObjectType: {
      std::vector<std::pair<std::u16string, const rapidjson::Value::Member*>> members;
      members.reserve(value.MemberCount());
      for (const auto& member : value.GetObject()) {
        if (&member.value == skip) continue;
        members.emplace_back(utf16({member.name.GetString(), member.name.GetStringLength()}), &member);
      }
      std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
      out += '{';
      for (std::size_t i = 0; i < members.size(); ++i) {
        if (i > 0) {
          if (members[i].first == members[i - 1].first) {
            why = "duplicate member name '" + std::string(members[i].second->name.GetString()) + "'";
            return false;
          }
          out += ',';
        }
        append_string(members[i].second->name.GetString(), members[i].second->name.GetStringLength(), out);
        out += ':';
        if (!append_value(members[i].second->value, out, why, skip, depth + 1)) return false;
      }
      out += '}';
      return true;
    }
  }
  return false;
}

}  // namespace

void append_ecmascript_number(double number, std::string& out) {
  if (number == 0) {  // also -0
    out += '0';
    return;
  }
  char buffer[40];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, number, std::chars_format::scientific);
  std::string_view text(buffer, static_cast<std::size_t>(result.ptr - buffer));  // shortest: "-1.2345e+02"
  if (text.front() == '-') {
    out += '-';
    text.remove_prefix(1);
  }
  const std::size_t e = text.find('e');
  std::string digits;
  for (const char c : text.substr(0, e)) {
    if (c != '.') digits += c;
  }
  std::string_view exponent_text = text.substr(e + 1);
  if (exponent_text.front() == '+') exponent_text.remove_prefix(1);
  int exponent = 0;
  std::from_chars(exponent_text.data(), exponent_text.data() + exponent_text.size(), exponent);
  const int k = static_cast<int>(digits.size());
  const int n = exponent + 1;
  if (k <= n && n <= 21) {
    out += digits;
    out.append(static_cast<std::size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    out.append(digits, 0, static_cast<std::size_t>(n)).append(1, '.').append(digits, static_cast<std::size_t>(n));
  } else if (-6 < n && n <= 0) {
    out.append("0.").append(static_cast<std::size_t>(-n), '0').append(digits);
  } else {
    out += digits[0];
    if (k > 1) out.append(1, '.').append(digits, 1);
    out += 'e';
    out += n - 1 < 0 ? '-' : '+';
    out += std::to_string(std::abs(n - 1));
  }
}

bool append_canonical(const rapidjson::Value& value, std::string& out, std::string& why, const rapidjson::Value* skip) {
  return append_value(value, out, why, skip, 0);
}

bool parse_for_canonical(std::string_view text, rapidjson::Document& document, std::string& why) {
  // RapidJSON frees a value recursively: nesting is bounded before a value is built.
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) {
        why = "nested deeper than 64 (byte " + std::to_string(i) + ")";
        return false;
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  constexpr unsigned kFlags = rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag |
                              rapidjson::kParseFullPrecisionFlag;
  document.Parse<kFlags>(text.data(), text.size());
  if (document.HasParseError()) {
    why = std::string(rapidjson::GetParseError_En(document.GetParseError())) + " (byte " +
          std::to_string(document.GetErrorOffset()) + ")";
    return false;
  }
  return true;
}

}  // namespace xborder::detail

namespace xborder {

std::optional<std::string> canonical_json(std::string_view json, std::string& why) {
  rapidjson::Document document;
  if (!detail::parse_for_canonical(json, document, why)) return std::nullopt;
  std::string out;
  if (!detail::append_canonical(document, out, why)) return std::nullopt;
  return out;
}

}  // namespace xborder
