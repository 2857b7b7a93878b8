#include "command.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "xborder/diagnostics.hpp"

namespace fs = std::filesystem;

namespace xborder::cli {

std::string read_input(const std::string& name) {
  if (name == "-") return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  std::ifstream file(name, std::ios::binary);
  if (!file) throw UsageError("cannot open '" + name + "'");
  std::ostringstream text;
  text << file.rdbuf();
  return std::move(text).str();
}

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
      continue;
    }
    out += c;
  }
  return out + "\"";
}

std::vector<MessageText> xes_messages(const std::string& input, std::string_view bytes) {
  std::vector<MessageText> lines;
  std::size_t objects = 0;  // lines that begin a JSON object: a pretty-printed message has one, NDJSON one a line
  for (std::size_t start = 0, number = 1; start < bytes.size(); ++number) {
    const std::size_t end = std::min(bytes.find('\n', start), bytes.size());
    const std::string_view line = bytes.substr(start, end - start);
    if (line.starts_with('{')) ++objects;
    if (line.find_first_not_of(" \t\r") != std::string_view::npos) {
      lines.push_back({input + ":" + std::to_string(number), line});
    }
    start = end + 1;
  }
  if (objects < 2) return {{input, bytes}};
  return lines;
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& names, bool& any_directory) {
  std::vector<std::string> files;
  any_directory = false;
  for (const auto& name : names) {
    if (name != "-" && fs::is_directory(name)) {
      any_directory = true;
      std::vector<std::string> found;
      for (const auto& entry : fs::recursive_directory_iterator(name)) {
        if (entry.is_regular_file()) found.push_back(entry.path().string());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(name);
    }
  }
  return files;
}

void print_diagnostics(const std::string& input, const Diagnostics& diagnostics) {
  std::string line;  // one write a line: std::cerr is unbuffered, and a stream may bring a diagnostic a record
  for (const auto& item : diagnostics.all()) {
    const char* severity = item.severity == Severity::error     ? "error"
                           : item.severity == Severity::warning ? "warning"
                                                                : "loss";
    line.assign("xborder: ").append(input).append(": ").append(severity).append(" [").append(item.code).append("]");
    if (!item.format.empty()) line.append(" ").append(item.format);
    if (!item.path.empty()) line.append(" at ").append(item.path);
    if (item.offset) line.append(" (byte ").append(std::to_string(*item.offset)).append(")");
    line.append(": ").append(item.message).append("\n");
    std::cerr.write(line.data(), static_cast<std::streamsize>(line.size()));
  }
}

std::string root_option(const CLI::App& app, const std::string& name) {
  const CLI::App* root = &app;
  while (root->get_parent() != nullptr) root = root->get_parent();
  const CLI::Option* option = root->get_option_no_throw(name);
  return option != nullptr && option->count() > 0 ? option->as<std::string>() : std::string();
}

}  // namespace xborder::cli
