#pragma once

#include <memory>

#include "core/format.hpp"
#include "xborder/xes_io.hpp"

namespace xborder::detail {

// XES itself as a format: "xes-json" and "xes-xml".
std::unique_ptr<Format> make_xes_format(XesSyntax syntax);

}  // namespace xborder::detail
