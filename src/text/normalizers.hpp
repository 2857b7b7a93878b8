#pragma once
// ICU's normalizer singletons, fetched once through a C++ static. ICU makes them lazily behind a once-flag of
// its own, which ThreadSanitizer cannot see into (ICU is not instrumented): threads meeting a normalizer for
// the first time at once would be reported as racing. A function-local static hands them over as C++ promises.

#include <unicode/normalizer2.h>

#include <array>
#include <cstddef>

#include "xborder/diagnostics.hpp"

namespace xborder::detail {

enum class Normalization { nfc, nfd, nfkc_casefold };

// Throws Error when ICU lacks its normalisation data.
inline const icu::Normalizer2& normalizer(Normalization form) {
  static const std::array<const icu::Normalizer2*, 3> all = [] {
    UErrorCode status = U_ZERO_ERROR;
    const std::array<const icu::Normalizer2*, 3> out{icu::Normalizer2::getNFCInstance(status),
                                                     icu::Normalizer2::getNFDInstance(status),
                                                     icu::Normalizer2::getNFKCCasefoldInstance(status)};
    if (U_FAILURE(status)) throw Error("ICU's normalisation data is missing");
    return out;
  }();
  return *all[static_cast<std::size_t>(form)];
}

}  // namespace xborder::detail
