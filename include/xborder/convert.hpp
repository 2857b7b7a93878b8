#pragma once
// The format registry and converters: the entry point for converting records between formats.
//
//   const auto& registry = xborder::Registry::builtin();
//   const xborder::Converter converter = registry.converter("xes-xml", "xes-json");
//   xborder::Result result = converter.convert(bytes);   // safe to call from many threads at once
//   if (result.ok()) use(result.output);                  // result.diagnostics says what else happened

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "xborder/diagnostics.hpp"
#include "xborder/export.hpp"
#include "xborder/xes.hpp"

namespace xborder {

namespace detail {
struct RegistryState;
struct ConverterState;
}  // namespace detail

struct FormatInfo {
  std::string id;  // e.g. "xes-json"
  std::string description;
  bool can_read = false;
  bool can_write = false;
};

struct ConvertOptions {
  bool strict = false;  // losses become errors: nothing may be dropped
  bool pretty = false;  // indented output where the target format has such a form
};

// The outcome of converting one record.
struct Result {
  std::optional<xes::Message> message;  // the record as XES (the hub), when it could be read
  std::string output;                   // the record in the target format, when it could be written
  Diagnostics diagnostics;
  bool ok() const noexcept { return !diagnostics.has_errors(); }
};

// Converts records from one format to another. Built once by a Registry; immutable and safe to share
// between threads.
class XBORDER_API Converter {
 public:
  // Converts one input. Bad input is reported in the result's diagnostics, never thrown.
  Result convert(std::string_view input) const;

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
};

// The formats xborder knows, with their data. builtin() serves the data embedded at build time.
class XBORDER_API Registry {
 public:
  explicit Registry(RegistryOptions options = {});  // throws Error if the mappings directory is unusable
  static const Registry& builtin();

  std::vector<FormatInfo> formats() const;

  // The id of the format `head` (the first bytes of an input) most likely is, or empty if none fits.
  std::string sniff(std::string_view head) const;

  // A converter from `from` (empty: sniff each input) to `to`. Throws FormatError for an unknown id or a
  // direction the format does not support.
  Converter converter(std::string_view from, std::string_view to = "xes-json", ConvertOptions options = {}) const;

  // Checks an XES document (xes-json or xes-xml; empty: sniffed) against the published schema and the
  // code tables. Every problem is an error with its path.
  Diagnostics validate(std::string_view bytes, std::string_view format = {}) const;

 private:
  std::shared_ptr<const detail::RegistryState> state_;
};

}  // namespace xborder
