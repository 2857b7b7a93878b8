#pragma once
// JSON helpers of the FtM format: values from hostile input may nest arbitrarily deep, and RapidJSON's
// Accept() (writing a value out) recurses, so depth is checked first, without recursion.

#include <rapidjson/document.h>

#include <cstddef>
#include <utility>
#include <vector>

namespace xborder::detail {

// Whether `value` nests no deeper than `limit` arrays and objects.
inline bool nests_within(const rapidjson::Value& value, std::size_t limit) {
  std::vector<std::pair<const rapidjson::Value*, std::size_t>> pending{{&value, 0}};
  while (!pending.empty()) {
    const auto [current, depth] = pending.back();
    pending.pop_back();
    if (!current->IsArray() && !current->IsObject()) continue;
    if (depth >= limit) return false;
    if (current->IsArray()) {
      for (const auto& item : current->GetArray()) pending.emplace_back(&item, depth + 1);
    } else {
      for (const auto& member : current->GetObject()) pending.emplace_back(&member.value, depth + 1);
    }
  }
  return true;
}

}  // namespace xborder::detail
