#pragma once
// Name comparison, person matching and screening for Python (xborder.names.compare, xborder.screening).

#include <pybind11/pybind11.h>

namespace xborder::python {

void register_screening(pybind11::module_& m);

}  // namespace xborder::python
