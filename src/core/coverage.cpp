#include "xborder/coverage.hpp"

#include <cstdio>
#include <set>

namespace xborder {

void Coverage::add(const xes::Message& message, const std::vector<std::string>& metadata_paths) {
  std::set<std::string_view> sources;
  for (const auto& entry : message.provenance) sources.insert(entry.source_path);
  typed += sources.size();
  for (const auto& extension : message.extensions) {
    if (extension.value.empty() && extension.data.empty()) continue;  // a null or an empty field says nothing
    bool is_metadata = false;
    for (const auto& path : metadata_paths) is_metadata = is_metadata || extension.source_path.find(path) != std::string::npos;
    ++(is_metadata ? metadata : extensions);
  }
}

void Coverage::add_losses(const Diagnostics& diagnostics) {
  // Values outside the records (a list's date, a page's total) are the document's, not a record's: aside.
  for (const auto& item : diagnostics.all()) {
    losses += item.severity == Severity::loss && item.code.find("outside-records") == std::string::npos ? 1 : 0;
  }
}

Coverage& Coverage::operator+=(const Coverage& other) {
  typed += other.typed;
  extensions += other.extensions;
  losses += other.losses;
  metadata += other.metadata;
  return *this;
}

double Coverage::typed_share() const {
  const std::size_t all = typed + extensions + losses;
  return all == 0 ? 1.0 : static_cast<double>(typed) / static_cast<double>(all);
}

std::string Coverage::to_string() const {
  char share[16];
  std::snprintf(share, sizeof share, "%.1f%%", typed_share() * 100);
  return "typed " + std::string(share) + " (" + std::to_string(typed) + "), extensions " + std::to_string(extensions) +
         ", losses " + std::to_string(losses) + (metadata ? ", metadata " + std::to_string(metadata) : "");
}

}  // namespace xborder
