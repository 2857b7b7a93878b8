#include "core/xes_path.hpp"

#include <rapidjson/reader.h>

#include <charconv>

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

bool XesPath::assign(xes::Message& message, std::string_view value, std::string& pointer) const {
  Node node = node_of(message);
  pointer = pointer_;
  for (const Step& step : steps_) {
    void* member = static_cast<char*>(node.value) + step.offset;
    if (step.append) {
      pointer += '/' + std::to_string(step.type->size(member));
      node = step.type->add(member);
    } else {
      node = step.type->at(member, step.index);
    }
  }
  if (node.type->kind != ValueKind::record) return node.type->assign_text(node.value, value);
  // A record target takes a flat JSON object of strings, read straight into the record's members: no
  // document is built (a national export assigns one per offence category per row).
  struct FlatObject : rapidjson::BaseReaderHandler<rapidjson::UTF8<>, FlatObject> {
    Node record;
    std::string key;
    int depth = 0;
    bool StartObject() { return ++depth == 1; }
    bool EndObject(rapidjson::SizeType) { return --depth == 0; }
    bool Key(const char* text, rapidjson::SizeType length, bool) {
      key.assign(text, length);
      return true;
    }
    bool String(const char* text, rapidjson::SizeType length, bool) {
      const Member field = record.type->member(record.value, key, false);
      if (depth != 1 || !field || field.type->list) return false;
      const Node target = field.type->add(field.member);
      return target.type->assign_text(target.value, {text, length});
    }
    bool Default() { return false; }  // numbers, arrays, nesting: not a flat object of strings
  };
  FlatObject handler;
  handler.record = node;
  // Parsed in place in a copy that keeps its memory from value to value, as the reader its stack.
  thread_local rapidjson::Reader reader;
  thread_local std::string copy;
  copy.assign(value);
  rapidjson::InsituStringStream bytes(copy.data());
  if (reader.Parse<rapidjson::kParseInsituFlag | rapidjson::kParseStopWhenDoneFlag>(bytes, handler).IsError()) return false;
  // Nothing but white space after the object (a NUL inside the value would otherwise end it unseen).
  return handler.depth == 0 && value.find_first_not_of(" \t\r\n", bytes.Tell()) == std::string_view::npos;
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
