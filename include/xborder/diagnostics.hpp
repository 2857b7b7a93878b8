#pragma once
// Diagnostics: what a read or conversion has to say about its input besides the result.
//
// Reading untrusted input never throws: problems with the input are collected here, each with the format,
// the location (byte offset and/or field path) and what was expected. Misuse by the caller (an unknown
// format id, an invalid option) throws xborder::Error instead.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "xborder/export.hpp"

namespace xborder {

enum class Severity {
  error,    // fatal for the record: no result for it
  warning,  // the result is usable but something was repaired or is doubtful
  loss,     // a source value that did not reach the output
};

// Every text of a diagnostic is valid UTF-8: bytes of the input that are not (quoted in a message or a path)
// are kept as the four characters \xHH, so reports and JSON made of diagnostics are always valid.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string code;     // stable machine-readable id, e.g. "json.syntax", "xes.unknown-member"
  std::string message;  // what is wrong and what was expected
  std::string format;   // format id of the input, e.g. "xes-json"
  std::string path;     // field path in the source (JSON pointer for JSON, element path for XML, ...)
  std::optional<std::uint64_t> offset;  // byte offset in the source
};

// The errors, warnings and losses of one read or conversion, in the order they were found.
class XBORDER_API Diagnostics {
 public:
  void add(Diagnostic diagnostic);
  void error(std::string code, std::string message, std::string format, std::string path,
             std::optional<std::uint64_t> offset = std::nullopt);
  void warning(std::string code, std::string message, std::string format, std::string path,
               std::optional<std::uint64_t> offset = std::nullopt);
  void loss(std::string code, std::string message, std::string format, std::string path,
            std::optional<std::uint64_t> offset = std::nullopt);
  void append(const Diagnostics& other);

  // Turns every loss into an error: the strict policy, where nothing may be dropped.
  void make_losses_errors();

  // Keeps the first `count` diagnostics and sums up the rest in one more ("diagnostics.more"), as severe as
  // the most severe of them: a record with ten thousand bad values does not keep ten thousand messages.
  void keep_at_most(std::size_t count);

  const std::vector<Diagnostic>& all() const noexcept { return items_; }
  std::vector<Diagnostic> errors() const { return of(Severity::error); }
  std::vector<Diagnostic> warnings() const { return of(Severity::warning); }
  std::vector<Diagnostic> losses() const { return of(Severity::loss); }
  bool has_errors() const noexcept { return error_count_ > 0; }
  std::size_t error_count() const noexcept { return error_count_; }
  bool empty() const noexcept { return items_.empty(); }

  // {"errors": [...], "warnings": [...], "losses": [...]}, each item with code, message, format, path, offset.
  std::string to_json() const;

 private:
  std::vector<Diagnostic> of(Severity severity) const;
  std::vector<Diagnostic> items_;
  std::size_t error_count_ = 0;
};

// Thrown for misuse by the caller, never for bad input data.
class XBORDER_API Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
};

// An unknown format or profile id, or a conversion the registry cannot perform.
class XBORDER_API FormatError : public Error {
 public:
  using Error::Error;
};

// A profile (or a table it names) that cannot be loaded: what() reads "FILE:LINE: rule ID: what is wrong".
class XBORDER_API ProfileError : public Error {
 public:
  ProfileError(std::string file, std::size_t line, const std::string& message)
      : Error(file + ":" + std::to_string(line) + ": " + message), file_(std::move(file)), line_(line) {}
  const std::string& file() const noexcept { return file_; }
  std::size_t line() const noexcept { return line_; }

 private:
  std::string file_;
  std::size_t line_;
};

}  // namespace xborder
