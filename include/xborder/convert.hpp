#pragma once
// The format registry and converters: the entry point for converting records between formats.
//
//   const auto& registry = xborder::Registry::builtin();
//   const xborder::Converter converter = registry.converter("xes-xml", "xes-json");
//   xborder::Result result = converter.convert(bytes);   // safe to call from many threads at once
//   if (result.ok()) use(result.output);                  // result.diagnostics says what else happened

#include <filesystem>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xborder/diagnostics.hpp"
#include "xborder/export.hpp"
#include "xborder/field_tree.hpp"
#include "xborder/xes.hpp"

namespace xborder {

class Registry;
namespace detail {
struct RegistryState;
struct ConverterState;
Registry make_registry(std::shared_ptr<const RegistryState> state);
}  // namespace detail

struct FormatInfo {
  std::string id;  // e.g. "xes-json"
  std::string description;
  bool can_read = false;
  bool can_write = false;
  bool binary = false;  // records are bytes, not text (ANSI/NIST): bindings take them as bytes only
};

// Bounds on what one conversion reads and keeps. Input beyond them is refused with an error that names the
// bound, never cut short silently; every codec and writer honours them. The defaults suit real records
// (a transaction with large images, the whole UN list); lower them for untrusted input in small memory.
struct XBORDER_API Limits {
  std::size_t input_bytes = std::size_t{1} << 30;   // one input that is read whole (a document, a transaction)
  std::size_t records = 100'000'000;                // records of one input
  std::size_t fields = 100'000;                     // fields of one record
  std::size_t value_bytes = std::size_t{1} << 28;   // one field's value (an ANSI/NIST image is its biggest)
  std::size_t path_bytes = 4096;                    // one field's path (JSON keys, XML names)
  std::size_t depth = 64;                           // nesting of a document's objects, arrays, elements
  std::size_t diagnostics = 1000;                   // diagnostics kept a record; the rest counted in one more

  // Sets the bound named as its member is ("depth", "input_bytes", ...); false for an unknown name.
  bool set(std::string_view name, std::size_t value);
};

struct ConvertOptions {
  bool strict = false;  // losses become errors: nothing may be dropped
  bool pretty = false;  // indented output where the target format has such a form
  // header.created of messages built from non-XES sources (UTC, ISO 8601); empty: the time of conversion.
  std::string created;
  Limits limits;
};

// The outcome of a conversion: one record (streaming) or all records of an input.
struct Result {
  std::vector<xes::Message> messages;  // the records as XES (the hub), those that could be read
  std::string output;                  // the records in the target format, those that could be written
  Diagnostics diagnostics;
  bool ok() const noexcept { return !diagnostics.has_errors(); }
};

struct ProfileInfo {
  std::string id;     // e.g. "example-de-csv"; the format id is codec:id
  std::string codec;  // e.g. "tabular"
  std::string description;
  std::string file;   // where it was loaded from ("mappings/profiles/..." when embedded)
  // Source path parts whose values are list-level metadata (the profile's "metadata"): pass them to
  // Coverage::add to count those values apart from the record's.
  std::vector<std::string> metadata;
};

// Converts records from one format to another. Built once by a Registry; immutable and safe to share
// between threads.
class XBORDER_API Converter {
 public:
  // Converts every record of one input. Bad input is reported in the result's diagnostics, never thrown.
  Result convert(std::string_view input) const;

  // Streams: converts the records of `input` one at a time, calling `on_record` with each (its message,
  // its piece of output, its diagnostics); memory stays bounded by one record. `on_record` returns false to
  // stop. Sniffing (no source format) needs a seekable stream.
  void convert(std::istream& input, const std::function<bool(Result&&)>& on_record) const;

  const std::string& from() const noexcept;  // empty: sniffed per input
  const std::string& to() const noexcept;

 private:
  friend class Registry;
  explicit Converter(std::shared_ptr<const detail::ConverterState> state);
  std::shared_ptr<const detail::ConverterState> state_;
};

struct RegistryOptions {
  // A directory laid out like mappings/ whose files replace the embedded ones, file by file.
  std::filesystem::path mappings_dir;
  // Directories of further profiles (*.json), each with the code tables it names beside it.
  std::vector<std::filesystem::path> profile_dirs;
};

// The formats xborder knows, with their data. builtin() serves the data embedded at build time.
class XBORDER_API Registry {
 public:
  // Throws Error if a directory is unusable, ProfileError for a profile that does not load.
  explicit Registry(RegistryOptions options = {});
  static const Registry& builtin();

  std::vector<FormatInfo> formats() const;
  std::vector<ProfileInfo> profiles() const;

  // The id of the format `head` (the first bytes of an input) most likely is, or empty if none fits.
  std::string sniff(std::string_view head) const;

  // A converter from `from` (empty: sniff each input) to `to` (empty: read only; results carry the messages
  // and no output). Throws FormatError for an unknown id or a direction the format does not support.
  Converter converter(std::string_view from, std::string_view to = "xes-json", ConvertOptions options = {}) const;

  // The syntax-level view of each record of `input` in a codec-based format (empty: sniffed): what a profile
  // author maps. Returns the diagnostics of reading; throws FormatError for formats without a FieldTree (XES).
  Diagnostics inspect(std::istream& input, std::string_view format,
                      const std::function<bool(const FieldTree&)>& on_record) const;

  // Checks an XES document (xes-json or xes-xml; empty: sniffed) against the published schema and the
  // code tables. Every problem is an error with its path.
  Diagnostics validate(std::string_view bytes, std::string_view format = {}) const;

 private:
  friend Registry detail::make_registry(std::shared_ptr<const detail::RegistryState> state);
  explicit Registry(std::shared_ptr<const detail::RegistryState> state);
  std::shared_ptr<const detail::RegistryState> state_;
};

}  // namespace xborder
