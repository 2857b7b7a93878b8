#pragma once
// The state both streaming XES readers (JSON and XML) share: a stack of open records and lists, the path
// of the current value for messages, duplicate detection and the depth bound.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/xes_binding.hpp"
#include "xborder/diagnostics.hpp"
#include "xborder/xes.hpp"

namespace xborder::detail {

class XesReaderState {
 public:
  XesReaderState(xes::Message& message, Diagnostics& diagnostics, std::string_view format, std::size_t max_depth)
      : message_(message), diagnostics_(diagnostics), format_(format), max_depth_(max_depth) {}

  struct Frame {
    Node record;            // the record being filled (record frames)
    Member list;            // the list being filled (list frames, JSON arrays only)
    std::string_view name;  // path segment of this frame in its parent
    std::int64_t item = -1; // list item index of this frame in its parent list, if any
    std::uint64_t seen = 0; // members already read, by describe() index
    std::int64_t items = 0; // list frames: items so far
    std::array<std::uint32_t, 24> repeats{};  // XML: elements seen per member index, for paths
  };

  std::vector<Frame>& frames() { return frames_; }
  bool failed() const { return failed_; }
  std::size_t depth() const { return frames_.size(); }
  bool too_deep(std::size_t extra = 0) const { return frames_.size() + extra >= max_depth_; }

  // The path of the frame stack plus an optional last segment: a JSON pointer ("/persons/0/names") for
  // JSON, element steps for XML ("/message/person[1]/name[2]").
  std::string path(std::string_view last = {}) const;

  void fail(std::string code, std::string message, std::string path, std::optional<std::uint64_t> offset) {
    if (!failed_) diagnostics_.error(std::move(code), std::move(message), std::string(format_), std::move(path), offset);
    failed_ = true;
  }
  void lose(std::string message, std::string path, std::optional<std::uint64_t> offset) {
    diagnostics_.loss("xes.unknown-member", std::move(message), std::string(format_), std::move(path), offset);
  }
  void warn(std::string code, std::string message, std::string path, std::optional<std::uint64_t> offset) {
    diagnostics_.warning(std::move(code), std::move(message), std::string(format_), std::move(path), offset);
  }

  // Marks `member` read in the top record; false (and an error) if it was read before and may not repeat
  // (XML list items repeat; JSON keys never do).
  bool first_time(const Member& member, bool may_repeat, std::optional<std::uint64_t> offset);

  // Assigns text to a scalar node, reporting a type error at where() if the text is not of its kind. The
  // path is computed only then: it costs more than the assignment.
  template <class Where>
  bool assign_text(Node node, std::string_view text, const Where& where, std::optional<std::uint64_t> offset) {
    if (node.type->assign_text(node.value, text)) return true;
    type_error(node, text, where(), offset);
    return false;
  }

  // Checks what only the whole message can tell: the XES version.
  void finish(std::optional<std::uint64_t> offset);

  Node root() { return node_of(message_); }

 private:
  void type_error(Node node, std::string_view text, std::string where, std::optional<std::uint64_t> offset);

  xes::Message& message_;
  Diagnostics& diagnostics_;
  std::string_view format_;
  std::size_t max_depth_;
  std::vector<Frame> frames_;
  bool failed_ = false;
};

}  // namespace xborder::detail
