#pragma once

#include <memory>
#include <vector>

#include "core/format.hpp"
#include "core/mapping_store.hpp"

namespace xborder::detail {

// "mrz" reads any ICAO 9303 layout (and the French 1988 card) and writes the layout the document code asks
// for; "mrz:td1", "mrz:td2", "mrz:td3", "mrz:mrva", "mrz:mrvb" write that layout. State codes are checked
// against the store's codes/countries.csv.
std::vector<std::unique_ptr<Format>> make_mrz_formats(const MappingStore& store);

}  // namespace xborder::detail
