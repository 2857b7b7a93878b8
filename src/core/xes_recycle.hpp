#pragma once
// Reuse of a message's lists from record to record. A stream converts one record after another, and each
// message grows the same lists (twenty-odd provenance entries, a person, an offence) from nothing, which
// takes the allocator's slow path for the larger ones every record. A message the caller is done with is
// emptied instead, keeping its lists' storage, and the next message on the same thread is built in it.
// Only the top-level lists are kept: keeping the items inside them would cost more in moves than the
// allocations it saves. The exception is provenance, a score of entries a record, each with a JSON pointer
// too long for a string's inline buffer: the entries themselves are kept, to be written over in place
// (spare_provenance). The header's strings and source keep their storage as well. A list grown past
// kKeptBytes gives its storage back.

#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "core/xes_fields.hpp"
#include "xborder/xes.hpp"

namespace xborder::detail {

namespace recycling {

inline constexpr std::size_t kKeptBytes = 64 * 1024;  // of one list's storage

inline std::optional<xes::Message>& spare() {
  thread_local std::optional<xes::Message> message;
  return message;
}

struct ListClearer {
  template <class... A>
  void operator()(A&&...) {}
  template <class T>
  void always(std::string_view, std::string_view, std::vector<T>& items) {
    if (items.capacity() * sizeof(T) > kKeptBytes) {
      std::vector<T>().swap(items);
    } else {
      items.clear();
    }
  }
};

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

// The provenance entries of the last message recycled on this thread, whole, for the next message to write
// over (each of their fields is set again) rather than to allocate anew.
inline std::vector<xes::ProvenanceEntry>& spare_provenance() {
  thread_local std::vector<xes::ProvenanceEntry> entries;
  return entries;
}

// Gives a message's list storage back for the next message built on this thread.
inline void recycle(xes::Message&& message) {
  if (message.provenance.capacity() * sizeof(xes::ProvenanceEntry) <= recycling::kKeptBytes) {
    spare_provenance().swap(message.provenance);
  }
  recycling::ListClearer clearer;
  describe(clearer, message);
  // The header's strings keep their storage too: a message id and a creation time do not fit a string's
  // own buffer, nor does the source's digest.
  xes::Header& header = message.header;
  if (header.source) recycling::spare_source() = std::move(*header.source);
  recycling::Emptier emptier;
  describe(emptier, header);
  recycling::spare() = std::move(message);
}

// An empty source for the header, on the storage of the last one recycled on this thread.
inline xes::Source recycled_source() {
  xes::Source source = std::move(recycling::spare_source());
  recycling::Emptier emptier;
  describe(emptier, source);
  return source;
}

// An empty message, built on the storage recycle() was given last on this thread when there is some.
inline xes::Message recycled_message() {
  auto& spare = recycling::spare();
  if (!spare) return {};
  xes::Message message = std::move(*spare);
  spare.reset();
  message.xes = xes::kVersion;
  return message;
}

}  // namespace xborder::detail
