#pragma once
// The codec contract: what a codec (the syntax of one family of formats: rows, tagged fields, documents,
// zones) tells the profile engine about itself. Each codec folder under src/formats/ describes itself once
// with a Codec; the composition root (src/builtin/) hands the descriptions to the registry, and the profile
// engine finds a profile's codec by its name. Neither the engine nor core names a codec.

#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>

#include "core/format.hpp"
#include "core/mapping_store.hpp"
#include "xborder/convert.hpp"
#include "xborder/diagnostics.hpp"
#include "xborder/field_tree.hpp"
#include "xborder/xes.hpp"

namespace xborder::detail {

// Writes FieldTrees back into bytes, one record at a time (what a format writes once, such as a CSV header,
// comes with the first record).
class FieldTreeWriter {
 public:
  virtual ~FieldTreeWriter() = default;
  // Appends the record to `out`; false, with an error in `diagnostics`, when it cannot be written.
  virtual bool write(const FieldTree& tree, Diagnostics& diagnostics, std::string& out) = 0;
};

// A codec configured by one profile's "source" section. Immutable: shared by every thread that converts.
class CodecInstance {
 public:
  virtual ~CodecInstance() = default;

  // Reads the records of `input` one at a time as FieldTrees, in bounded memory (options.limits).
  virtual void read(std::istream& input, const ConvertOptions& options, const FieldTreeSink& sink) const = 0;

  // A writer of records, or nullptr for a codec that only reads.
  virtual std::unique_ptr<FieldTreeWriter> writer() const { return nullptr; }

  // How sure the codec is that `head` is spelt its way: 0 not at all, up to 50. A codec that cannot tell from
  // the syntax alone (JSON, XML, CSV: a profile's sniff pattern decides) returns kSniffUndecided.
  static constexpr int kSniffUndecided = -1;
  virtual int sniff(std::string_view) const { return kSniffUndecided; }

  // The fields every record has, in the order the codec delivers them (a row's columns); empty when fields
  // are found by path. Rules look a declared field up by its position first.
  virtual const std::vector<std::string>& columns() const {
    static const std::vector<std::string> none;
    return none;
  }

  // The charset of the source's bytes: sniff patterns match the head decoded from it.
  virtual std::string charset() const { return "UTF-8"; }

  // What the codec maps itself, before the profile's rules run: the parts a standard defines for every
  // profile (ANSI/NIST biometric records). Marks the fields it represented exactly in `consumed`.
  virtual void to_xes(const FieldTree&, xes::Message&, std::vector<bool>& /*consumed*/) const {}
  // After the rules, when every entity has its id: links between what the codec made and what the rules made
  // (an ANSI/NIST biometric's subject).
  virtual void finish_xes(xes::Message&) const {}
  // The same parts written back into `tree`, after the profile's rules wrote theirs.
  virtual void from_xes(const xes::Message&, FieldTree&, Diagnostics&) const {}
};

// How a codec lays out the records it reads.
enum class RecordShape {
  rows,          // one record a line (or a few: a row may run over lines); sniff patterns see the first line
  transactions,  // self-delimiting records (tagged fields, zones); sniff patterns see the first line
  documents,     // records inside a document others publish; sniff patterns look anywhere in the head
};

// A codec's description: one per codec folder.
struct Codec {
  std::string name;         // "tabular": profiles say "codec": "tabular"
  std::string description;  // one line, for `xborder profiles` and the profile schema's documentation
  bool can_write = false;   // documents others publish are read only
  bool binary = false;      // records are bytes, not text
  RecordShape shape = RecordShape::rows;
  // An empty field still holds its place among the fields after it (ANSI/NIST items), so it is kept in the
  // extensions like any other unmapped field.
  bool empty_fields_hold_place = false;
  // The JSON Schema of the profile's "source" section under mappings/ (empty: the codec takes none).
  std::string source_schema;
  // How field paths look, for messages: "a column of the source", "an ANSI/NIST field path ('2.018', ...)".
  std::string field_paths;

  // The codec whose FieldTrees this one's are (an2k-xml reads into an2k's paths): its profiles may extend
  // that codec's profiles. Empty: none.
  std::string trees_of;

  // Whether `path` can name a field of this codec, given the declared columns (empty: any path).
  bool (*is_field)(std::string_view path, const std::vector<std::string>& columns) = nullptr;

  // The codec configured by a profile's "source" (nullptr when the profile has none). Nothing, with `why`,
  // when the section is wrong in a way its schema cannot say. Code lists the codec needs come from `store`.
  std::shared_ptr<const CodecInstance> (*configure)(const rapidjson::Value* source, const std::string& format_id,
                                                     const MappingStore& store, std::string& why) = nullptr;
};

}  // namespace xborder::detail
