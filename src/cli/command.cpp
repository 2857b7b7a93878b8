#include "command.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

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

}  // namespace xborder::cli
