// xborder._core: conformance checks (xborder/check.hpp). A report crosses as its JSON text, which
// xborder.check turns into dataclasses; the GIL is released while a transaction is checked.

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include "check_module.hpp"
#include "xborder/check.hpp"

namespace py = pybind11;

namespace xborder::python {

void add_check(py::module_& m) {
  py::class_<Specification>(m, "Specification", "A conformance specification (mappings/specs/ or a CSV file).")
      .def(py::init([](const std::string& id_or_file, const std::filesystem::path& mappings_dir) {
             return Specification::load(id_or_file, mappings_dir);
           }),
           py::arg("id_or_file"), py::arg("mappings_dir") = std::filesystem::path())
      .def_property_readonly("id", &Specification::id)
      .def_property_readonly("title", &Specification::title)
      .def(
          "check_json",
          [](const Specification& spec, const py::bytes& data) {
            const std::string bytes = data;
            py::gil_scoped_release release;
            return spec.check(bytes).to_json();
          },
          py::arg("data"), "The report of checking every transaction of `data`, as JSON.")
      .def_static("available", &Specification::available, py::arg("mappings_dir") = std::filesystem::path());
}

}  // namespace xborder::python
