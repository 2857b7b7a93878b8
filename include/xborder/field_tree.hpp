#pragma once
// FieldTree: the syntax-level view of one source record, as a codec reads it and writes it.
//
// Fields are ordered and addressed by a path whose form the codec defines: "2.018", "2.018[1].2" (ANSI/NIST
// subfield and item), "NACHNAME" (a CSV column), "INDIVIDUAL/FIRST_NAME" (XML). Each keeps its raw bytes (in
// the source encoding, so a writer can reproduce them), its decoded UTF-8 text, and where it was found.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "xborder/export.hpp"

namespace xborder {

struct Field {
  std::string path;
  std::string text;           // decoded to UTF-8 (empty for binary values)
  std::string raw;            // the bytes as they stood in the source
  std::uint64_t offset = 0;   // byte offset of `raw` in the source
  bool binary = false;        // a binary value: `raw` only, never decoded
  std::string tag;            // the field's name as the source spelt it, where that differs from `path`
                              // (ANSI/NIST "1.01:" for field 1.001), so a writer can reproduce it
};

class XBORDER_API FieldTree {
 public:
  std::string label;            // the record's place in its source, e.g. "row[12]"
  std::uint64_t offset = 0;     // byte offset of the record in the source
  std::string raw;              // the record's bytes (digested into the XES header)
  std::vector<Field> fields;

  // The first field with this path, or nullptr.
  const Field* find(std::string_view path) const;
  Field* find(std::string_view path);
  // Sets the text of `path`, adding the field at the end if it is not there yet.
  Field& set(std::string_view path, std::string text);
};

}  // namespace xborder
