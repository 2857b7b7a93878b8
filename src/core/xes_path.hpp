#pragma once
// Paths into an XES message, as profile rules write them: "persons[0].names[0].family",
// "persons[0].nationalities[]" ("[]" on the last step appends one item per value).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/xes_binding.hpp"
#include "xborder/xes.hpp"

namespace xborder::detail {

class XesPath {
 public:
  // Parses and checks a path against the model: every step must name a member, lists need an index and
  // single values none, and the path must end at a value (not a record). Nothing on error, with `why`.
  static std::optional<XesPath> parse(std::string_view text, std::string& why);

  const std::string& text() const { return text_; }
  bool appends() const { return steps_.back().append; }

  // Sets the value, creating records and list items on the way. False if the text is not of the value's
  // kind (e.g. "abc" for an integer). `pointer`, unless null, receives the JSON pointer of the value set.
  bool assign(xes::Message& message, std::string_view value, std::string* pointer) const;

  // The values present at the path, as text (all items for an appending path).
  void collect(const xes::Message& message, std::vector<std::string>& out) const;

 private:
  // A flat JSON object of strings: its members in order, and where they lie in the record type they were
  // last assigned to (found by name once). Nothing if the text is not such an object.
  struct FlatObject {
    std::vector<std::pair<std::string, std::string>> members;
    const NodeType* resolved_for = nullptr;
    std::vector<std::pair<std::ptrdiff_t, const MemberType*>> resolved;  // offset in the record, member type
  };
  static FlatObject* flat_object(std::string_view text);

  struct Step {
    std::string name;
    std::size_t index = 0;
    bool indexed = false;  // written with [n] or []
    bool append = false;   // written with []
    // Resolved by parse(): where the member lies in its record and how to reach into it. Every object of a
    // type has its members at the same offsets, so a path is walked without looking names up.
    std::ptrdiff_t offset = 0;
    const MemberType* type = nullptr;
  };
  std::string text_;
  std::vector<Step> steps_;
  std::string pointer_;  // the JSON pointer of the value (without the appended item's index)
};

}  // namespace xborder::detail
