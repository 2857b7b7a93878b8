#pragma once
// A thread's cache of what is computed from a word (a token's skeleton and sound, its comparable form), for
// building a screening index: list names repeat their given names heavily, while most surnames come once.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace xborder::detail {

// Slots by the word's hash, each overwritten by the next word of its hash: a lookup touches one slot, and the
// cache neither grows nor is cleared. (A map of a million distinct surnames spends more on its nodes, their
// cache misses and its clearing than the values cost to compute.) `Slots` is a power of two.
template <class Value, std::size_t Slots = std::size_t{1} << 14>
class WordCache {
  static_assert((Slots & (Slots - 1)) == 0, "a power of two");

 public:
  // The value of `word`, made by `make()` unless the word's slot holds it. The reference holds until the next
  // call on this cache.
  template <class Make>
  const Value& get(std::string_view word, Make&& make) {
    if (slots_.empty()) slots_.resize(Slots);
    Slot& slot = slots_[std::hash<std::string_view>{}(word) & (Slots - 1)];
    if (!slot.filled || slot.word != word) {
      Value value = make();  // made before the slot changes, should `make` use this cache itself
      slot.word.assign(word);
      slot.value = std::move(value);
      slot.filled = true;
    }
    return slot.value;
  }

 private:
  struct Slot {
    std::string word;
    Value value{};
    bool filled = false;
  };
  std::vector<Slot> slots_;  // made on first use: threads that never build an index pay nothing
};

}  // namespace xborder::detail
