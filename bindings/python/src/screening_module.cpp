// xborder._core: names::compare, xborder::match over XES JSON persons, and the screening index (built once,
// queried from many threads with the GIL released).

#include "screening_module.hpp"

#include <pybind11/stl.h>

#include "messages.hpp"
#include "xborder/diagnostics.hpp"
#include "xborder/match.hpp"
#include "xborder/names.hpp"
#include "xborder/screen.hpp"

namespace py = pybind11;

namespace xborder::python {
namespace {

using MatchTuple = std::tuple<std::string, std::string, std::string, double, std::string, std::vector<std::string>>;
using PersonResult = std::tuple<std::string, std::string, std::vector<MatchTuple>>;

std::vector<PersonResult> screen_messages(const screening::Index& index, const std::vector<xes::Message>& messages,
                                          const screening::Options& options) {
  std::vector<PersonResult> out;
  for (const auto& message : messages) {
    auto results = index.screen(message, options);
    for (std::size_t p = 0; p < message.persons.size(); ++p) {
      std::vector<MatchTuple> matches;
      for (auto& match : results[p]) {
        matches.emplace_back(std::move(match.id), std::move(match.list), std::move(match.record), match.score,
                             std::string(to_string(match.decision)), std::move(match.explanation));
      }
      out.emplace_back(message.persons[p].id, message.header.message_id, std::move(matches));
    }
  }
  return out;
}

}  // namespace

void register_screening(py::module_& m) {
  m.def("name_compare", [](std::string_view a, std::string_view b) {
    auto result = names::compare(a, b);
    return std::make_tuple(result.score, result.match, std::move(result.explanation));
  }, py::arg("a"), py::arg("b"), py::call_guard<py::gil_scoped_release>());
  m.def("prepared_compare", [](const names::Prepared& a, const names::Prepared& b) {
    return names::compare_score(a, b);
  }, py::arg("a"), py::arg("b"), py::call_guard<py::gil_scoped_release>());
  m.attr("NAME_MATCH_THRESHOLD") = names::kMatchThreshold;
  m.attr("PERSON_MATCH") = kPersonMatch;
  m.attr("PERSON_POSSIBLE") = kPersonPossible;
  m.def("person_match", [](const Messages& a, const Messages& b) {
    if (a.messages.empty() || a.messages[0].persons.empty() || b.messages.empty() || b.messages[0].persons.empty()) {
      throw Error("person_match: each side needs a message with a person");
    }
    PersonMatch result;
    {
      py::gil_scoped_release release;
      result = match(a.messages[0].persons[0], b.messages[0].persons[0]);
    }
    return std::make_tuple(result.score, std::string(to_string(result.decision)), result.explanation);
  }, py::arg("a"), py::arg("b"), "The first person of each side's first message compared.");

  py::class_<screening::Index>(m, "ScreeningIndex",
                               "Listed persons, built once and queried many times (adds and queries from many threads at once).")
      .def(py::init<>())
      .def("add", [](screening::Index& index, const Messages& held, const std::string& list) {
        py::gil_scoped_release release;
        index.add(held.messages, list);
      }, py::arg("messages"), py::arg("list"))
      .def("__len__", &screening::Index::size)
      .def("memory_bytes", &screening::Index::memory_bytes)
      .def("screen", [](const screening::Index& index, const Messages& held, double threshold, std::size_t top,
                        bool explain) {
        py::gil_scoped_release release;
        return screen_messages(index, held.messages, {.threshold = threshold, .top = top, .explain = explain});
      }, py::arg("messages"), py::arg("threshold"), py::arg("top"), py::arg("explain"),
         "(person id, message id, [(id, list, record, score, decision, explanation)]) per person, GIL released.");
}

}  // namespace xborder::python
