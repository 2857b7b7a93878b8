#include "core/xes_path.hpp"

#include <rapidjson/reader.h>

#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "core/xes_binding.hpp"

namespace xborder::detail {

std::optional<XesPath> XesPath::parse(std::string_view text, std::string& why) {
  XesPath path;
  path.text_ = text;
  std::size_t at = 0;
  while (at <= text.size()) {
    const std::size_t end = std::min(text.find('.', at), text.size());
    std::string_view step = text.substr(at, end - at);
    Step parsed;
    if (const auto open = step.find('['); open != std::string_view::npos) {
      parsed.indexed = true;
      if (step.back() != ']') {
        why = "step '" + std::string(step) + "' has an unclosed '['";
        return std::nullopt;
      }
      const std::string_view index = step.substr(open + 1, step.size() - open - 2);
      if (index.empty()) {
        parsed.append = true;
      } else {
        const auto [ptr, error] = std::from_chars(index.data(), index.data() + index.size(), parsed.index);
        if (error != std::errc{} || ptr != index.data() + index.size() || parsed.index > 1000) {
          why = "step '" + std::string(step) + "' has a bad index (0 to 1000, or [] to append)";
          return std::nullopt;
        }
      }
      step = step.substr(0, open);
    }
    if (step.empty()) {
      why = "empty step in '" + std::string(text) + "'";
      return std::nullopt;
    }
    parsed.name = step;
    path.steps_.push_back(std::move(parsed));
    at = end + 1;
  }
  // Check the steps against the model by walking a scratch message; resolve each step's member.
  xes::Message probe;
  Node node = node_of(probe);
  for (std::size_t i = 0; i < path.steps_.size(); ++i) {
    Step& step = path.steps_[i];
    if (node.type->kind != ValueKind::record) {
      why = "'" + std::string(text) + "' continues past a value at '" + step.name + "'";
      return std::nullopt;
    }
    const Member member = node.type->member(node.value, step.name, false);
    if (!member) {
      why = "XES has no member '" + step.name + "' there (in '" + std::string(text) + "')";
      return std::nullopt;
    }
    if (member.type->list && !step.indexed) {
      why = "'" + step.name + "' is a list: give an index ([0]) or [] to append";
      return std::nullopt;
    }
    if (!member.type->list && step.indexed) {
      why = "'" + step.name + "' is a single value: it takes no index";
      return std::nullopt;
    }
    if (step.append && i + 1 != path.steps_.size()) {
      why = "[] (append) is allowed on the last step only";
      return std::nullopt;
    }
    step.offset = static_cast<char*>(member.member) - static_cast<char*>(node.value);
    step.type = member.type;
    path.pointer_ += '/' + step.name;
    if (member.type->list && !step.append) path.pointer_ += '/' + std::to_string(step.index);
    node = member.type->at(member.member, 0);
  }
  // A path may end at a record only by appending to a list: each value is then a flat JSON object whose
  // members fill the new item (a transform such as "category" makes such values).
  if (node.type->kind == ValueKind::record && !path.steps_.back().append) {
    why = "'" + std::string(text) + "' ends at a record, not a value";
    return std::nullopt;
  }
  return path;
}

bool XesPath::assign(xes::Message& message, std::string_view value, std::string* pointer) const {
  Node node = node_of(message);
  if (pointer != nullptr) {
    // Room for the appended item's number ('/' and up to three digits) at once: one allocation, not two.
    if (steps_.back().append) pointer->reserve(pointer_.size() + 4);
    pointer->assign(pointer_);
  }
  for (const Step& step : steps_) {
    void* member = static_cast<char*>(node.value) + step.offset;
    if (step.append) {
      std::size_t index = 0;
      node = step.type->reuse(member, index);
      if (pointer != nullptr) {
        char digits[24];
        digits[0] = '/';
        pointer->append(digits, std::to_chars(digits + 1, digits + sizeof digits, index).ptr);
      }
    } else {
      node = step.type->at(member, step.index);
    }
  }
  if (node.type->kind != ValueKind::record) return node.type->assign_text(node.value, value);
  FlatObject* object = flat_object(value);
  if (object == nullptr) return false;
  char* const record = static_cast<char*>(node.value);
  if (object->resolved_for != node.type) {
    object->resolved.clear();
    for (const auto& [key, text] : object->members) {
      const Member field = node.type->member(record, key, false);
      if (!field || field.type->list) return false;
      object->resolved.emplace_back(static_cast<char*>(field.member) - record, field.type);
    }
    object->resolved_for = node.type;
  }
  for (std::size_t i = 0; i < object->members.size(); ++i) {
    const auto& [offset, type] = object->resolved[i];
    const Node target = type->add(record + offset);
    if (!target.type->assign_text(target.value, object->members[i].second)) return false;
  }
  return true;
}

// A record target takes a flat JSON object of strings. The same few objects come again and again (a
// category transform gives the same candidates for the same code, row after row), so each short text is
// parsed once per thread and its members kept: up to 4096 texts of up to 1 KiB, then the cache starts
// afresh. A longer text (which a source field may hold) is parsed each time. The last few texts found are
// compared first, which is cheaper than hashing them (a record's candidates tend to be its neighbours').
XesPath::FlatObject* XesPath::flat_object(std::string_view text) {
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept { return std::hash<std::string_view>{}(key); }
  };
  thread_local std::unordered_map<std::string, FlatObject, Hash, std::equal_to<>> parsed;
  constexpr std::size_t kRecent = 8;
  thread_local std::pair<std::string_view, FlatObject*> recent[kRecent];  // keys are the cache's own
  thread_local std::size_t next_recent = 0;
  for (const auto& [key, object] : recent) {
    if (key == text && object != nullptr) return object;
  }
  const auto remember = [&](const std::string& key, FlatObject& object) {
    recent[next_recent++ % kRecent] = {key, &object};
    return &object;
  };
  if (const auto found = parsed.find(text); found != parsed.end()) return remember(found->first, found->second);

  struct Handler : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, Handler> {
    std::vector<std::pair<std::string, std::string>> members;
    int depth = 0;
    bool StartObject() { return ++depth == 1; }
    bool EndObject(rapidjson::SizeType) { return --depth == 0; }
    bool Key(const char* key, rapidjson::SizeType length, bool) {
      members.emplace_back(std::string(key, length), std::string());
      return true;
    }
    bool String(const char* value, rapidjson::SizeType length, bool) {
      if (depth != 1) return false;
      members.back().second.assign(value, length);
      return true;
    }
    bool Default() { return false; }  // numbers, arrays, nesting: not a flat object of strings
  };
  Handler handler;
  // Parsed in place in a copy that keeps its memory from text to text, as the reader its stack.
  thread_local rapidjson::Reader reader;
  thread_local std::string copy;
  copy.assign(text);
  rapidjson::InsituStringStream bytes(copy.data());
  if (reader.Parse<rapidjson::kParseInsituFlag | rapidjson::kParseStopWhenDoneFlag>(bytes, handler).IsError()) {
    return nullptr;
  }
  // Nothing but white space after the object (a NUL inside the text would otherwise end it unseen).
  if (handler.depth != 0 || text.find_first_not_of(" \t\r\n", bytes.Tell()) != std::string_view::npos) return nullptr;
  constexpr std::size_t kMaxCached = 4096, kMaxCachedBytes = 1024;
  if (text.size() > kMaxCachedBytes) {
    thread_local FlatObject uncached;
    uncached = FlatObject{std::move(handler.members), nullptr, {}};
    return &uncached;
  }
  if (parsed.size() >= kMaxCached) {
    parsed.clear();
    std::fill(std::begin(recent), std::end(recent), std::pair<std::string_view, FlatObject*>{});
  }
  const auto added = parsed.emplace(std::string(text), FlatObject{std::move(handler.members), nullptr, {}}).first;
  return remember(added->first, added->second);
}

void XesPath::collect(const xes::Message& message, std::vector<std::string>& out) const {
  // The walk reads only; the binding's accessors take non-const pointers.
  Node node = node_of(const_cast<xes::Message&>(message));
  for (std::size_t i = 0; i < steps_.size(); ++i) {
    const Step& step = steps_[i];
    void* member = static_cast<char*>(node.value) + step.offset;
    if (step.append) {
      std::string text;
      for (std::size_t item = 0; item < step.type->size(member); ++item) {
        const Node value = step.type->get(member, item);
        if (value.type->to_text(value.value, text)) out.push_back(text);
      }
      return;
    }
    node = step.type->get(member, step.index);
    if (node.value == nullptr) return;
  }
  std::string text;
  if (node.type->to_text(node.value, text)) out.push_back(std::move(text));
}

}  // namespace xborder::detail
