// XES as JSON: a streaming (SAX) reader that fills the model directly, and a writer, both over RapidJSON.
// The reader is RapidJSON's iterative parser (no recursion on input) with UTF-8 validation; the depth
// bound is enforced here, on the handler's own stack.

#include "formats/xes/xes_json.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/internal/dtoa.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>

#include "core/byte_blocks.hpp"
#include "core/utf8.hpp"
#include "formats/xes/xes_reader_state.hpp"

namespace xborder::detail {
namespace {

constexpr std::string_view kFormat = "xes-json";

class JsonHandler {
 public:
  JsonHandler(XesReaderState& state, const rapidjson::MemoryStream& stream) : state_(state), stream_(stream) {}

  bool Null() { return scalar("null", [](Node) { return false; }); }
  bool Bool(bool) { return scalar("a boolean", [](Node) { return false; }); }
  // Numbers arrive as text (kParseNumbersAsStringsFlag) and are converted here with std::from_chars:
  // exact, correctly rounded, and clear of RapidJSON's own number code.
  bool RawNumber(const char* text, rapidjson::SizeType length, bool) {
    const std::string_view number(text, length);
    if (number.find_first_of(".eE") == std::string_view::npos) {
      std::int64_t integer = 0;
      if (!parse_integer(number, integer)) return scalar("an integer beyond 64 bits", [](Node) { return false; });
      return scalar("an integer", [integer](Node node) { return node.type->assign_integer(node.value, integer); });
    }
    double fractional = 0;
    if (!parse_number(number, fractional)) return scalar("a number out of range", [](Node) { return false; });
    return scalar("a fractional number",
                  [fractional](Node node) { return node.type->assign_number(node.value, fractional); });
  }
  // Not called with kParseNumbersAsStringsFlag; part of RapidJSON's handler concept.
  bool Int(int) { return false; }
  bool Uint(unsigned) { return false; }
  bool Int64(std::int64_t) { return false; }
  bool Uint64(std::uint64_t) { return false; }
  bool Double(double) { return false; }
  bool String(const char* text, rapidjson::SizeType length, bool) {
    const std::string_view value(text, length);
    return scalar("a string", [&](Node node) {
      if (node.type->kind != ValueKind::string && node.type->kind != ValueKind::bytes) return false;
      if (value.empty()) {
        state_.warn("xes.empty", "empty string: treated as absent", where(), offset());
        return true;
      }
      return state_.assign_text(node, value, [this] { return where(); }, offset());
    });
  }

  bool StartObject() {
    if (skip()) return open_skipped();
    Node node;
    if (!slot(Shape::object, node)) return false;
    if (node.type->kind != ValueKind::record) return mismatch(node, "an object");
    if (state_.too_deep()) return deep();
    auto& frames = state_.frames();
    frames.push_back({node, {}, name_, item_});
    return true;
  }

  bool Key(const char* text, rapidjson::SizeType length, bool) {
    if (skip()) return true;
    const std::string_view name(text, length);
    auto& top = state_.frames().back();
    pending_ = top.record.type->member(top.record.value, name, false);
    if (!pending_) {
      state_.lose("unknown member '" + std::string(name) + "' not carried (XES " + std::string(xes::kVersion) +
                      " has no such member)",
                  state_.path(name), offset());
      skipping_ = true;
      skip_depth_ = 0;
      return true;
    }
    return state_.first_time(pending_, false, offset());
  }

  bool EndObject(rapidjson::SizeType) { return close(); }

  bool StartArray() {
    if (skip()) return open_skipped();
    Node unused;
    if (!slot(Shape::array, unused)) return false;
    if (state_.too_deep()) return deep();
    state_.frames().push_back({{}, list_, list_.name, -1});
    return true;
  }

  bool EndArray(rapidjson::SizeType) { return close(); }

  std::uint64_t offset() const { return stream_.Tell(); }

 private:
  enum class Shape { scalar, object, array };

  bool skip() const { return skipping_; }

  bool open_skipped() {
    ++skip_depth_;
    return state_.too_deep(skip_depth_) ? deep() : true;
  }

  bool close() {
    if (skipping_) {
      if (--skip_depth_ == 0) skipping_ = false;
      return true;
    }
    state_.frames().pop_back();
    return true;
  }

  // Finds where the next value goes: the root, the next item of the open array, or the member after a key.
  // Sets name_ and item_ (the value's place, see where()); for arrays, list_.
  bool slot(Shape shape, Node& node) {
    auto& frames = state_.frames();
    name_ = {};
    item_ = -1;
    if (frames.empty()) {
      if (shape != Shape::object || root_seen_) {
        state_.fail("xes.type", "expected an object (an XES message) at the top level", "/", offset());
        return false;
      }
      root_seen_ = true;
      node = state_.root();
      return true;
    }
    auto& top = frames.back();
    if (top.list) {
      item_ = top.items++;
      if (shape == Shape::array) {
        state_.fail("xes.type", "expected an item of '" + std::string(top.list.name) + "', found an array", where(),
                    offset());
        return false;
      }
      node = top.list.type->add(top.list.member);
      return true;
    }
    const Member member = pending_;
    name_ = member.name;
    if (member.type->list != (shape == Shape::array)) {
      state_.fail("xes.type",
                  member.type->list ? "expected an array" : "expected a single value, found an array", where(),
                  offset());
      return false;
    }
    if (shape == Shape::array) {
      list_ = member;
    } else {
      node = member.type->add(member.member);
    }
    return true;
  }

  template <class Assign>
  bool scalar(std::string_view found, Assign assign) {
    if (skipping_) {
      if (skip_depth_ == 0) skipping_ = false;
      return true;
    }
    Node node;
    if (!slot(Shape::scalar, node)) return false;
    if (node.type->kind == ValueKind::record || !assign(node)) return mismatch(node, found);
    return !state_.failed();
  }

  bool mismatch(Node node, std::string_view found) {
    state_.fail("xes.type", "expected " + std::string(kind_name(node.type->kind)) + ", found " + std::string(found),
                where(), offset());
    return false;
  }

  // The path of the value being read: the next item of the open list, or the member after the last key.
  std::string where() const {
    if (state_.frames().empty()) return "/";
    return item_ >= 0 ? state_.path(std::to_string(item_)) : state_.path(name_);
  }

  bool deep() {
    state_.fail("json.depth", "nesting deeper than the limit", state_.path(), offset());
    return false;
  }

  XesReaderState& state_;
  const rapidjson::MemoryStream& stream_;
  Member pending_{};
  Member list_{};
  std::string_view name_;
  std::int64_t item_ = -1;
  bool root_seen_ = false;
  bool skipping_ = false;
  std::size_t skip_depth_ = 0;
};

// Compact JSON, xborder's own writer: RapidJSON's copies strings a byte at a time through its escape
// table, and XES strings seldom need escaping. A string of printable ASCII (checked eight bytes at a time)
// is copied whole; any other is checked to be UTF-8 and escaped where it needs to be. The bytes are the
// ones RapidJSON's Writer writes: the same escapes and its own number formatting. Written into a
// per-thread buffer that keeps its size from message to message (up to 1 MiB), then appended to the output.
class CompactJson {
 public:
  CompactJson() : buffer_(thread_buffer()), cursor_(buffer_.bytes.get()), end_(cursor_ + buffer_.size) {}

  void finish(std::string& out) {
    const char* start = buffer_.bytes.get();
    out.append(start, static_cast<std::size_t>(cursor_ - start));
    constexpr std::size_t kKeptBytes = 1 << 20;
    if (buffer_.size > kKeptBytes) buffer_ = {};
  }

  // False if the text is not UTF-8. Strings and keys are most of what is written: inlined into the model's
  // walk, with the comma before them written or not without a branch.
  [[gnu::always_inline]] bool String(const char* text, rapidjson::SizeType length) {
    if (!printable_ascii(text, length)) return unusual_string(text, length);
    quoted(text, length);
    return true;
  }
  // Keys are the model's member names: ASCII letters and underscores.
  [[gnu::always_inline]] bool Key(const char* name, rapidjson::SizeType length) {
    char* at = after_comma(std::size_t{length} + 3);
    at[0] = '"';
    copy(at + 1, name, length);
    at[length + 1] = '"';
    at[length + 2] = ':';
    cursor_ = at + length + 3;
    comma_ = false;
    return true;
  }
  bool Int64(std::int64_t number) {
    separate();
    char* at = room(20);
    cursor_ = std::to_chars(at, at + 20, number).ptr;
    comma_ = true;
    return true;
  }
  bool Double(double number) {
    if (!std::isfinite(number)) return false;
    separate();
    char* at = room(32);
    cursor_ = rapidjson::internal::dtoa(number, at);
    comma_ = true;
    return true;
  }
  bool StartObject() { return open('{'); }
  bool EndObject() { return close('}'); }
  bool StartArray() { return open('['); }
  bool EndArray() { return close(']'); }

 private:
  struct Buffer {
    std::unique_ptr<char[]> bytes;
    std::size_t size = 0;
  };
  static Buffer& thread_buffer() {
    thread_local Buffer buffer;
    return buffer;
  }

  char* room(std::size_t length) {
    if (static_cast<std::size_t>(end_ - cursor_) < length) grow(length);
    char* at = cursor_;
    cursor_ += length;
    return at;
  }
  void grow(std::size_t length) {
    const auto used = static_cast<std::size_t>(cursor_ - buffer_.bytes.get());
    Buffer grown;
    grown.size = std::max(2 * buffer_.size, used + length + 4096);
    grown.bytes = std::make_unique_for_overwrite<char[]>(grown.size);
    if (used > 0) std::memcpy(grown.bytes.get(), buffer_.bytes.get(), used);
    buffer_ = std::move(grown);
    cursor_ = buffer_.bytes.get() + used;
    end_ = buffer_.bytes.get() + buffer_.size;
  }
  void put(const char* text, std::size_t length) { std::memcpy(room(length), text, length); }
  // Room for a comma, if one is due, and `length` bytes after it; where they go. The caller moves the cursor.
  [[gnu::always_inline]] char* after_comma(std::size_t length) {
    char* at = room(length + 1);
    *at = ',';
    return at + comma_;
  }
  [[gnu::always_inline]] void quoted(const char* text, std::size_t length) {
    char* at = after_comma(length + 2);
    at[0] = '"';
    copy(at + 1, text, length);
    at[length + 1] = '"';
    cursor_ = at + length + 2;
    comma_ = true;
  }
  // Not printable ASCII: UTF-8 to be checked, perhaps characters to escape.
  [[gnu::noinline]] bool unusual_string(const char* text, std::size_t length) {
    if (!is_valid_utf8({text, length})) return false;
    if (!needs_escape(text, length)) {
      quoted(text, length);
      return true;
    }
    separate();
    return escaped(text, length);
  }
  // Most keys and values are short: copied by fixed-size moves the compiler inlines (overlapping at the
  // end), not by a call to memcpy.
  [[gnu::always_inline]] static void copy(char* to, const char* from, std::size_t length) {
    if (length > 16) {
      std::memcpy(to, from, length);
    } else {
      detail::copy_up_to_16(to, from, length);
    }
  }
  void separate() {
    if (comma_) *room(1) = ',';
  }
  bool open(char bracket) {
    separate();
    *room(1) = bracket;
    comma_ = false;
    return true;
  }
  bool close(char bracket) {
    *room(1) = bracket;
    comma_ = true;
    return true;
  }

  bool escaped(const char* text, std::size_t length) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    *room(1) = '"';
    for (std::size_t i = 0; i < length; ++i) {
      const auto byte = static_cast<unsigned char>(text[i]);
      const char* named = byte == '"' ? "\\\"" : byte == '\\' ? "\\\\" : byte == '\b' ? "\\b" : byte == '\f' ? "\\f"
                          : byte == '\n' ? "\\n" : byte == '\r' ? "\\r" : byte == '\t' ? "\\t" : nullptr;
      if (named != nullptr) {
        put(named, 2);
      } else if (byte < 0x20) {
        const char unicode[] = {'\\', 'u', '0', '0', kHex[byte >> 4], kHex[byte & 15]};
        put(unicode, sizeof unicode);
      } else {
        *room(1) = static_cast<char>(byte);
      }
    }
    *room(1) = '"';
    comma_ = true;
    return true;
  }

  static bool needs_escape(const char* text, std::size_t length) {  // a control character, '"' or '\\'
    return detail::any_block(text, length, 'a', [](detail::ByteLanes x) {
      return detail::any_lane((x < 0x20) | (x == '"') | (x == '\\'));
    });
  }
  static bool printable_ascii(const char* text, std::size_t length) {
    return !detail::any_block(text, length, 'a', [](detail::ByteLanes x) {
      return detail::any_lane((x < 0x20) | (x >= 0x80) | (x == '"') | (x == '\\'));
    });
  }

  Buffer& buffer_;
  char* cursor_;
  char* end_;
  bool comma_ = false;  // a value was written at this level: the next one is preceded by a comma
};

// RapidJSON's pretty writer, checking that strings are UTF-8 (its own check cannot be combined with
// PrettyWriter in Debian's version).
class PrettyJson : public rapidjson::PrettyWriter<rapidjson::StringBuffer> {
 public:
  using PrettyWriter::PrettyWriter;
  bool String(const char* text, rapidjson::SizeType length) {
    return is_valid_utf8({text, length}) && PrettyWriter::String(text, length);
  }
};

// The path of a value written when no error is to be located: nothing.
struct NoPath {
  void push(std::string_view) {}
  void push(std::size_t) {}
  void pop() {}
  std::string str() const { return {}; }
};

// Writes the model through describe(); Out is CompactJson or PrettyJson. Path is WritePath to say where an
// error is, or NoPath.
template <class Out, class Path>
class JsonWriter {
 public:
  explicit JsonWriter(Out& out) : out_(out) {}

  template <class F>
  void operator()(std::string_view name, const F& field) {
    if (is_present(field)) member(name, field);
  }
  template <class F>
  void operator()(std::string_view name, std::string_view, const F& field) {
    (*this)(name, field);
  }
  template <class F>
  void always(std::string_view name, std::string_view, const F& field) {
    member(name, field);
  }

  [[gnu::always_inline]] void value(const std::string& text) {
    if (!out_.String(text.data(), static_cast<rapidjson::SizeType>(text.size()))) fail("not valid UTF-8");
  }
  void value(std::int64_t number) { out_.Int64(number); }
  void value(double number) {
    if (!out_.Double(number)) fail("not a finite number");
  }
  void value(const xes::Bytes& bytes) { value(base64_encode(bytes)); }
  template <class T>
  void value(const std::optional<T>& optional) {
    value(*optional);
  }
  template <class T>
  void value(const std::vector<T>& items) {
    out_.StartArray();
    for (std::size_t i = 0; i < items.size() && error_.empty(); ++i) {
      path_.push(i);
      value(items[i]);
      path_.pop();
    }
    out_.EndArray();
  }
  template <xes_record T>
  void value(const T& record) {
    out_.StartObject();
    describe(*this, record);
    out_.EndObject();
  }

  const std::string& error() const { return error_; }
  const std::string& error_path() const { return error_path_; }

 private:
  template <class F>
  void member(std::string_view name, const F& field) {
    if (!error_.empty()) return;
    path_.push(name);
    out_.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
    value(field);
    path_.pop();
  }

  void fail(std::string_view why) {
    if (!error_.empty()) return;
    error_ = std::string(why);
    error_path_ = path_.str();
  }

  Out& out_;
  Path path_;
  std::string error_;
  std::string error_path_;
};

// Writes the message through `json`. Where a value is, is kept only to report an error: the message is
// written without it, and one that fails is written again (into a scratch buffer, by the pretty writer,
// which fails on the same values) with it.
template <class Out>
bool write_through(Out& json, const xes::Message& message, Diagnostics& diagnostics) {
  JsonWriter<Out, NoPath> writer(json);
  writer.value(message);
  if (writer.error().empty()) return true;
  rapidjson::StringBuffer scratch;
  PrettyJson again(scratch);
  JsonWriter<PrettyJson, WritePath> locating(again);
  locating.value(message);
  diagnostics.error("xes.write", "cannot write value as JSON: " + writer.error(), std::string(kFormat),
                    locating.error_path());
  return false;
}

}  // namespace

std::optional<xes::Message> read_xes_json(std::string_view bytes, Diagnostics& diagnostics,
                                          const XesReadLimits& limits, std::size_t* consumed) {
  xes::Message message;
  message.xes.clear();  // must come from the input
  XesReaderState state(message, diagnostics, kFormat, limits.max_depth);
  rapidjson::MemoryStream stream(bytes.data(), bytes.size());
  JsonHandler handler(state, stream);
  rapidjson::Reader reader;
  constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag |
                              rapidjson::kParseNumbersAsStringsFlag;
  const rapidjson::ParseResult result =
      consumed ? reader.Parse<kFlags | rapidjson::kParseStopWhenDoneFlag>(stream, handler)
               : reader.Parse<kFlags>(stream, handler);
  if (consumed) *consumed = stream.Tell();
  if (state.failed()) return std::nullopt;
  if (result.IsError()) {
    diagnostics.error("json.syntax", std::string("malformed JSON: ") + rapidjson::GetParseError_En(result.Code()),
                      std::string(kFormat), state.path(), result.Offset());
    return std::nullopt;
  }
  // MemoryStream reports a NUL byte as the end of input; anything after it was not read.
  if (!consumed && stream.Tell() != bytes.size()) {
    diagnostics.error("json.syntax", "unexpected NUL byte after the message", std::string(kFormat), "/",
                      stream.Tell());
    return std::nullopt;
  }
  state.finish(stream.Tell());
  if (state.failed()) return std::nullopt;
  return message;
}

bool write_xes_json(const xes::Message& message, Diagnostics& diagnostics, bool pretty, std::string& out) {
  if (pretty) {
    rapidjson::StringBuffer buffer;
    PrettyJson json(buffer);
    json.SetIndent(' ', 2);
    if (!write_through(json, message, diagnostics)) return false;
    out.append(buffer.GetString(), buffer.GetSize()).push_back('\n');
    return true;
  }
  CompactJson json;
  if (!write_through(json, message, diagnostics)) return false;
  json.finish(out);
  return true;
}

}  // namespace xborder::detail
