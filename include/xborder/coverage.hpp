#pragma once
// Semantic coverage of a conversion: how many of the source's values reached typed XES members, how many
// travel only in `extensions` (kept, but where no receiving system looks), and how many were lost.
//
//   xborder::Coverage coverage;
//   for (const auto& message : result.messages) coverage.add(message);
//   coverage.add_losses(result.diagnostics);
//   coverage.typed_share();  // 0..1

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "xborder/diagnostics.hpp"
#include "xborder/export.hpp"
#include "xborder/xes.hpp"

namespace xborder {

struct XBORDER_API Coverage {
  std::size_t typed = 0;       // source fields with a provenance entry: their value reached a typed member
  std::size_t extensions = 0;  // source values (not empty) carried only in extensions
  std::size_t losses = 0;      // values of the records reported lost (not those outside the records)
  std::size_t metadata = 0;    // extensions left aside as metadata (see add())

  // Counts one message. Extensions whose source path contains one of `metadata` (e.g. "/VERSIONNUM", a list's
  // bookkeeping rather than the record's meaning) are counted as metadata, apart from the share.
  void add(const xes::Message& message, const std::vector<std::string>& metadata = {});
  void add_losses(const Diagnostics& diagnostics);
  Coverage& operator+=(const Coverage& other);
  // typed / (typed + extensions + losses); 1 when there is nothing.
  double typed_share() const;
  // "typed 97.1% (340), extensions 10, losses 0, metadata 46"
  std::string to_string() const;
};

}  // namespace xborder
