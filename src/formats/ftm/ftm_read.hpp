#pragma once
// Reading FollowTheMoney NDJSON into XES messages: plain entities one a line, or the delta stream
// ({"op": "ADD"|"MOD"|"DEL", "entity": {...}}), whose operations are applied in order. The whole input is
// read (within Limits::input_bytes) before messages are made, since an entity may come before or after those
// it points at. A message is a person or organisation with its documents, sanctions, addresses and relations;
// an entity that belongs to none is a message of its own.

#include <string_view>

#include "core/format.hpp"
#include "formats/ftm/ftm_tables.hpp"

namespace xborder::detail {

void read_ftm(std::string_view text, const FtmTables& tables, const ConvertOptions& options, const RecordSink& sink);

}  // namespace xborder::detail
