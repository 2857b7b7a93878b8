#pragma once
// Helpers shared by the test suites.

#include <filesystem>
#include <string>
#include <string_view>

// A GoogleTest case that reads the shared reference data (test::reference_file, XBORDER_REFERENCE_DIR): written
// REFERENCE_TEST(Suite, Name) instead of TEST(Suite, Name). When the build found no reference data, the case is
// still compiled, as a function of its own, but not registered; configure counts these cases (by the macro's
// name at the start of a line) and says how many it left out. A case that reads the data without this macro
// fails in a clone without it ("missing test file").
#if XBORDER_HAVE_REFERENCE_DATA
#define REFERENCE_TEST(suite, name) TEST(suite, name)
#else
#define REFERENCE_TEST(suite, name) [[maybe_unused]] static void suite##_##name##_needs_reference_data()
#endif

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
