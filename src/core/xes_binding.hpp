#pragma once
// A type-erased view of the XES model for the streaming readers: a reader walks into the message by member
// name (a JSON key or an XML element name) and assigns scalars, without knowing the C++ types. Every node
// type is generated from the describe() lists in xes_fields.hpp, so the readers stay generic.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/base64.hpp"
#include "core/xes_fields.hpp"
#include "core/xes_recycle.hpp"

namespace xborder::detail {

enum class ValueKind { string, integer, number, bytes, record };

struct Member;

struct NodeType {
  ValueKind kind;
  // Scalars from text (XML character data, JSON strings for string and bytes kinds). False: not of the kind.
  bool (*assign_text)(void* value, std::string_view text);
  bool (*assign_integer)(void* value, std::int64_t number);  // integer and number kinds
  bool (*assign_number)(void* value, double number);         // number kind
  // Records: the member named `name`; XML names list members by their item name.
  Member (*member)(void* record, std::string_view name, bool xml);
  // Scalars as text (profiles write source fields from them); false when the value is absent.
  bool (*to_text)(const void* value, std::string& out);
};

// One value of the model being filled.
struct Node {
  void* value = nullptr;
  const NodeType* type = nullptr;
};

struct MemberType {
  bool list;
  Node (*add)(void* member);  // a new list item, or the single value (an optional is engaged)
  // A list's first item after the last that holds something, or a new one: an item kept from the record
  // before, emptied in place, is filled again (see reuse_in_place). `index` receives its position. The
  // single value for others.
  Node (*reuse)(void* member, std::size_t& index);
  Node (*at)(void* member, std::size_t index);   // item `index`, the list grown to hold it; or the single value
  Node (*get)(void* member, std::size_t index);  // item `index` or the single value if present; else no node
  std::size_t (*size)(const void* member);      // items in a list; 1 or 0 for a single value
};

// A member of a record, found by name.
struct Member {
  std::string_view name;  // the schema's own spelling (stable storage, used in paths)
  void* member = nullptr;
  const MemberType* type = nullptr;
  unsigned index = 0;  // position in the record's describe() list (duplicate detection)
  explicit operator bool() const { return member != nullptr; }
};

inline constexpr std::string_view kXmlWhitespace = " \t\r\n";

inline std::string_view trim_xml_whitespace(std::string_view text) {
  const auto first = text.find_first_not_of(kXmlWhitespace);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kXmlWhitespace) - first + 1);
}

inline bool parse_integer(std::string_view text, std::int64_t& out) {
  text = trim_xml_whitespace(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && error == std::errc{} && end == text.data() + text.size();
}

inline bool parse_number(std::string_view text, double& out) {
  text = trim_xml_whitespace(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && error == std::errc{} && end == text.data() + text.size() && std::isfinite(out);
}

template <class T>
const NodeType& node_type();

template <class T>
Node node_of(T& value) {
  return {&value, &node_type<T>()};
}

template <class F>
const MemberType& member_type();

// Member lookup by name, the readers' hot path: a per-type table of the names (built once from describe())
// gives the member's index, then describe() is walked to that index with no string compares.
class NameTable {
 public:
  template <class T>
  static const NameTable& of() {
    static const NameTable table = [] {
      NameTable built;
      Collector collector{built};
      T probe{};
      describe(collector, probe);
      return built;
    }();
    return table;
  }

  // The member's describe() index, or -1.
  int find(std::string_view name, bool xml) const {
    const std::uint64_t key = key_of(name);
    for (const Entry& entry : xml ? xml_ : json_) {
      if (entry.key == key && (name.size() <= 7 || entry.name == name)) return static_cast<int>(entry.index);
    }
    return -1;
  }

 private:
  struct Entry {
    std::string_view name;
    std::uint64_t key;
    unsigned index;
  };

  // Length and first seven bytes: equal keys mean equal names up to seven bytes long.
  static std::uint64_t key_of(std::string_view name) {
    std::uint64_t key = std::min<std::size_t>(name.size(), 255);
    for (std::size_t i = 0; i < name.size() && i < 7; ++i) key |= std::uint64_t{static_cast<unsigned char>(name[i])} << (8 * (i + 1));
    return key;
  }

  // Walks describe() collecting the names only.
  struct Collector {
    NameTable& table;
    unsigned index = 0;
    template <class F>
    void operator()(std::string_view name, F&) {
      add(name, name);
    }
    template <class F>
    void operator()(std::string_view name, std::string_view item, F&) {
      add(name, item);
    }
    template <class F>
    void always(std::string_view name, std::string_view item, F&) {
      add(name, item);
    }
    void add(std::string_view json, std::string_view xml) {
      table.json_.push_back({json, key_of(json), index});
      table.xml_.push_back({xml, key_of(xml), index});
      ++index;
    }
  };

  std::vector<Entry> json_;
  std::vector<Entry> xml_;
};

// Finds the member at a describe() index.
struct MemberAt {
  unsigned target;
  bool xml;
  Member found{};
  unsigned index = 0;

  template <class F>
  void operator()(std::string_view key, F& field) {
    if (index++ == target) found = {key, &field, &member_type<F>(), target};
  }
  template <class F>
  void operator()(std::string_view key, std::string_view item, F& field) {
    if (index++ == target) found = {xml ? item : key, &field, &member_type<F>(), target};
  }
  template <class F>
  void always(std::string_view key, std::string_view item, F& field) {
    (*this)(key, item, field);
  }
};

template <class T>
const NodeType& node_type() {
  static constexpr auto no_text = [](void*, std::string_view) { return false; };
  static constexpr auto no_integer = [](void*, std::int64_t) { return false; };
  static constexpr auto no_number = [](void*, double) { return false; };
  static constexpr auto no_member = [](void*, std::string_view, bool) { return Member{}; };
  static constexpr auto no_to_text = [](const void*, std::string&) { return false; };
  if constexpr (std::is_same_v<T, std::string>) {
    static constexpr NodeType type{ValueKind::string,
                                   [](void* v, std::string_view text) {
                                     // The text never lies in the target: appending to it emptied skips
                                     // assign's checks for overlap, a string reused record after record
                                     // keeping its buffer.
                                     auto& target = *static_cast<std::string*>(v);
                                     target.clear();
                                     target.append(text);
                                     return true;
                                   },
                                   no_integer, no_number, no_member,
                                   [](const void* v, std::string& out) {
                                     out = *static_cast<const std::string*>(v);
                                     return !out.empty();
                                   }};
    return type;
  } else if constexpr (std::is_same_v<T, std::optional<std::int64_t>>) {
    static constexpr NodeType type{ValueKind::integer,
                                   [](void* v, std::string_view text) {
                                     std::int64_t number = 0;
                                     if (!parse_integer(text, number)) return false;
                                     *static_cast<T*>(v) = number;
                                     return true;
                                   },
                                   [](void* v, std::int64_t number) {
                                     *static_cast<T*>(v) = number;
                                     return true;
                                   },
                                   no_number, no_member,
                                   [](const void* v, std::string& out) {
                                     const auto& value = *static_cast<const T*>(v);
                                     if (value) out = std::to_string(*value);
                                     return value.has_value();
                                   }};
    return type;
  } else if constexpr (std::is_same_v<T, std::optional<double>>) {
    static constexpr NodeType type{ValueKind::number,
                                   [](void* v, std::string_view text) {
                                     double number = 0;
                                     if (!parse_number(text, number)) return false;
                                     *static_cast<T*>(v) = number;
                                     return true;
                                   },
                                   [](void* v, std::int64_t number) {
                                     *static_cast<T*>(v) = static_cast<double>(number);
                                     return true;
                                   },
                                   [](void* v, double number) {
                                     *static_cast<T*>(v) = number;
                                     return true;
                                   },
                                   no_member,
                                   [](const void* v, std::string& out) {
                                     const auto& value = *static_cast<const T*>(v);
                                     if (!value) return false;
                                     char buffer[32];
                                     const auto result = std::to_chars(buffer, buffer + sizeof buffer, *value);
                                     out.assign(buffer, result.ptr);
                                     return true;
                                   }};
    return type;
  } else if constexpr (std::is_same_v<T, xes::Bytes>) {
    static constexpr NodeType type{
        ValueKind::bytes,
        [](void* v, std::string_view text) { return base64_decode(text, *static_cast<xes::Bytes*>(v)); },
        no_integer, no_number, no_member,
        [](const void* v, std::string& out) {
          const auto& bytes = *static_cast<const xes::Bytes*>(v);
          out = base64_encode(bytes);
          return !bytes.empty();
        }};
    return type;
  } else {
    static_assert(xes_record<T>, "not an XES type");
    static constexpr NodeType type{ValueKind::record, no_text, no_integer, no_number,
                                   [](void* v, std::string_view name, bool xml) {
                                     const int index = NameTable::of<T>().find(name, xml);
                                     if (index < 0) return Member{};
                                     MemberAt at{static_cast<unsigned>(index), xml};
                                     describe(at, *static_cast<T*>(v));
                                     return at.found;
                                   },
                                   no_to_text};
    return type;
  }
}

template <class F>
struct MemberTraits {  // a single value: the field itself
  static constexpr bool list = false;
  static Node add(void* field) { return node_of(*static_cast<F*>(field)); }
  static Node reuse(void* field, std::size_t& index) { return index = 0, add(field); }
  static Node at(void* field, std::size_t) { return add(field); }
  static Node get(void* field, std::size_t) { return add(field); }
  static std::size_t size(const void*) { return 1; }
};

template <class R>
  requires xes_record<R>
struct MemberTraits<std::optional<R>> {
  static constexpr bool list = false;
  static Node add(void* field) { return node_of(static_cast<std::optional<R>*>(field)->emplace()); }
  static Node reuse(void* field, std::size_t& index) { return index = 0, at(field, 0); }
  static Node at(void* field, std::size_t) {
    auto& optional = *static_cast<std::optional<R>*>(field);
    return node_of(optional ? *optional : optional.emplace());
  }
  static Node get(void* field, std::size_t) {
    auto& optional = *static_cast<std::optional<R>*>(field);
    return optional ? node_of(*optional) : Node{};
  }
  static std::size_t size(const void* field) { return static_cast<const std::optional<R>*>(field)->has_value(); }
};

template <class I>
struct MemberTraits<std::vector<I>> {
  static constexpr bool list = true;
  static Node add(void* field) { return node_of(static_cast<std::vector<I>*>(field)->emplace_back()); }
  static Node reuse(void* field, std::size_t& index) {
    auto& items = *static_cast<std::vector<I>*>(field);
    index = items.size();
    while (index > 0 && holds_nothing(items[index - 1])) --index;
    return index < items.size() ? node_of(items[index]) : node_of(items.emplace_back());
  }
  static Node at(void* field, std::size_t index) {
    auto& items = *static_cast<std::vector<I>*>(field);
    if (items.size() <= index) [[unlikely]] grow(items, index + 1);
    return node_of(items[index]);
  }
  // Out of line: at() runs for every step of every path into a list, and mostly finds its item there.
  [[gnu::noinline]] static void grow(std::vector<I>& items, std::size_t size) { items.resize(size); }
  static Node get(void* field, std::size_t index) {
    auto& items = *static_cast<std::vector<I>*>(field);
    return index < items.size() ? node_of(items[index]) : Node{};
  }
  static std::size_t size(const void* field) { return static_cast<const std::vector<I>*>(field)->size(); }
};

template <>
struct MemberTraits<xes::Bytes> : MemberTraits<std::string> {  // bytes are one base64 value, not a list
  static Node add(void* field) { return node_of(*static_cast<xes::Bytes*>(field)); }
  static Node reuse(void* field, std::size_t& index) { return index = 0, add(field); }
  static Node at(void* field, std::size_t) { return add(field); }
  static Node get(void* field, std::size_t) { return add(field); }
};

template <class F>
const MemberType& member_type() {
  using Traits = MemberTraits<F>;
  static constexpr MemberType type{Traits::list, &Traits::add, &Traits::reuse, &Traits::at, &Traits::get, &Traits::size};
  return type;
}

inline std::string_view kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::string: return "a string";
    case ValueKind::integer: return "an integer";
    case ValueKind::number: return "a number";
    case ValueKind::bytes: return "base64 data";
    case ValueKind::record: return "an object";
  }
  return "a value";
}

}  // namespace xborder::detail
