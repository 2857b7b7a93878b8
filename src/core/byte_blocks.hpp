#pragma once
// Tests over bytes sixteen at a time, by GCC's vector extensions (SSE2 on x86-64, NEON on ARM): the scans
// that decide whether text needs a slow path (JSON escapes, MRZ characters).

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace xborder::detail {

using ByteLanes = unsigned char __attribute__((vector_size(16)));

// Copies up to 16 bytes by inlined fixed-size moves that may overlap (no call to memcpy for short texts).
[[gnu::always_inline]] inline void copy_up_to_16(char* to, const char* from, std::size_t length) {
  if (length >= 8) {
    std::memcpy(to, from, 8);
    std::memcpy(to + length - 8, from + length - 8, 8);
  } else if (length >= 4) {
    std::memcpy(to, from, 4);
    std::memcpy(to + length - 4, from + length - 4, 4);
  } else {
    for (std::size_t i = 0; i < length; ++i) to[i] = from[i];
  }
}

// Whether any lane of a comparison's mask is set.
template <class Mask>
[[gnu::always_inline]] inline bool any_lane(Mask mask) {
  std::uint64_t halves[2];
  std::memcpy(halves, &mask, sizeof halves);
  return (halves[0] | halves[1]) != 0;
}

// Whether `test` holds for any block of the text. The last block overlaps the one before it; a text shorter
// than a block is tested in a copy padded with `pad`, a byte the test must not hold for.
template <class Test>
[[gnu::always_inline]] inline bool any_block(const char* text, std::size_t length, char pad, Test test) {
  ByteLanes block;
  if (length < 16) {
    char padded[16];
    std::memset(padded, pad, sizeof padded);
    copy_up_to_16(padded, text, length);
    std::memcpy(&block, padded, sizeof block);
    return test(block);
  }
  for (std::size_t i = 0; i + 16 < length; i += 16) {
    std::memcpy(&block, text + i, sizeof block);
    if (test(block)) return true;
  }
  std::memcpy(&block, text + length - 16, sizeof block);
  return test(block);
}

}  // namespace xborder::detail
