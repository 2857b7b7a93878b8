// XES as JSON: a streaming (SAX) reader that fills the model directly, and a writer, both over RapidJSON.
// The reader is RapidJSON's iterative parser (no recursion on input) with UTF-8 validation; the depth
// bound is enforced here, on the handler's own stack.

#include "formats/xes/xes_json.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/reader.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <cstring>

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

// RapidJSON's writer copies a string a byte at a time through its escape table; XES strings seldom need
// escaping, so those that need none are copied whole (the same bytes the table would write).
class CompactWriter : public rapidjson::Writer<rapidjson::StringBuffer> {
 public:
  using Writer::Writer;
  bool String(const char* text, rapidjson::SizeType length, bool = false) {
    if (needs_escape(text, length)) return Writer::String(text, length);
    Prefix(rapidjson::kStringType);
    char* out = os_->Push(std::size_t{length} + 2);
    out[0] = '"';
    std::memcpy(out + 1, text, length);
    out[length + 1] = '"';
    return EndValue(true);
  }
  bool Key(const char* text, rapidjson::SizeType length, bool = false) { return String(text, length); }

 private:
  // Whether any byte is a control character, '"' or '\\': eight bytes at a time, by the bit tricks that
  // find a zero byte (x ^ '"' has one where x has a '"') or a byte below 0x20. The last word overlaps the
  // one before it; a string shorter than a word is shifted into one of letters.
  static bool needs_escape(const char* text, std::size_t length) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
    const auto special = [](std::uint64_t x) {
      const auto has_zero = [](std::uint64_t y) { return ((y - kOnes) & ~y & kHigh) != 0; };
      return ((x - kOnes * 0x20) & ~x & kHigh) != 0 || has_zero(x ^ (kOnes * '"')) || has_zero(x ^ (kOnes * '\\'));
    };
    std::uint64_t x = kOnes * 'a';
    if (length < 8) {
      for (std::size_t i = 0; i < length; ++i) x = x << 8 | static_cast<unsigned char>(text[i]);
      return special(x);
    }
    for (std::size_t i = 0; i + 8 < length; i += 8) {
      std::memcpy(&x, text + i, 8);
      if (special(x)) return true;
    }
    std::memcpy(&x, text + length - 8, 8);
    return special(x);
  }
};

// Writes the model through describe(); Out is a CompactWriter or a RapidJSON PrettyWriter.
template <class Out>
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

  // RapidJSON's own encoding check cannot be combined with PrettyWriter in Debian's version; one check
  // serves both writers.
  void value(const std::string& text) {
    if (!is_valid_utf8(text)) return fail("not valid UTF-8");
    out_.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
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
  WritePath path_;
  std::string error_;
  std::string error_path_;
};

template <class Out>
std::optional<std::string> write_with(const xes::Message& message, Diagnostics& diagnostics) {
  // One buffer per thread, grown once to the size of the messages written: a stream of messages writes
  // without growing a buffer from nothing each time. A message of more than 1 MiB (images) gives its
  // memory back afterwards.
  constexpr std::size_t kKeptBytes = 1 << 20;
  thread_local rapidjson::StringBuffer buffer;
  buffer.Clear();
  struct GiveBack {
    ~GiveBack() {
      if (buffer.GetSize() > kKeptBytes) {
        buffer.Clear();
        buffer.ShrinkToFit();
      }
    }
  } give_back;
  Out out(buffer);
  if constexpr (std::is_same_v<Out, rapidjson::PrettyWriter<rapidjson::StringBuffer>>) out.SetIndent(' ', 2);
  JsonWriter writer(out);
  writer.value(message);
  if (!writer.error().empty()) {
    diagnostics.error("xes.write", "cannot write value as JSON: " + writer.error(), std::string(kFormat),
                      writer.error_path());
    return std::nullopt;
  }
  std::string text(buffer.GetString(), buffer.GetSize());
  if constexpr (std::is_same_v<Out, rapidjson::PrettyWriter<rapidjson::StringBuffer>>) text += '\n';
  return text;
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

std::optional<std::string> write_xes_json(const xes::Message& message, Diagnostics& diagnostics, bool pretty) {
  return pretty ? write_with<rapidjson::PrettyWriter<rapidjson::StringBuffer>>(message, diagnostics)
                : write_with<CompactWriter>(message, diagnostics);
}

}  // namespace xborder::detail
