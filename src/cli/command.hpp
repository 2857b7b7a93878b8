#pragma once
// What every subcommand of the command-line tool shares: exit statuses, usage errors, reading inputs, and
// the shape of a subcommand kept in a file of its own (src/cli/*_command.cpp, declared in commands.hpp).

#include <CLI/CLI.hpp>

#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace xborder {
class Diagnostics;
class Registry;
}

namespace xborder::cli {

// Exit statuses: 0 success, 1 input rejected or invalid, 2 usage error.
inline constexpr int kOk = 0;
inline constexpr int kRejected = 1;
inline constexpr int kUsage = 2;

// A mistake on the command line (a file that cannot be opened, a bad option value): exit 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The whole of a named file, or of standard input for "-".
std::string read_input(const std::string& name);

// Files named on the command line, with directories expanded to their regular files in name order.
std::vector<std::string> expand_inputs(const std::vector<std::string>& names, bool& any_directory);

// The XES messages of one input: each line of NDJSON (what `convert` writes for several records: more than one
// line begins with '{'), else the input whole. Labelled "INPUT" or "INPUT:LINE" for messages on stderr.
struct MessageText {
  std::string label;
  std::string_view text;
};
std::vector<MessageText> xes_messages(const std::string& input, std::string_view bytes);

// A JSON string literal of UTF-8 text, quotes included (control characters escaped as \u00XX).
std::string json_string(std::string_view text);

// Each diagnostic as one line on stderr: "xborder: INPUT: error [code] format at path (byte N): message".
void print_diagnostics(const std::string& input, const Diagnostics& diagnostics);

// The value of a root option of the tool (e.g. "--mappings-dir") as the command line gave it; empty if not.
std::string root_option(const CLI::App& app, const std::string& name);

// A subcommand declared on the app with its options; `run` is called when the command line chose it, with
// the registry the global options (--mappings-dir, --profiles) selected. Library errors it throws are
// reported by main like every other command's.
struct Command {
  CLI::App* app = nullptr;
  std::function<int(const Registry&)> run;
};

}  // namespace xborder::cli
