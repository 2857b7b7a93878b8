#pragma once
// A JSON data file (profiles, user-supplied tables): comments allowed, depth-bounded, and every value's line
// remembered, so that errors can name the file, the line and the rule.

#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace xborder::detail {

class LocatedJson {
 public:
  // Parses `text`. On failure returns false with what is wrong and on which line (from 1).
  bool parse(std::string_view text, std::string& why, std::size_t& line);

  const rapidjson::Document& document() const { return document_; }

  // The line (from 1) of the value at a JSON pointer ("/rules/3/to"), or of its nearest located ancestor.
  std::size_t line_of(std::string pointer) const;

 private:
  std::size_t line_at(std::size_t offset) const;

  std::string text_;
  std::vector<std::size_t> line_ends_;  // offsets of the text's line feeds: a profile of thousands of rules
                                        // asks a line for each
  rapidjson::Document document_;
  std::unordered_map<std::string, std::size_t> offsets_;  // JSON pointer -> byte offset
};

}  // namespace xborder::detail
