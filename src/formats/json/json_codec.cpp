#include "formats/json/json_codec.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

#include "formats/record_stream.hpp"

namespace xborder::detail {
namespace {

constexpr std::size_t kMaxInputBytes = std::size_t{256} << 20;  // a page of notices is kilobytes

constexpr unsigned kParseFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag |
                                 rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseStopWhenDoneFlag;

bool is_separator(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == ':'; }

// One record at a time from RapidJSON's events. Paths are kept from the document's root; a record's fields
// are named from the record's own root.
class RecordReader {
 public:
  RecordReader(const JsonLayout& layout, const Limits& limits, std::string_view text,
               std::shared_ptr<const std::string> owner, const std::string& format, RecordOutput output)
      : layout_(layout),
        limits_(limits),
        text_(text),
        records_(format, "json.outside-records", output, std::move(owner)) {}

  // Reads every top-level value of the text; false if the sink asked to stop or the input is broken.
  bool run() {
    rapidjson::MemoryStream stream(text_.data(), text_.size());
    stream_ = &stream;
    rapidjson::Reader reader;
    std::size_t top_level = 0;
    while (true) {
      skip_whitespace(stream);
      if (stream.Tell() >= text_.size()) break;
      top_level_index_ = top_level++;
      last_end_ = stream.Tell();
      const rapidjson::ParseResult result = reader.Parse<kParseFlags>(stream, *this);
      if (records_.stopped()) return false;
      if (result.IsError()) {
        if (failure_.empty()) {
          fail("json.syntax", std::string(rapidjson::GetParseError_En(result.Code())), result.Offset());
        } else {
          fail(failure_code_, failure_, failure_offset_);
        }
        return false;
      }
    }
    if (!layout_.records.empty() && !found_records_) {
      std::string where;
      for (const auto& key : layout_.records) where += (where.empty() ? "" : ".") + key;
      fail("json.no-records", "no array of records at '" + where + "' (the profile's source.records)", 0);
      return false;
    }
    return records_.finish();
  }

  // RapidJSON's handler.
  bool Null() { return leaf("", "null"); }
  bool Bool(bool value) { return leaf(value ? "true" : "false", value ? "true" : "false"); }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool) { return leaf({text, length}, {text, length}); }
  bool String(const char* text, rapidjson::SizeType length, bool) {
    const std::size_t start = value_start();
    return leaf({text, length}, text_.substr(start, stream_->Tell() - start));
  }
  bool Int(int) { return true; }  // numbers come as RawNumber (kParseNumbersAsStringsFlag)
  bool Uint(unsigned) { return true; }
  bool Int64(std::int64_t) { return true; }
  bool Uint64(std::uint64_t) { return true; }
  bool Double(double) { return true; }
  bool StartObject() { return open(false); }
  bool StartArray() { return open(true); }
  bool Key(const char* text, rapidjson::SizeType length, bool) {
    frames_.back().key.assign(text, length);
    last_end_ = stream_->Tell();
    return true;
  }
  bool EndObject(rapidjson::SizeType members) { return close(members == 0 ? "{}" : ""); }
  bool EndArray(rapidjson::SizeType items) { return close(items == 0 ? "[]" : ""); }

 private:
  struct Frame {
    bool array = false;
    std::size_t path_size = 0;  // path_ up to this container
    std::size_t index = 0;      // array: the next item's index
    std::string key;            // object: the current member's key
    bool records = false;       // the array whose items are the records
  };

  // Whitespace between top-level values (NDJSON's newlines). A NUL byte is not JSON: it is left for the parser
  // to refuse, with its offset.
  static void skip_whitespace(rapidjson::MemoryStream& stream) {
    while (stream.Peek() == ' ' || stream.Peek() == '\t' || stream.Peek() == '\n' || stream.Peek() == '\r') stream.Take();
  }

  // Where the value just read began: after the separators that follow the previous token.
  std::size_t value_start() const {
    std::size_t at = last_end_;
    while (at < text_.size() && is_separator(text_[at])) ++at;
    return at;
  }

  // The path of the value beginning now, appended to path_ (its container's path).
  void enter_value() {
    if (frames_.empty()) {
      path_.clear();
      return;
    }
    Frame& parent = frames_.back();
    path_.resize(parent.path_size);
    if (parent.array) {
      path_ += '[';
      path_ += std::to_string(parent.index++);
      path_ += ']';
      return;
    }
    if (!path_.empty()) path_ += '.';
    for (const char c : parent.key) {
      if (c == '.' || c == '[' || c == '\\') path_ += '\\';
      path_ += c;
    }
  }

  // Whether the value beginning now is a record: an item of the records array, or a top-level value.
  bool starts_record() const {
    if (records_.in_record()) return false;
    return layout_.records.empty() ? frames_.empty() : !frames_.empty() && frames_.back().records;
  }

  void begin_record(std::size_t start) {
    records_.begin(path_.empty() ? "value[" + std::to_string(top_level_index_) + "]" : path_, start);
    record_start_ = start;
    record_root_size_ = path_.size();
    record_depth_ = frames_.size();
  }

  // The field's name within its record: its path without the record's root (and the '.' after it).
  std::string_view record_path() const {
    std::string_view relative = std::string_view(path_).substr(record_root_size_);
    if (!relative.empty() && relative.front() == '.') relative.remove_prefix(1);
    return relative.empty() ? std::string_view("value") : relative;
  }

  bool add_field(std::string_view text, std::string_view raw, std::size_t start) {
    if (!records_.in_record()) {
      records_.outside(path_, start);
      return true;
    }
    if (records_.field_count() >= limits_.fields) {
      return refuse("json.fields", "a record has more than " + std::to_string(limits_.fields) + " values", start);
    }
    // Each field keeps its path: a long path is refused before it is copied into field after field.
    const std::string_view path = record_path();
    if (path.size() > limits_.path_bytes) {
      return refuse("json.path", "a value's path is longer than " + std::to_string(limits_.path_bytes) + " bytes", start);
    }
    if (raw.size() > limits_.value_bytes) {
      return refuse("json.value", "a value is longer than " + std::to_string(limits_.value_bytes) + " bytes", start);
    }
    Field& field = records_.add_field();
    field.path.assign(path);
    field.text.assign(text);
    field.raw.assign(raw);
    field.offset = start;
    return true;
  }

  // RapidJSON reports a scalar once it has read it, and a bracket before it takes it: Tell() is after the
  // scalar, and at the bracket.
  bool leaf(std::string_view text, std::string_view raw) {
    const std::size_t start = value_start();
    enter_value();
    const bool record = starts_record();
    if (record) begin_record(start);
    const bool ok = add_field(text, raw, start);
    last_end_ = stream_->Tell();
    return ok && (!record || end_record(last_end_));
  }

  bool open(bool array) {
    const std::size_t start = stream_->Tell();
    if (frames_.size() >= limits_.depth) {
      return refuse("json.depth", "nesting deeper than " + std::to_string(limits_.depth) + " levels", start);
    }
    enter_value();
    if (starts_record()) begin_record(start);
    Frame frame;
    frame.array = array;
    frame.path_size = path_.size();
    frame.records = array && !records_.in_record() && keys_lead_to_records();
    if (frame.records) found_records_ = true;
    frames_.push_back(std::move(frame));
    container_starts_.push_back(start);
    last_end_ = start + 1;
    return true;
  }

  bool close(std::string_view empty) {
    const std::size_t start = container_starts_.back();
    container_starts_.pop_back();
    path_.resize(frames_.back().path_size);
    frames_.pop_back();
    last_end_ = stream_->Tell() + 1;
    if (!empty.empty() && !add_field("", empty, start)) return false;
    return !records_.in_record() || frames_.size() != record_depth_ || end_record(last_end_);
  }

  // Whether the keys from the root to the array opening now are the layout's records path.
  bool keys_lead_to_records() const {
    if (layout_.records.empty() || frames_.size() != layout_.records.size()) return false;
    for (std::size_t i = 0; i < frames_.size(); ++i) {
      if (frames_[i].array || frames_[i].key != layout_.records[i]) return false;
    }
    return true;
  }

  bool end_record(std::size_t end) { return records_.end(text_.substr(record_start_, end - record_start_)); }

  // Stops the parser with a problem of the input (reported once the parser has given up).
  bool refuse(std::string code, std::string message, std::size_t offset) {
    failure_code_ = std::move(code);
    failure_ = std::move(message);
    failure_offset_ = offset;
    return false;
  }

  void fail(const std::string& code, const std::string& message, std::size_t offset) {
    records_.fail(code, message, path_, offset, path_.empty() ? "input" : path_);
  }

  const JsonLayout& layout_;
  const Limits& limits_;
  std::string_view text_;
  RecordStream records_;
  rapidjson::MemoryStream* stream_ = nullptr;
  std::size_t last_end_ = 0;  // offset after the last token the parser reported
  std::size_t top_level_index_ = 0;
  std::vector<Frame> frames_;
  std::vector<std::size_t> container_starts_;
  std::string path_;
  std::size_t record_start_ = 0;
  std::size_t record_root_size_ = 0;
  std::size_t record_depth_ = 0;
  bool found_records_ = false;
  std::string failure_code_, failure_;
  std::size_t failure_offset_ = 0;
};

}  // namespace

std::optional<JsonLayout> JsonLayout::parse(const rapidjson::Value& source, std::string& why) {
  auto records = record_path(source, '.', "_embedded.notices", why);
  if (!records) return std::nullopt;
  return JsonLayout{std::move(*records)};
}

JsonCodec::JsonCodec(JsonLayout layout, std::string format_id)
    : layout_(std::move(layout)), format_id_(std::move(format_id)) {}

void JsonCodec::read(std::istream& input, const Limits& limits, const FieldTreeSink& sink) const {
  std::shared_ptr<const std::string> owner;
  const auto text = read_document(input, std::min(kMaxInputBytes, limits.input_bytes), owner, format_id_, "json.size", sink);
  if (!text) return;
  read_records(text->size(), sink, [&](RecordOutput output) {
    RecordReader(layout_, limits, *text, owner, format_id_, output).run();
  });
}

const Codec& json_codec() {
  static const Codec codec{
      .name = "json",
      .description = "JSON documents others publish (read only): a record's fields are its leaf values",
      .shape = RecordShape::documents,
      .source_schema = kDocumentSourceSchema,
      .field_paths = "a path in the record ('forename', 'nationalities[0]', '_links.self.href')",
      .configure = configure_document_codec<JsonCodec, JsonLayout>,
  };
  return codec;
}

}  // namespace xborder::detail
