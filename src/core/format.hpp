#pragma once
// What a format implementation provides to the registry.

#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xborder/convert.hpp"
#include "xborder/diagnostics.hpp"
#include "xborder/field_tree.hpp"
#include "xborder/xes.hpp"

namespace xborder::detail {

// Receives each record read: its message (nullptr if the record could not be read) and its diagnostics.
// Returns false to stop reading. The sink may take the message (move or swap it out); what it leaves is the
// format's again, which may build the next record in that storage.
using RecordSink = std::function<bool(xes::Message* message, Diagnostics&& diagnostics)>;
using FieldTreeSink = std::function<bool(const FieldTree& tree, Diagnostics&& diagnostics)>;

// Writes records one at a time; what a format writes once (a CSV header) comes with the first record.
class RecordWriter {
 public:
  virtual ~RecordWriter() = default;
  // Appends the record to `out` (a stream's output buffer, reused record after record). False, with `out`
  // as it was, when the record cannot be written.
  virtual bool write(const xes::Message& message, Diagnostics& diagnostics, std::string& out) = 0;
};

class Format {
 public:
  virtual ~Format() = default;
  virtual const FormatInfo& info() const = 0;
  // How sure the format is that `head` is its own: 0 not at all, 100 certain.
  virtual int sniff(std::string_view head) const = 0;
  virtual void read(std::istream& input, const ConvertOptions& options, const RecordSink& sink) const = 0;
  virtual std::unique_ptr<RecordWriter> writer(const ConvertOptions& options) const = 0;
  // The FieldTrees of a codec-based format; false if the format has none.
  virtual bool inspect(std::istream&, const FieldTreeSink&) const { return false; }
};

}  // namespace xborder::detail
