#pragma once

#include <pybind11/pybind11.h>

namespace xborder::python {

// Adds policies, release, sign, verify and hit_keys to the module.
void register_sharing(pybind11::module_& m);

}  // namespace xborder::python
