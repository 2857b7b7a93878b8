#pragma once
// What a document codec (JSON, XML) hands its sink, collected for the tests: each record's fields and
// diagnostics, in order.

#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "xborder/convert.hpp"
#include "xborder/diagnostics.hpp"
#include "xborder/field_tree.hpp"

namespace xborder::test {

struct Records {
  std::vector<FieldTree> trees;
  std::vector<Diagnostics> diagnostics;

  // The code of the last record's first error, or "none".
  std::string error_code() const {
    if (diagnostics.empty() || diagnostics.back().errors().empty()) return "none";
    return diagnostics.back().errors()[0].code;
  }
};

template <class Codec, class Layout>
Records read_records(const std::string& text, Layout layout, const std::string& format,
                     const xborder::Limits& limits = {}) {
  Records out;
  std::istringstream input(text);
  Codec(std::move(layout), format).read(input, limits, [&](const FieldTree& tree, Diagnostics&& diagnostics) {
    out.trees.push_back(tree);
    out.diagnostics.push_back(std::move(diagnostics));
    return true;
  });
  return out;
}

}  // namespace xborder::test
