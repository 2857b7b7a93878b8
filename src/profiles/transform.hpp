#pragma once
// The value transforms of profile rules. Each works on the list of values a rule carries (one per source
// field, or several after a split) and runs forward (source -> XES) and, where it can, backward.

#include <rapidjson/document.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "profiles/code_table.hpp"
#include "xborder/categories.hpp"
#include "xborder/diagnostics.hpp"

namespace xborder::detail {

using Values = std::vector<std::string>;

// Where a transform reports: the record's diagnostics and the place being converted. The path is put
// together only when something is reported.
struct TransformContext {
  Diagnostics& diagnostics;
  std::string_view format;
  std::string_view record;  // e.g. "row[3]" (forward), empty (backward)
  std::string_view field;   // source field (forward) or XES path (backward)
  std::optional<std::uint64_t> offset;
  // Set by a transform that tells_exactness() when backward() would not give back what forward() read.
  bool inexact = false;

  std::string path() const { return record.empty() ? std::string(field) : std::string(record) + "." + std::string(field); }
};

class Transform {
 public:
  virtual ~Transform() = default;
  // False (with an error in the context) when the values cannot be converted.
  virtual bool forward(Values& values, TransformContext& context) const = 0;
  // Whether backward() restores what forward() consumed, so the rule can write its source field.
  virtual bool invertible() const { return true; }
  virtual bool backward(Values& values, TransformContext& context) const = 0;
  // Whether forward() sets context.inexact whenever backward() would not restore the values it read, so
  // that a writing rule need not run backward() on every record to find out.
  virtual bool tells_exactness() const { return false; }
};

using TableLoader = std::function<std::shared_ptr<const CodeTable>(std::string_view name, std::string& why)>;

// Builds the transform `kind` ("trim", "code", "date", ...) from its options. Nothing, with `why`, when the
// options are wrong (the profile schema has already checked their shape). `categories`: the classification
// systems the `category` transform looks codes up in (empty: the built-in ones).
std::unique_ptr<Transform> make_transform(std::string_view kind, const rapidjson::Value& options,
                                          const TableLoader& tables, std::string& why,
                                          std::shared_ptr<const Categories> categories = {});

}  // namespace xborder::detail
