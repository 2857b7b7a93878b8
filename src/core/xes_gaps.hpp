#pragma once
// Closing the gaps a builder by path leaves: rules that write "names[3]" when the source has no third name
// leave an empty item before the fourth. close_gaps() removes the items that hold nothing from every list of
// the message, keeps the order of the rest, and renumbers the provenance entries that point into moved items.
// For writing, item_texts() and spread_items() open such gaps again where a profile places items by what they
// are (an alias in the alias fields, even when the source had no primary name).

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
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

// Hands the list at a JSON pointer ("/persons/0/names") to `act`, a callable taking its std::vector.
template <class Act>
class ListAt {
 public:
  ListAt(std::string_view target, Act& act) : target_(target), act_(act) {}
  bool found() const { return found_; }

  template <class T>
  void operator()(std::string_view name, T& value) {
    using Value = std::remove_const_t<T>;
    if constexpr (xes_record<Value>) {
      descend(name, value);
    } else if constexpr (requires { value.has_value(); }) {
      if constexpr (xes_record<typename Value::value_type>) {
        if (value) descend(name, *value);
      }
    }
  }
  template <class T>
  void operator()(std::string_view name, std::string_view, T& items) { list(name, items); }
  template <class T>
  void always(std::string_view name, std::string_view, T& items) { list(name, items); }

 private:
  // Whether the target lies in or under `path`.
  bool leads_to_target(const std::string& path) const {
    return target_.compare(0, path.size(), path) == 0 && (target_.size() == path.size() || target_[path.size()] == '/');
  }
  template <class R>
  void descend(std::string_view name, R& record) {
    const std::size_t size = pointer_.size();
    pointer_.append(1, '/').append(name);
    if (leads_to_target(pointer_)) describe(*this, record);
    pointer_.resize(size);
  }
  template <class T>
  void list(std::string_view name, T& items) {
    const std::size_t size = pointer_.size();
    pointer_.append(1, '/').append(name);
    if (pointer_ == target_) {
      act_(items);
      found_ = true;
    } else if (leads_to_target(pointer_)) {
      if constexpr (xes_record<std::remove_const_t<typename T::value_type>>) {
        for (std::size_t i = 0; i < items.size(); ++i) {
          const std::size_t at = pointer_.size();
          pointer_.append(1, '/').append(std::to_string(i));
          if (leads_to_target(pointer_)) describe(*this, items[i]);
          pointer_.resize(at);
        }
      }
    }
    pointer_.resize(size);
  }

  std::string_view target_;
  Act& act_;
  std::string pointer_;
  bool found_ = false;
};

// The text of one string member of a record, found by name.
struct StringMember {
  std::string_view name;
  std::string text;
  template <class T>
  void operator()(std::string_view member, const T& value) {
    if constexpr (std::is_same_v<T, std::string>) {
      if (member == name) text = value;
    }
  }
  template <class... A>
  void always(A&&...) {}
  template <class T>
  void operator()(std::string_view, std::string_view, const T&) {}
};

// The text of the string member `member` of each item of the list at `pointer` (empty where the item has
// none); nothing if the message has no such list.
inline std::optional<std::vector<std::string>> item_texts(const xes::Message& message, std::string_view pointer,
                                                          std::string_view member) {
  std::vector<std::string> texts;
  auto act = [&](const auto& items) {
    if constexpr (xes_record<std::remove_const_t<typename std::remove_cvref_t<decltype(items)>::value_type>>) {
      for (const auto& item : items) {
        StringMember found{member, {}};
        describe(found, item);
        texts.push_back(std::move(found.text));
      }
    }
  };
  ListAt<decltype(act)> finder(pointer, act);
  describe(finder, message);
  if (!finder.found()) return std::nullopt;
  return texts;
}

// Moves item i of the list at `pointer` to position places[i] (distinct places), empty items between.
inline void spread_items(xes::Message& message, std::string_view pointer, const std::vector<std::size_t>& places) {
  auto act = [&](auto& items) {
    using Items = std::remove_cvref_t<decltype(items)>;
    if (places.size() != items.size() || places.empty()) return;
    Items spread(*std::max_element(places.begin(), places.end()) + 1);
    for (std::size_t i = 0; i < items.size(); ++i) spread[places[i]] = std::move(items[i]);
    items = std::move(spread);
  };
  ListAt<decltype(act)> finder(pointer, act);
  describe(finder, message);
}

}  // namespace xborder::detail
