#pragma once
// Helpers shared by the test suites.

#include <filesystem>
#include <string>
#include <string_view>

namespace xborder::test {

// A directory of its own under the system's temporary directory, removed with everything in it.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  void write(const std::string& name, const std::string& text) const;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// The text of a file of the source tree (path relative to the repository root).
std::string source_file(std::string_view relative_path);
// The text of a file of the shared reference data (path relative to it), read in place.
std::string reference_file(std::string_view relative_path);

// A minimal valid XES JSON message, with `members` (e.g. "\"persons\": [...]") replacing the default
// (empty) value of the members it names.
std::string xes_json(std::string_view members = {});

// Whether two JSON texts hold the same document (member order ignored, numbers compared by value).
bool same_json(std::string_view a, std::string_view b);

}  // namespace xborder::test
