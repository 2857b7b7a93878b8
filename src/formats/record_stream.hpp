#pragma once
// How a codec of documents (JSON, XML) hands on the records it finds in them. Records go to the sink one
// behind, so that the values after the last record (a page's closing links) can join it; values outside any
// record are reported as losses, with the record that follows them or, at the end, with the last one.
// A record is built in the storage of one handed on before it (its fields' strings keep their capacity), and
// its bytes are a view of the document, which outlives the records read from it.

#include <rapidjson/document.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <istream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "core/codec.hpp"
#include "core/read_bounded.hpp"

namespace xborder::detail {

// A record as a document codec reads it: its fields and what reading it found.
struct ReadRecord {
  FieldTree tree;
  Diagnostics diagnostics;
};

// Records read on one thread and handed to the sink on another, in their order. The sink's side gives each
// record back when it has handled it, and the reader builds a later record in its storage (its fields' strings
// keep their capacity): neither side allocates for a record once the records have grown, and next to no
// memory is freed by a thread other than the one that took it (the records left when the reading ends). At
// most kHeld records wait, so a reader far ahead of the sink holds little memory.
class RecordQueue {
 public:
  static constexpr std::size_t kHeld = 16;

  // The reader's side: false once the sink's side wants no more (the reader then stops).
  bool push(ReadRecord&& record) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return ready_.size() < kHeld || stopped_; });
    if (stopped_) return false;
    ready_.push_back(std::move(record));
    changed_.notify_all();
    return true;
  }
  // A record the sink's side has handled, if any, to build the next one in.
  std::optional<ReadRecord> take_back() {
    const std::lock_guard lock(mutex_);
    if (handled_.empty()) return std::nullopt;
    std::optional<ReadRecord> record(std::move(handled_.back()));
    handled_.pop_back();
    return record;
  }
  // The reader has ended; `failure`: what it threw, for the sink's side to throw.
  void close(std::exception_ptr failure = nullptr) {
    const std::lock_guard lock(mutex_);
    closed_ = true;
    failure_ = std::move(failure);
    changed_.notify_all();
  }

  // The sink's side: the next record; none once the reader has ended (and what it threw is thrown).
  std::optional<ReadRecord> pop() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !ready_.empty() || closed_; });
    if (ready_.empty()) {
      if (failure_) std::rethrow_exception(failure_);
      return std::nullopt;
    }
    std::optional<ReadRecord> record(std::move(ready_.front()));
    ready_.pop_front();
    changed_.notify_all();
    return record;
  }
  void give_back(ReadRecord&& record) {
    const std::lock_guard lock(mutex_);
    if (handled_.size() < kHeld) handled_.push_back(std::move(record));
  }
  // The sink's side wants no more records.
  void stop() {
    const std::lock_guard lock(mutex_);
    stopped_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<ReadRecord> ready_;
  std::vector<ReadRecord> handled_;
  bool closed_ = false, stopped_ = false;
  std::exception_ptr failure_;
};

// Where a document codec's records go: the sink, or the queue to it of a reading beside it (read_records).
struct RecordOutput {
  RecordOutput(const FieldTreeSink& sink, RecordQueue* queue = nullptr) : sink(sink), queue(queue) {}  // NOLINT
  const FieldTreeSink& sink;
  RecordQueue* queue;
};

class RecordStream {
 public:
  // `outside_code`: the loss code for values outside the records ("json.outside-records"). `owner` keeps the
  // document's bytes alive (empty: the caller's bytes, valid while the read runs).
  RecordStream(std::string format, std::string outside_code, RecordOutput output,
               std::shared_ptr<const std::string> owner)
      : format_(std::move(format)), outside_code_(std::move(outside_code)), output_(output), owner_(std::move(owner)) {}

  bool in_record() const { return current_.has_value(); }
  bool stopped() const { return stopped_; }
  const std::string& format() const { return format_; }

  // Opens a record, with the losses of the values outside records read since the last one.
  void begin(std::string_view label, std::uint64_t offset) {
    if (!recycled_ && output_.queue != nullptr) recycled_ = output_.queue->take_back();
    if (recycled_) {
      current_ = std::move(recycled_);  // its fields are filled again in place (see add_field)
      recycled_.reset();
    } else {
      current_.emplace();
    }
    filled_ = 0;
    current_->tree.label.assign(label);
    current_->tree.offset = offset;
    current_->tree.raw = FieldBytes();  // set by end(); a record broken before it has none
    current_->diagnostics = std::move(outside_);
    outside_ = Diagnostics{};
  }
  // How many fields the open record has.
  std::size_t field_count() const { return filled_; }

  // A new field at the end of the open record, every member to be set. It is a field of an earlier record
  // reused where it stands (its strings keep their capacity, and nothing is moved), or one left over by a
  // record with more fields than its successor.
  Field& add_field() {
    std::vector<Field>& fields = current_->tree.fields;
    if (filled_ == fields.size()) {
      if (spare_fields_.empty()) {
        fields.emplace_back();
      } else {
        fields.push_back(std::move(spare_fields_.back()));
        spare_fields_.pop_back();
      }
    }
    Field& field = fields[filled_++];
    field.binary = false;
    field.tag.clear();
    return field;
  }

  // A view of bytes of the document, kept alive as long as any view of it.
  FieldBytes view(std::string_view bytes) const { return FieldBytes::view_of(bytes, owner_); }

  void outside(const std::string& path, std::uint64_t offset) {
    outside_.loss(outside_code_, "a value outside the records (of the document, not of a record) is not converted",
                  format_, path, offset);
  }

  // Closes the record (its bytes: `raw`, a part of the document) and hands on the one before it. False if the
  // sink asked to stop.
  bool end(std::string_view raw) {
    keep_filled(*current_);
    current_->tree.raw = view(raw);
    if (!hand_on()) return false;
    pending_ = std::move(current_);
    current_.reset();
    return true;
  }

  // The input is broken: the record it breaks in (or one of its own, labelled `label`) carries the error,
  // after the complete record before it.
  void fail(const std::string& code, const std::string& message, const std::string& path,
            std::optional<std::uint64_t> offset, const std::string& label) {
    if (!hand_on()) return;
    if (current_) keep_filled(*current_);
    ReadRecord broken = current_ ? std::move(*current_) : ReadRecord{};
    current_.reset();
    if (broken.tree.label.empty()) broken.tree.label = label;
    broken.diagnostics.append(outside_);
    outside_ = Diagnostics{};
    broken.diagnostics.error(code, message, format_, path, offset);
    deliver(broken);
  }

  // At the end of the input: the last record, with the values outside records that followed it.
  bool finish() {
    if (pending_) pending_->diagnostics.append(outside_);
    return hand_on();
  }

 private:
  // The record holds the fields filled since it opened; those an earlier, longer record left are kept aside.
  void keep_filled(ReadRecord& record) {
    std::vector<Field>& fields = record.tree.fields;
    for (std::size_t i = filled_; i < fields.size(); ++i) spare_fields_.push_back(std::move(fields[i]));
    fields.resize(filled_);
  }

  bool hand_on() {
    if (!pending_) return !stopped_;
    ReadRecord record = std::move(*pending_);
    pending_.reset();
    return deliver(record);
  }

  bool deliver(ReadRecord& record) {
    if (output_.queue != nullptr) {
      if (!output_.queue->push(std::move(record))) stopped_ = true;
      return !stopped_;
    }
    if (!output_.sink(record.tree, std::move(record.diagnostics))) stopped_ = true;
    recycled_ = std::move(record);
    return !stopped_;
  }

  std::string format_;
  std::string outside_code_;
  RecordOutput output_;
  std::optional<ReadRecord> current_;  // being read
  std::optional<ReadRecord> pending_;  // read, handed on when the next one is
  std::optional<ReadRecord> recycled_;  // handed on: storage for the next one
  std::size_t filled_ = 0;           // fields of the open record filled so far
  std::vector<Field> spare_fields_;  // of records longer than those that reused them, for later ones to fill
  std::shared_ptr<const std::string> owner_;
  Diagnostics outside_;
  bool stopped_ = false;
};

// A document codec's input, whole (read_whole: in-memory input is not copied; `owner` keeps other input).
// Nothing, with an error handed to the sink, past `limit` bytes.
inline std::optional<std::string_view> read_document(std::istream& input, std::size_t limit,
                                                     std::shared_ptr<const std::string>& owner,
                                                     const std::string& format, const std::string& code,
                                                     const FieldTreeSink& sink) {
  if (auto text = read_whole(input, limit, owner)) return text;
  Diagnostics diagnostics;
  diagnostics.error(code, "the input exceeds " + std::to_string(limit >> 20) + " MiB, the largest document read", format,
                    "", limit);
  FieldTree tree;
  tree.label = "input";
  sink(tree, std::move(diagnostics));
  return std::nullopt;
}

// A document of this size or more is read on a second thread while this one hands its records to the sink
// (where a profile's rules run): below, starting a thread costs more than the overlap spares.
constexpr std::size_t kReadBesideFrom = std::size_t{256} << 10;

// Reads a document of `bytes` with `read(RecordOutput)`: in line, or, for a large one, on a second thread whose
// records this thread hands to `sink`, in their order. Whatever ends the reading (its end, the sink asking to
// stop, an exception on either side), the reader has stopped when this returns, and what it threw is thrown here.
template <class Read>
void read_records(std::size_t bytes, const FieldTreeSink& sink, const Read& read) {
  if (bytes < kReadBesideFrom) {
    read(RecordOutput(sink));
    return;
  }
  RecordQueue queue;
  std::thread reader;
  try {
    reader = std::thread([&] {
      try {
        read(RecordOutput(sink, &queue));
        queue.close();
      } catch (...) {
        queue.close(std::current_exception());
      }
    });
  } catch (const std::system_error&) {  // no thread to be had: read in line
    read(RecordOutput(sink));
    return;
  }
  struct Stop {
    RecordQueue& queue;
    std::thread& reader;
    ~Stop() {
      queue.stop();
      reader.join();
    }
  } stop{queue, reader};
  while (auto record = queue.pop()) {
    if (!sink(record->tree, std::move(record->diagnostics))) return;
    queue.give_back(std::move(*record));
  }
}

// A profile source's "records": names separated by `separator` (no empty one). Empty without "records";
// nothing, with `why`, if malformed.
inline std::optional<std::vector<std::string>> record_path(const rapidjson::Value& source, char separator,
                                                           const std::string& example, std::string& why) {
  std::vector<std::string> names;
  const auto records = source.FindMember("records");
  if (records == source.MemberEnd()) return names;
  const std::string_view path = records->value.GetString();
  for (std::size_t at = 0; at <= path.size();) {
    const std::size_t end = std::min(path.find(separator, at), path.size());
    if (end == at) {
      why = "source.records '" + std::string(path) + "': names separated by single '" + std::string(1, separator) +
            "', e.g. " + example;
      return std::nullopt;
    }
    names.emplace_back(path.substr(at, end - at));
    at = end + 1;
  }
  return names;
}

// A document codec (JsonCodec, XmlCodec) configured by its layout (where the records are).
template <class DocumentCodec, class Layout>
class DocumentCodecInstance final : public CodecInstance {
 public:
  DocumentCodecInstance(Layout layout, const std::string& format_id) : codec_(std::move(layout), format_id) {}
  void read(std::istream& input, const ConvertOptions& options, const FieldTreeSink& sink) const override {
    codec_.read(input, options.limits, sink);
  }

 private:
  DocumentCodec codec_;
};

// Codec::configure of a document codec: without a source, each top-level value (document) is a record.
template <class DocumentCodec, class Layout>
std::shared_ptr<const CodecInstance> configure_document_codec(const rapidjson::Value* source,
                                                              const std::string& format_id, const MappingStore&,
                                                              std::string& why) {
  auto layout = source ? Layout::parse(*source, why) : std::optional<Layout>(Layout{});
  if (!layout) return nullptr;
  return std::make_shared<DocumentCodecInstance<DocumentCodec, Layout>>(std::move(*layout), format_id);
}

// The schema of a document codec's "source" section.
inline constexpr const char* kDocumentSourceSchema = "schema/source/document.schema.json";

}  // namespace xborder::detail
