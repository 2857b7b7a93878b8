#include "core/located_json.hpp"

#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <algorithm>
#include <vector>

namespace xborder::detail {
namespace {

constexpr std::size_t kMaxDepth = 32;

// Forwards SAX events to the document while recording where each value starts.
class Locating {
 public:
  Locating(rapidjson::Document& document, const rapidjson::MemoryStream& stream,
           std::unordered_map<std::string, std::size_t>& offsets)
      : document_(document), stream_(stream), offsets_(offsets) {}

  bool Null() { return value() && document_.Null(); }
  bool Bool(bool b) { return value() && document_.Bool(b); }
  bool Int(int i) { return value() && document_.Int(i); }
  bool Uint(unsigned u) { return value() && document_.Uint(u); }
  bool Int64(int64_t i) { return value() && document_.Int64(i); }
  bool Uint64(uint64_t u) { return value() && document_.Uint64(u); }
  bool Double(double d) { return value() && document_.Double(d); }
  bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) { return value() && document_.RawNumber(s, n, copy); }
  bool String(const char* s, rapidjson::SizeType n, bool copy) { return value() && document_.String(s, n, copy); }
  bool StartObject() { return open(false) && document_.StartObject(); }
  bool Key(const char* s, rapidjson::SizeType n, bool copy) {
    stack_.back().key.assign(s, n);
    return document_.Key(s, n, copy);
  }
  bool EndObject(rapidjson::SizeType n) {
    stack_.pop_back();
    return document_.EndObject(n);
  }
  bool StartArray() { return open(true) && document_.StartArray(); }
  bool EndArray(rapidjson::SizeType n) {
    stack_.pop_back();
    return document_.EndArray(n);
  }

  bool too_deep() const { return too_deep_; }

 private:
  struct Level {
    bool array;
    std::size_t items = 0;
    std::string key;
  };

  std::string pointer() const {
    std::string out;
    for (const Level& level : stack_) {
      out += '/';
      out += level.array ? std::to_string(level.items - 1) : level.key;
    }
    return out;
  }

  bool value() {
    if (!stack_.empty() && stack_.back().array) ++stack_.back().items;
    offsets_.emplace(pointer(), stream_.Tell());
    return true;
  }

  bool open(bool array) {
    value();
    if (stack_.size() >= kMaxDepth) {
      too_deep_ = true;
      return false;
    }
    stack_.push_back({array, 0, {}});
    return true;
  }

  rapidjson::Document& document_;
  const rapidjson::MemoryStream& stream_;
  std::unordered_map<std::string, std::size_t>& offsets_;
  std::vector<Level> stack_;
  bool too_deep_ = false;
};

}  // namespace

bool LocatedJson::parse(std::string_view text, std::string& why, std::size_t& line) {
  text_ = text;
  line_ends_.clear();
  for (std::size_t at = text_.find('\n'); at != std::string::npos; at = text_.find('\n', at + 1)) line_ends_.push_back(at);
  offsets_.clear();
  rapidjson::MemoryStream stream(text_.data(), text_.size());
  rapidjson::ParseResult result;
  bool too_deep = false;
  auto generate = [&](rapidjson::Document& document) {
    Locating locating(document, stream, offsets_);
    rapidjson::Reader reader;
    constexpr unsigned kFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag |
                                rapidjson::kParseCommentsFlag | rapidjson::kParseTrailingCommasFlag;
    result = reader.Parse<kFlags>(stream, locating);
    too_deep = locating.too_deep();
    return !result.IsError();
  };
  document_.Populate(generate);
  if (too_deep) {
    line = line_at(stream.Tell());
    why = "nested deeper than " + std::to_string(kMaxDepth);
    return false;
  }
  if (result.IsError()) {
    line = line_at(result.Offset());
    why = rapidjson::GetParseError_En(result.Code());
    return false;
  }
  if (stream.Tell() != text_.size()) {
    line = line_at(stream.Tell());
    why = "NUL byte in the file";
    return false;
  }
  return true;
}

std::size_t LocatedJson::line_of(std::string pointer) const {
  while (true) {
    if (const auto found = offsets_.find(pointer); found != offsets_.end()) return line_at(found->second);
    const auto slash = pointer.rfind('/');
    if (slash == std::string::npos) return 1;
    pointer.resize(slash);
  }
}

std::size_t LocatedJson::line_at(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  // The line feeds before the offset.
  return 1 + static_cast<std::size_t>(std::lower_bound(line_ends_.begin(), line_ends_.end(), offset) - line_ends_.begin());
}

}  // namespace xborder::detail
