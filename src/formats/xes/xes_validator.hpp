#pragma once
// Checks XES documents against the published schemas (JSON Schema through RapidJSON, XSD through Xerces)
// and the values the schemas cannot check alone (country codes against mappings/codes/countries.csv).

#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/mapping_store.hpp"
#include "xborder/diagnostics.hpp"
#include "xborder/xes_io.hpp"

namespace xborder::detail {

class XesValidator {
 public:
  explicit XesValidator(const MappingStore& store);  // throws Error if a schema or table is missing or broken
  ~XesValidator();

  Diagnostics validate(std::string_view bytes, XesSyntax syntax) const;

 private:
  struct JsonSchema;
  std::unique_ptr<JsonSchema> json_schema_;
  std::string xsd_;
  std::unordered_set<std::string> countries_;
};

}  // namespace xborder::detail
