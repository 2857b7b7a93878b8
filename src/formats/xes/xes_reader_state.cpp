#include "formats/xes/xes_reader_state.hpp"

namespace xborder::detail {

std::string XesReaderState::path(std::string_view last) const {
  std::string out;
  for (const Frame& frame : frames_) {
    if (frame.item >= 0 && !frame.name.empty()) {  // XML: repeated element, counted from 1
      out += '/';
      out += frame.name;
      out += '[' + std::to_string(frame.item) + ']';
    } else if (frame.item >= 0) {  // JSON: array index
      out += '/';
      out += std::to_string(frame.item);
    } else if (!frame.name.empty()) {
      out += '/';
      out += frame.name;
    }
  }
  if (!last.empty()) {
    out += '/';
    out += last;
  }
  return out.empty() ? "/" : out;
}

bool XesReaderState::first_time(const Member& member, bool may_repeat, std::optional<std::uint64_t> offset) {
  Frame& top = frames_.back();
  const std::uint64_t bit = std::uint64_t{1} << member.index;
  if ((top.seen & bit) != 0 && !may_repeat) {
    fail("xes.duplicate", "member '" + std::string(member.name) + "' occurs twice", path(member.name), offset);
    return false;
  }
  top.seen |= bit;
  return true;
}

void XesReaderState::type_error(Node node, std::string_view text, std::string where,
                                std::optional<std::uint64_t> offset) {
  fail("xes.type", "expected " + std::string(kind_name(node.type->kind)) + ", found '" +
                       std::string(text.substr(0, 40)) + (text.size() > 40 ? "...'" : "'"),
       std::move(where), offset);
}

void XesReaderState::finish(std::optional<std::uint64_t> offset) {
  if (failed_) return;
  const std::string_view version = message_.xes;
  if (version.empty()) {
    fail("xes.version", "missing member 'xes' (the schema version, \"1.0\")", "/xes", offset);
  } else if (version.substr(0, 2) != "1.") {
    fail("xes.version", "unsupported XES version '" + message_.xes + "': this reader reads 1.x", "/xes", offset);
  }
}

}  // namespace xborder::detail
