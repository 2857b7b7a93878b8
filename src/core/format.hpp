#pragma once
// What a format implementation provides to the registry.

#include <optional>
#include <string>
#include <string_view>

#include "xborder/convert.hpp"
#include "xborder/diagnostics.hpp"
#include "xborder/xes.hpp"

namespace xborder::detail {

class Format {
 public:
  virtual ~Format() = default;
  virtual const FormatInfo& info() const = 0;
  // How sure the format is that `head` is its own: 0 not at all, 100 certain.
  virtual int sniff(std::string_view head) const = 0;
  virtual std::optional<xes::Message> read(std::string_view bytes, Diagnostics& diagnostics) const = 0;
  virtual std::optional<std::string> write(const xes::Message& message, const ConvertOptions& options,
                                           Diagnostics& diagnostics) const = 0;
};

}  // namespace xborder::detail
