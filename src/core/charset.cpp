#include "core/charset.hpp"

#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

#include <algorithm>
#include <memory>
#include <unordered_map>

#include "xborder/diagnostics.hpp"

namespace xborder::detail {
namespace {

struct ConverterDeleter {
  void operator()(UConverter* converter) const { ucnv_close(converter); }
};
using ConverterPtr = std::unique_ptr<UConverter, ConverterDeleter>;

// ICU converters are not thread-safe and costly to open: each thread keeps its own, by name.
UConverter* converter_for(std::string_view name) {
  thread_local std::unordered_map<std::string, ConverterPtr> cache;
  auto found = cache.find(std::string(name));
  if (found != cache.end()) return found->second.get();
  UErrorCode status = U_ZERO_ERROR;
  ConverterPtr converter(ucnv_open(std::string(name).c_str(), &status));
  if (U_FAILURE(status)) return nullptr;
  ucnv_setToUCallBack(converter.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  ucnv_setFromUCallBack(converter.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  return cache.emplace(std::string(name), std::move(converter)).first->second.get();
}

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

Charset::Charset(std::string_view name) : name_(name) {
  if (converter_for(name_) == nullptr) throw Error("unknown character set '" + name_ + "'");
  std::string ascii(128, '\0'), decoded;
  for (int c = 0; c < 128; ++c) ascii[c] = static_cast<char>(c);
  ascii_compatible_ = convert(name_, "UTF-8", ascii, decoded) && decoded == ascii;
  single_byte_ = ascii_compatible_ && ucnv_getMaxCharSize(converter_for(name_)) == 1;
  for (int byte = 0; single_byte_ && byte < 256; ++byte) {
    const char one = static_cast<char>(byte);
    if (!convert(name_, "UTF-8", std::string_view(&one, 1), byte_table_[static_cast<std::size_t>(byte)])) {
      byte_table_[static_cast<std::size_t>(byte)].clear();
    }
  }
}

bool Charset::decode(std::string_view raw, std::string& out) const {
  if (ascii_compatible_ && is_ascii(raw)) {
    out.assign(raw);
    return true;
  }
  if (single_byte_) {
    out.clear();
    for (const char c : raw) {
      const std::string& utf8 = byte_table_[static_cast<unsigned char>(c)];
      if (utf8.empty()) return false;
      out += utf8;
    }
    return true;
  }
  return convert(name_, "UTF-8", raw, out);
}

bool Charset::encode(std::string_view text, std::string& out) const {
  if (ascii_compatible_ && is_ascii(text)) {
    out.assign(text);
    return true;
  }
  return convert("UTF-8", name_, text, out);
}

bool Charset::convert(std::string_view from_name, std::string_view to_name, std::string_view in,
                      std::string& out) const {
  UConverter* from = converter_for(from_name);
  UConverter* to = converter_for(to_name);
  if (from == nullptr || to == nullptr) return false;
  out.resize(in.size() * 4 + 16);  // UTF-8 needs at most 4 bytes per input byte (or 3 per UTF-16 unit)
  char* target = out.data();
  const char* source = in.data();
  UErrorCode status = U_ZERO_ERROR;
  ucnv_convertEx(to, from, &target, out.data() + out.size(), &source, in.data() + in.size(), nullptr, nullptr,
                 nullptr, nullptr, true, true, &status);
  if (U_FAILURE(status)) return false;
  out.resize(static_cast<std::size_t>(target - out.data()));
  return true;
}

}  // namespace xborder::detail
