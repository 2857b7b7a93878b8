#include "sharing/canonical_json.hpp"

#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "xborder/signature.hpp"

namespace xborder::detail {
namespace {

constexpr int kMaxDepth = 64;

// Builds `document` from the reader's events, reading each number from its text with std::from_chars (exactly
// rounded). RapidJSON's own full-precision path is undefined behaviour on some inputs ("0e+213": clz of zero).
struct ExactNumbers {
  rapidjson::Document& document;
  std::string number_error;

  bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
    const std::string_view number(text, length);
    if (number.find_first_of(".eE") == std::string_view::npos) {
      std::int64_t integer = 0;
      const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), integer);
      if (error == std::errc() && end == number.data() + number.size()) return document.Int64(integer);
    }
    double value = 0;
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (error != std::errc() || end != number.data() + number.size() || !std::isfinite(value)) {
      number_error = "a number out of the range of a double";
      return false;
    }
    return document.Double(value);
  }
  bool Null() { return document.Null(); }
  bool Bool(bool value) { return document.Bool(value); }
  bool Int(int) { return false; }  // with kParseNumbersAsStringsFlag every number arrives as RawNumber
  bool Uint(unsigned) { return false; }
  bool Int64(std::int64_t) { return false; }
  bool Uint64(std::uint64_t) { return false; }
  bool Double(double) { return false; }
  bool String(const char* text, rapidjson::SizeType length, bool copy) { return document.String(text, length, copy); }
  bool StartObject() { return document.StartObject(); }
  bool Key(const char* text, rapidjson::SizeType length, bool copy) { return document.Key(text, length, copy); }
  bool EndObject(rapidjson::SizeType count) { return document.EndObject(count); }
  bool StartArray() { return document.StartArray(); }
  bool EndArray(rapidjson::SizeType count) { return document.EndArray(count); }
};

// Member names in the order of their UTF-16 code units (RFC 8785 section 3.2.3), on the UTF-8 text itself
// (valid: parsed so). UTF-8 bytes sort as code points, and UTF-16 differs from that only where a character
// above U+FFFF (a surrogate pair, D800-DFFF) meets one of U+E000-U+FFFF: there the order flips. The first
// differing byte is a lead byte whenever the two characters differ in length, so it tells.
bool utf16_less(std::string_view a, std::string_view b) {
  const std::size_t common = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < common; ++i) {
    const auto x = static_cast<unsigned char>(a[i]);
    const auto y = static_cast<unsigned char>(b[i]);
    if (x == y) continue;
    if (x >= 0xF0 && (y == 0xEE || y == 0xEF)) return true;
    if (y >= 0xF0 && (x == 0xEE || x == 0xEF)) return false;
    return x < y;
  }
  return a.size() < b.size();
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
      std::vector<const rapidjson::Value::Member*> members;
      members.reserve(value.MemberCount());
      for (const auto& member : value.GetObject()) {
        if (&member.value != skip) members.push_back(&member);
      }
      const auto name = [](const rapidjson::Value::Member* member) {
        return std::string_view(member->name.GetString(), member->name.GetStringLength());
      };
      std::sort(members.begin(), members.end(), [&](const auto* a, const auto* b) { return utf16_less(name(a), name(b)); });
      out += '{';
      for (std::size_t i = 0; i < members.size(); ++i) {
        if (i > 0) {
          if (name(members[i]) == name(members[i - 1])) {
            why = "duplicate member name '" + std::string(name(members[i])) + "'";
            return false;
          }
          out += ',';
        }
        append_string(members[i]->name.GetString(), members[i]->name.GetStringLength(), out);
        out += ':';
        if (!append_value(members[i]->value, out, why, skip, depth + 1)) return false;
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
                              rapidjson::kParseNumbersAsStringsFlag;
  rapidjson::MemoryStream bytes(text.data(), text.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> input(bytes);
  ExactNumbers handler{document};
  rapidjson::ParseResult result;
  auto generate = [&](rapidjson::Document&) {
    rapidjson::Reader reader;
    result = reader.Parse<kFlags>(input, handler);
    return !result.IsError();
  };
  document.Populate(generate);  // moves the root value out of the document's build stack
  if (!result) {
    why = handler.number_error.empty() ? std::string(rapidjson::GetParseError_En(result.Code()))
                                       : std::move(handler.number_error);
    why += " (byte " + std::to_string(result.Offset()) + ")";
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
