#pragma once
// Data files (schemas, code tables, profiles, ...): a run-time directory overrides the copy embedded at
// build time, file by file; or stands alone, without the embedded files.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace xborder::detail {

class MappingStore {
 public:
  explicit MappingStore(std::filesystem::path override_dir = {}, bool with_embedded = true);

  // The file's text, from the override directory if it has the file, else embedded; nothing if neither.
  std::optional<std::string> load(std::string_view relative_path) const;

  // Every file under `folder` (e.g. "profiles/"), from both sources, overrides first, without duplicates.
  std::vector<std::string> list(std::string_view folder) const;

 private:
  std::filesystem::path override_dir_;
  bool with_embedded_;
};

// A whole file's bytes (a profile or table named at run time); empty if it cannot be read.
std::string read_text_file(const std::filesystem::path& path);

}  // namespace xborder::detail
