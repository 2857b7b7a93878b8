#pragma once
// The ANSI/NIST-ITL traditional encoding (versions 0200 to 0502): a transaction of logical records, each a
// tagged record ("2.018:LISA, MONA J", fields ended by GS, the record by FS, subfields split by RS,
// information items by US, image bytes in field .999 taken by length) or a binary record (types 3-8, a
// fixed big-endian header and the image bytes).
//
// Parsing is zero-copy: a transaction is a set of views into the input, so a ten-print costs a few hundred
// field boundaries whatever the size of its images. Every length read from the input is checked against the
// bytes that remain before it is used.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xborder/diagnostics.hpp"
#include "xborder/field_tree.hpp"

namespace xborder::detail {

inline constexpr char kFileSeparator = 0x1C;    // ends a record
inline constexpr char kGroupSeparator = 0x1D;   // ends a field
inline constexpr char kRecordSeparator = 0x1E;  // between subfields
inline constexpr char kUnitSeparator = 0x1F;    // between information items

struct An2kField {
  enum class Kind {
    text,     // a tagged field's value, separators included
    integer,  // a big-endian unsigned integer of a binary header (1, 2 or 4 bytes)
    octets,   // one unsigned byte per subfield (the finger positions of types 3-6)
    bytes,    // image or other binary data, never scanned
  };
  unsigned number = 0;
  unsigned occurrence = 1;  // of its number in the record: 2 and more for a field repeated (a quirk)
  Kind kind = Kind::text;
  std::string_view tag;    // as written ("1.01"); empty in binary records
  std::string_view value;  // the bytes after the tag's ':' (tagged) or the header bytes (binary)
  std::uint64_t offset = 0;  // of `value` in the input
};

struct An2kRecord {
  unsigned type = 0;
  unsigned ordinal = 1;  // among the records of its type, from 1
  bool tagged = true;
  std::uint64_t offset = 0;
  std::string_view bytes;
  std::vector<An2kField> fields;
};

struct An2kTransaction {
  std::uint64_t offset = 0;
  std::string_view bytes;
  std::string charset = "US-ASCII";  // of the text fields, from 1.015 DCS
  std::vector<An2kRecord> records;
};

// Names the records and fields of a transaction in FieldTree paths: "2.018" (first record of its type, first
// subfield, first item), "2.047.2" (item 2), "2.019[2]" (subfield 2), "14[3].013" (the third Type-14 record).
// Subfields and items count from 1, as the standard does. A field that a real file repeats in its record
// names its second occurrence "9.005#2" (occurrences count from 1, the first unmarked).
struct An2kPath {
  unsigned type = 0;
  unsigned ordinal = 1;
  unsigned field = 0;
  unsigned occurrence = 1;
  unsigned subfield = 1;
  unsigned item = 1;

  std::string text() const;
  void append_to(std::string& out) const;
  static std::optional<An2kPath> parse(std::string_view text);
};

// Field numbers of the binary records' image data (types 3-8), and whether a record type is binary.
bool an2k_binary_type(unsigned type);
unsigned an2k_data_field(unsigned type);

// Parses the transaction at the start of `data` (`base` is its offset in the whole input). `strict` turns
// inconsistencies (LEN against the bytes, CNT against the records present) and the quirks of real files (a
// version not the standard's, tags spelt otherwise, "13.005" in a Type-9, fields out of order or repeated,
// LEN padded with zeros) into errors; otherwise they are warnings, the quirks are kept as they are, and the
// parser recovers where it can. Returns the bytes consumed, or nothing on an error.
// `transaction` is reused: its vectors keep their capacity between calls.
std::optional<std::size_t> parse_an2k(std::string_view data, std::uint64_t base, bool strict,
                                      An2kTransaction& transaction, Diagnostics& diagnostics);

// The transaction as a FieldTree, text decoded to UTF-8 from the declared character set. One leaf per
// information item, in the order of the input; binary values stay bytes. Every leaf's raw bytes, and the
// tree's, are views into the transaction's bytes, which `owner` keeps alive (nullptr: the caller's input,
// valid while the tree is used). A tag spelt otherwise than the standard's is kept in the leaf's `tag`.
// False (with an error) if text cannot be decoded.
bool an2k_to_field_tree(const An2kTransaction& transaction, std::string_view label,
                        const std::shared_ptr<const void>& owner, FieldTree& tree, Diagnostics& diagnostics);

// Writes a transaction from a FieldTree: records in the order they first appear (Type-1 first); the fields of
// a record in the order of the tree when they stand there as read (at increasing source offsets), otherwise
// in ascending number; tags as the leaves spell them; LEN and CNT recomputed (their original text kept when
// it is still right, so an unmodified transaction comes back byte for byte). Nothing, with errors naming the
// path, if a value does not fit.
std::optional<std::string> write_an2k(const FieldTree& tree, Diagnostics& diagnostics);

// The ICU charset name for a 1.015 character set index and name; empty if it is not known.
std::string an2k_charset(std::string_view index, std::string_view name);

}  // namespace xborder::detail
