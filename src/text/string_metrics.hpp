#pragma once

#include <string_view>

namespace xborder::detail {

// Jaro-Winkler similarity of two strings (bytes), in [0, 1]; prefix scale 0.1 over at most 4 characters.
double jaro_winkler(std::string_view a, std::string_view b);

}  // namespace xborder::detail
