#pragma once
// The conformance checks' part of xborder._core, added by core_module.cpp.

#include <pybind11/pybind11.h>

namespace xborder::python {

void add_check(pybind11::module_& m);

}  // namespace xborder::python
