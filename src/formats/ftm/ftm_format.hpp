#pragma once
// FollowTheMoney (FtM) entities as a format, "ftm": the NDJSON entity streams that OpenSanctions, Aleph and
// yente exchange. Its own format rather than a profile: FtM records are entities that point at each other by
// id (a Sanction at its Person, a Passport at its holder), and a message groups a person or organisation with
// the entities that belong to it, which no field-by-field rule can say. What the FtM schemata mean is data:
// mappings/ftm/ (schemata, identifier properties, genders) and mappings/codes/countries.csv.

#include <memory>

#include "core/format.hpp"
#include "core/mapping_store.hpp"

namespace xborder::detail {

// Throws Error if a table under mappings/ftm/ is missing or malformed.
std::unique_ptr<Format> make_ftm_format(const MappingStore& store);

}  // namespace xborder::detail
