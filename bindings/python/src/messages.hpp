#pragma once
// XES messages held in C++ for Python (xborder._core.Messages), shared by the binding sources.

#include <vector>

#include "xborder/xes.hpp"

namespace xborder::python {

// The messages of a result stay C++ objects until Python asks for them (dicts are costly to build and bulk
// conversions often want only the output or the diagnostics).
struct Messages {
  std::vector<xes::Message> messages;
};

}  // namespace xborder::python
