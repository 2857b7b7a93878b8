#pragma once
// The `country` transform of profiles: a country as sources write it (a name in English or French, a UN
// short form, a former country, an ISO alpha-3 code, on request an ISO alpha-2 or NCIC code) to the XES
// country code, from the data tables mappings/codes/country-names.csv, countries.csv and ncic-countries.csv.
// A name no table knows is left out with a warning that quotes it: never guessed.

#include <memory>
#include <string>

#include "profiles/transform.hpp"

namespace xborder::detail {

// options: {"codes": "none" | "alpha2" | "ncic"} — which two-letter codes are read besides names and alpha-3
// ("none" by default: in free text "NA" or "IN" are words as often as codes).
std::unique_ptr<Transform> make_country_transform(const rapidjson::Value& options, const TableLoader& tables,
                                                  std::string& why);

}  // namespace xborder::detail
