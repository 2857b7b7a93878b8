#pragma once
// Reuse of a message's storage from record to record. A stream converts one record after another, and each
// message grows the same lists and records (twenty-odd provenance entries, a person with names, an offence
// with categories) from nothing, which costs an allocation for every list and every longer string, every
// record. The profile formats keep instead the message their sink leaves them (core/format.hpp) and build
// the next one on its storage: reuse_in_place keeps every record, emptied in place, for the profile engine,
// which fills records by path, reuses them and drops what it did not fill (finish_in_place). Records are not
// moved between lists (moving one costs more than allocating it). The header's strings and the provenance
// entries are written over in place. A list grown past kKeptBytes gives its storage back.

#include <algorithm>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/xes_fields.hpp"
#include "xborder/xes.hpp"

namespace xborder::detail {

namespace recycling {

inline constexpr std::size_t kKeptBytes = 64 * 1024;  // of one list's storage

// Empties a record in place: strings and lists keep their storage (list items are destroyed), optional
// values are reset.
struct Emptier {
  template <class T>
  void operator()(std::string_view, T& value) {
    if constexpr (std::is_same_v<T, std::string>) {
      value.clear();
    } else {
      value = T{};
    }
  }
  template <class T>
  void operator()(std::string_view, std::string_view, std::vector<T>& items) {
    items.clear();
  }
};

inline xes::Source& spare_source() {
  thread_local xes::Source source;
  return source;
}

}  // namespace recycling

// The provenance entries of the last message reused on this thread, whole, for the next message to write
// over (each of their fields is set again) rather than to allocate anew.
inline std::vector<xes::ProvenanceEntry>& spare_provenance() {
  thread_local std::vector<xes::ProvenanceEntry> entries;
  return entries;
}

// Whether a value holds nothing: empty strings and bytes, unset optionals, records and lists of nothing
// (a list of records emptied in place still has its items).
template <class T>
bool holds_nothing(const T& value);

namespace recycling {

// A describe() visitor that calls `visit` on every member, single values and lists alike.
template <class Visit>
struct EachMember {
  Visit& visit;
  template <class T>
  void operator()(std::string_view, T& value) {
    visit(value);
  }
  template <class T>
  void operator()(std::string_view, std::string_view, T& items) {
    visit(items);
  }
  template <class T>
  void always(std::string_view, std::string_view, T& items) {
    visit(items);
  }
};

template <class Record, class Visit>
void each_member(Record& record, Visit visit) {
  EachMember<Visit> members{visit};
  describe(members, record);
}

// Empties records in place for reuse: strings and bytes cleared, optional scalars reset; optional records
// and list items are kept, emptied in turn. A list grown past kKeptBytes is given back whole.
struct InPlaceEmptier {
  template <class T>
  static void empty(T& value) {
    if constexpr (xes_record<T>) {
      each_member(value, [](auto& member) { empty(member); });
    } else if constexpr (std::is_same_v<T, std::string>) {
      value.clear();
    } else {
      value = T{};  // an optional scalar
    }
  }
  static void empty(xes::Bytes& bytes) { bytes.clear(); }
  template <class R>
    requires xes_record<R>
  static void empty(std::optional<R>& value) {
    if (value) empty(*value);
  }
  template <class T>
  static void empty(std::vector<T>& items) {
    if (items.capacity() * sizeof(T) > kKeptBytes) {
      std::vector<T>().swap(items);
      return;
    }
    for (T& item : items) empty(item);
  }
};

// After a record was filled in place: drops what was kept and not filled again. Optional records that hold
// nothing are reset and list items that hold nothing at a list's end are removed, deepest first.
struct Trimmer {
  template <class T>
  static void trim(T& value) {
    if constexpr (xes_record<T>) each_member(value, [](auto& member) { trim(member); });
  }
  static void trim(xes::Bytes&) {}
  template <class R>
    requires xes_record<R>
  static void trim(std::optional<R>& value) {
    if (!value) return;
    trim(*value);
    if (holds_nothing(*value)) value.reset();
  }
  template <class T>
  static void trim(std::vector<T>& items) {
    for (T& item : items) trim(item);
    std::size_t kept = items.size();
    while (kept > 0 && holds_nothing(items[kept - 1])) --kept;
    items.resize(kept);
  }
};

// What a message keeps whichever way it is reused: the header's strings and source, the provenance entries.
inline void reuse_header_and_provenance(xes::Message& message) {
  if (message.provenance.capacity() * sizeof(xes::ProvenanceEntry) <= kKeptBytes) {
    spare_provenance().swap(message.provenance);
  }
  message.provenance.clear();
  xes::Header& header = message.header;
  if (header.source) spare_source() = std::move(*header.source);
  Emptier emptier;
  describe(emptier, header);
  message.xes = xes::kVersion;
}

}  // namespace recycling

template <class T>
bool holds_nothing(const T& value) {
  if constexpr (xes_record<T>) {
    bool nothing = true;
    recycling::each_member(value, [&](const auto& member) { nothing = nothing && holds_nothing(member); });
    return nothing;
  } else if constexpr (requires { value.has_value(); }) {
    if constexpr (xes_record<typename T::value_type>) {
      return !value || holds_nothing(*value);
    } else {
      return !value;
    }
  } else if constexpr (requires { value.front(); value.empty(); } && !std::is_same_v<T, std::string> &&
                       !std::is_same_v<T, xes::Bytes>) {
    return std::all_of(value.begin(), value.end(), [](const auto& item) { return holds_nothing(item); });
  } else {
    return value.empty();
  }
}

// `message` emptied for a builder that fills records by path, creating list items and optional records as it
// goes (the profile engine's XesPath): every record stays, emptied in place, to be filled again without
// allocating. The builder appends to a list with MemberType::reuse, which takes the first item left empty;
// finish_in_place() then drops what was not filled again. Extensions and provenance start empty.
inline xes::Message& reuse_in_place(xes::Message& message) {
  message.extensions.clear();
  recycling::InPlaceEmptier::empty(message);
  recycling::reuse_header_and_provenance(message);
  return message;
}

// Drops the records left holding nothing (harmless on a message built any other way).
inline void finish_in_place(xes::Message& message) {
  recycling::Trimmer::trim(message);
}

// An empty source for the header, on the storage of the last one reused on this thread.
inline xes::Source recycled_source() {
  xes::Source source = std::move(recycling::spare_source());
  recycling::Emptier emptier;
  describe(emptier, source);
  return source;
}

}  // namespace xborder::detail
