#pragma once

#include <memory>

#include "core/codec.hpp"

namespace xborder::detail {

// The ANSI/NIST-ITL codec: transactions read and written through a profile, "an2k" (no Type-2 semantics) or
// "an2k:ebts". The profile's rules map Type-1 and Type-2, which implementations define; the biometric records
// (types 3-17), which the standard itself defines, become XES biometrics in the codec, with their bytes, so
// that XES -> an2k rebuilds the transaction. Their code lists come from the store's codes/an2k-biometrics.csv.
const Codec& an2k_codec();

// Whether `head` starts like a transaction: a Type-1 LEN field, "1.001:" or "1.01:", and its digits.
bool looks_like_an2k(std::string_view head);

}  // namespace xborder::detail
