#pragma once
// FieldTree: the syntax-level view of one source record, as a codec reads it and writes it.
//
// Fields are ordered and addressed by a path whose form the codec defines: "2.018", "2.018[1].2" (ANSI/NIST
// subfield and item), "NACHNAME" (a CSV column), "INDIVIDUAL/FIRST_NAME" (XML). Each keeps its raw bytes (in
// the source encoding, so a writer can reproduce them), its decoded UTF-8 text, and where it was found.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "xborder/export.hpp"

namespace xborder {

// The raw bytes of a field: a copy of its own, or a view of bytes it shares (a codec's input buffer, kept
// alive by the views into it; or the caller's own input, valid while the call that read it runs: a tree
// handed to a callback). Large values (ANSI/NIST images) are views, never copies. Copying a FieldBytes
// copies a view as a view; assigning bytes to it makes a copy of its own.
class XBORDER_API FieldBytes {
 public:
  FieldBytes() = default;
  FieldBytes(std::string bytes) : own_(std::move(bytes)) {}  // NOLINT: a copy of its own, as std::string was
  FieldBytes(const char* bytes) : own_(bytes) {}             // NOLINT

  // A view of `bytes`, kept valid by `owner` (nullptr: the bytes outlive the tree by the caller's contract).
  static FieldBytes view_of(std::string_view bytes, std::shared_ptr<const void> owner) {
    FieldBytes out;
    out.view_ = bytes;
    out.owner_ = std::move(owner);
    out.shared_ = true;
    return out;
  }

  std::string_view view() const noexcept { return shared_ ? view_ : std::string_view(own_); }
  operator std::string_view() const noexcept { return view(); }  // NOLINT
  const char* data() const noexcept { return view().data(); }
  std::size_t size() const noexcept { return view().size(); }
  bool empty() const noexcept { return view().empty(); }
  const char* begin() const noexcept { return data(); }
  const char* end() const noexcept { return data() + size(); }
  // Whether the bytes are a view of shared bytes rather than a copy of their own.
  bool shared() const noexcept { return shared_; }

  void assign(std::string_view bytes) {
    own_.assign(bytes);
    release();
  }
  FieldBytes& operator=(std::string bytes) {
    own_ = std::move(bytes);
    release();
    return *this;
  }
  FieldBytes& operator=(std::string_view bytes) {
    assign(bytes);
    return *this;
  }
  FieldBytes& operator=(const char* bytes) {
    assign(bytes);
    return *this;
  }

  // The bytes as a string of its own, to fill in place (a codec reading a row into the tree that carries it);
  // a view is dropped first.
  std::string& own() {
    if (shared_) {
      own_.clear();
      release();
    }
    return own_;
  }

  friend bool operator==(const FieldBytes& a, std::string_view b) noexcept { return a.view() == b; }

 private:
  void release() {
    view_ = {};
    owner_.reset();
    shared_ = false;
  }

  std::string own_;
  std::string_view view_;
  std::shared_ptr<const void> owner_;
  bool shared_ = false;
};

struct Field {
  std::string path;
  std::string text;           // decoded to UTF-8 (empty for binary values)
  FieldBytes raw;             // the bytes as they stood in the source (binary values: a view, not a copy)
  std::uint64_t offset = 0;   // byte offset of `raw` in the source
  bool binary = false;        // a binary value: `raw` only, never decoded
  std::string tag;            // the field's name as the source spelt it, where that differs from `path`
                              // (ANSI/NIST "1.01:" for field 1.001), so a writer can reproduce it
};

class XBORDER_API FieldTree {
 public:
  std::string label;            // the record's place in its source, e.g. "row[12]"
  std::uint64_t offset = 0;     // byte offset of the record in the source
  FieldBytes raw;               // the record's bytes (digested into the XES header); a view where fields are
  std::vector<Field> fields;

  // The first field with this path, or nullptr.
  const Field* find(std::string_view path) const;
  Field* find(std::string_view path);
  // Sets the text of `path`, adding the field at the end if it is not there yet.
  Field& set(std::string_view path, std::string text);
};

}  // namespace xborder
