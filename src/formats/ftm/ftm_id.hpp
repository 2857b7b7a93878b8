#pragma once
// FtM entity ids as XES ids: XES ids start with a letter or '_' and hold letters, digits and "_.:-" (the
// schemas' pattern); OpenSanctions ids ("NK-2sJaJRaPJcWUfMbHjTtWcL", "Q7747") mostly are. Others are made so
// ("ftm_" and each other character as '_'); the reader keeps the original in the extensions.

#include <string>
#include <string_view>

namespace xborder::detail {

inline std::string ftm_xes_id(std::string_view id) {
  const auto allowed = [](char c, bool first) {
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    return letter || (!first && ((c >= '0' && c <= '9') || c == '.' || c == ':' || c == '-'));
  };
  bool valid = !id.empty();
  for (std::size_t i = 0; valid && i < id.size(); ++i) valid = allowed(id[i], i == 0);
  if (valid) return std::string(id);
  std::string out = "ftm_";
  for (const char c : id) out += allowed(c, false) ? c : '_';
  return out;
}

}  // namespace xborder::detail
