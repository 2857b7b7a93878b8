#pragma once
// The MRZ codec: an ICAO 9303 machine-readable zone (TD1, TD2, TD3, MRV-A, MRV-B, the French card of 1988)
// as one record whose fields are the zone's fields, named as mrz::Fields names them ("surname",
// "document_number", "birth_date", ...), each with its place in the input. A field's text is what the zone
// says: fillers as spaces and trimmed, dates as YYYY-MM-DD with the century resolved; its raw bytes are the
// characters in the zone. Check digits are verified on reading (failures are warnings, errors when strict)
// and computed on writing. A profile's "source" may fix the layout ({"layout": "td3"}) written and read.

#include "core/codec.hpp"

namespace xborder::detail {

const Codec& mrz_codec();

}  // namespace xborder::detail
