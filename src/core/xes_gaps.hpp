#pragma once
// Closing the gaps a builder by path leaves: rules that write "names[3]" when the source has no third name
// leave an empty item before the fourth. close_gaps() removes the items that hold nothing from every list of
// the message, keeps the order of the rest, and renumbers the provenance entries that point into moved items.

#include <string>
#include <utility>
#include <vector>

#include "core/xes_fields.hpp"
#include "core/xes_recycle.hpp"

namespace xborder::detail {

class GapCloser {
 public:
  // True when some item was removed.
  static bool close_gaps(xes::Message& message) {
    GapCloser closer;
    describe(closer, message);
    if (closer.moves_.empty()) return false;
    for (xes::ProvenanceEntry& entry : message.provenance) {
      for (const auto& [from, to] : closer.moves_) {  // outer lists first: their moves lead to the inner ones'
        std::string& path = entry.path;
        if (path.compare(0, from.size(), from) == 0 && (path.size() == from.size() || path[from.size()] == '/')) {
          path.replace(0, from.size(), to);
        }
      }
    }
    return true;
  }

  template <class T>
  void operator()(std::string_view name, T& value) {
    if constexpr (xes_record<T>) {
      descend(name, value);
    } else if constexpr (requires { value.has_value(); }) {
      if constexpr (xes_record<typename T::value_type>) {
        if (value) descend(name, *value);
      }
    }
  }
  template <class T>
  void operator()(std::string_view name, std::string_view, std::vector<T>& items) { list(name, items); }
  template <class T>
  void always(std::string_view name, std::string_view, std::vector<T>& items) { list(name, items); }

 private:
  template <class R>
  void descend(std::string_view name, R& record) {
    const std::size_t size = pointer_.size();
    pointer_.append(1, '/').append(name);
    describe(*this, record);
    pointer_.resize(size);
  }
  template <class T>
  void list(std::string_view name, std::vector<T>& items) {
    if constexpr (std::is_same_v<T, xes::ProvenanceEntry> || std::is_same_v<T, xes::Extension>) {
      return;  // never empty, and the provenance is what is renumbered
    } else {
      std::size_t kept = 0;
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (holds_nothing(items[i])) continue;
        if (kept != i) {
          items[kept] = std::move(items[i]);
          const std::string base = pointer_ + "/" + std::string(name) + "/";
          moves_.emplace_back(base + std::to_string(i), base + std::to_string(kept));
        }
        if constexpr (xes_record<T>) {
          const std::size_t size = pointer_.size();
          pointer_.append(1, '/').append(name).append(1, '/').append(std::to_string(kept));
          describe(*this, items[kept]);
          pointer_.resize(size);
        }
        ++kept;
      }
      items.resize(kept);
    }
  }

  std::string pointer_;
  std::vector<std::pair<std::string, std::string>> moves_;
};

inline bool close_gaps(xes::Message& message) { return GapCloser::close_gaps(message); }

}  // namespace xborder::detail
