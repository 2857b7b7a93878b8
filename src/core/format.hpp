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

// Receives each record read: its message as the one item of `batch` (none if it could not be read) and its
// diagnostics. Returns false to stop reading. The sink takes the message by swapping the list with its own,
// and swaps back what its caller left: a format keeps its batch from record to record and builds the next
// message on that storage (core/xes_recycle.hpp), so no message is moved or made anew a record.
using RecordSink = std::function<bool(std::vector<xes::Message>& batch, Diagnostics&& diagnostics)>;

// For a format that makes each message itself: hands `message` to the sink as the batch's one item.
inline bool deliver(const RecordSink& sink, std::vector<xes::Message>& batch, std::optional<xes::Message>&& message,
                    Diagnostics&& diagnostics) {
  batch.clear();
  if (message) batch.push_back(std::move(*message));
  return sink(batch, std::move(diagnostics));
}
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
