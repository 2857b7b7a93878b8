#pragma once
// How a codec of documents (JSON, XML) hands on the records it finds in them. Records go to the sink one
// behind, so that the values after the last record (a page's closing links) can join it; values outside any
// record are reported as losses, with the record that follows them or, at the end, with the last one.
// A record is built in the storage of one handed on before it (its fields' strings keep their capacity), and
// its bytes are a view of the document, which outlives the records read from it.

#include <rapidjson/document.h>

#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/codec.hpp"
#include "core/read_bounded.hpp"

namespace xborder::detail {

class RecordStream {
 public:
  // `outside_code`: the loss code for values outside the records ("json.outside-records"). `owner` keeps the
  // document's bytes alive (empty: the caller's bytes, valid while the read runs).
  RecordStream(std::string format, std::string outside_code, const FieldTreeSink& sink,
               std::shared_ptr<const std::string> owner)
      : format_(std::move(format)), outside_code_(std::move(outside_code)), sink_(sink), owner_(std::move(owner)) {}

  bool in_record() const { return current_.has_value(); }
  bool stopped() const { return stopped_; }
  const std::string& format() const { return format_; }

  // Opens a record, with the losses of the values outside records read since the last one.
  void begin(std::string_view label, std::uint64_t offset) {
    if (recycled_) {
      current_ = std::move(recycled_);
      recycled_.reset();
    } else {
      current_.emplace();
    }
    current_->tree.label.assign(label);
    current_->tree.offset = offset;
    current_->diagnostics = std::move(outside_);
    outside_ = Diagnostics{};
  }
  FieldTree& tree() { return current_->tree; }

  // A new field at the end of the open record, every member to be set (a field of an earlier record, reused).
  Field& add_field() {
    std::vector<Field>& fields = current_->tree.fields;
    if (spare_fields_.empty()) return fields.emplace_back();
    Field& field = fields.emplace_back(std::move(spare_fields_.back()));
    spare_fields_.pop_back();
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
    Record broken = current_ ? std::move(*current_) : Record{};
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
  struct Record {
    FieldTree tree;
    Diagnostics diagnostics;
  };

  bool hand_on() {
    if (!pending_) return !stopped_;
    Record record = std::move(*pending_);
    pending_.reset();
    return deliver(record);
  }

  bool deliver(Record& record) {
    if (!sink_(record.tree, std::move(record.diagnostics))) stopped_ = true;
    for (Field& field : record.tree.fields) spare_fields_.push_back(std::move(field));
    record.tree.fields.clear();
    recycled_ = std::move(record);
    return !stopped_;
  }

  std::string format_;
  std::string outside_code_;
  const FieldTreeSink& sink_;
  std::optional<Record> current_;  // being read
  std::optional<Record> pending_;  // read, handed on when the next one is
  std::optional<Record> recycled_;  // handed on: storage for the next one
  std::vector<Field> spare_fields_;  // of records handed on, for the next ones to fill
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
