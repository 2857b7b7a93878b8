#include "core/mapping_store.hpp"

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "core/embedded_mappings.hpp"
#include "xborder/diagnostics.hpp"

namespace xborder::detail {

MappingStore::MappingStore(std::filesystem::path override_dir, bool with_embedded)
    : override_dir_(std::move(override_dir)), with_embedded_(with_embedded) {
  if (!override_dir_.empty() && !std::filesystem::is_directory(override_dir_)) {
    throw Error("mappings directory '" + override_dir_.string() + "' does not exist");
  }
}

std::optional<std::string> MappingStore::load(std::string_view relative_path) const {
  if (relative_path.find("..") != std::string_view::npos) return std::nullopt;
  if (!override_dir_.empty()) {
    const std::filesystem::path path = override_dir_ / relative_path;
    if (std::filesystem::is_regular_file(path)) return read_text_file(path);
  }
  if (!with_embedded_) return std::nullopt;
  for (const EmbeddedFile& embedded : embedded_mappings()) {
    if (embedded.path == relative_path) return std::string(embedded.content);
  }
  return std::nullopt;
}

std::vector<std::string> MappingStore::list(std::string_view folder) const {
  std::set<std::string> paths;
  if (!override_dir_.empty() && std::filesystem::is_directory(override_dir_ / folder)) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(override_dir_ / folder)) {
      if (entry.is_regular_file()) {
        paths.insert(std::filesystem::relative(entry.path(), override_dir_).generic_string());
      }
    }
  }
  for (const EmbeddedFile& embedded : with_embedded_ ? embedded_mappings() : std::span<const EmbeddedFile>()) {
    if (embedded.path.substr(0, folder.size()) == folder) paths.emplace(embedded.path);
  }
  return {paths.begin(), paths.end()};
}

std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return std::move(text).str();
}

}  // namespace xborder::detail
