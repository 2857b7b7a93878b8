// Fuzz target: two arbitrary names (split at the first newline) through the structured comparison. Not UTF-8:
// an xborder::Error, nothing else; otherwise a score in [0, 1] that the match flag agrees with, the same both
// ways round, and an explanation.

#include <cmath>
#include <cstdint>
#include <string_view>

#include "xborder/diagnostics.hpp"
#include "xborder/names.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto newline = input.find('\n');
  const std::string_view a = input.substr(0, newline);
  const std::string_view b = newline == std::string_view::npos ? std::string_view() : input.substr(newline + 1);
  try {
    const auto result = xborder::names::compare(a, b);
    if (!(result.score >= 0.0 && result.score <= 1.0)) __builtin_trap();
    if (result.match != (result.score >= xborder::names::kMatchThreshold)) __builtin_trap();
    if (result.explanation.empty()) __builtin_trap();
    if (std::fabs(xborder::names::compare(b, a).score - result.score) > 1e-6) __builtin_trap();
  } catch (const xborder::Error&) {
  }
  return 0;
}
