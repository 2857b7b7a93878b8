#pragma once
// Writing XES messages as FollowTheMoney NDJSON: one entity a line, the person or organisation first, then
// its documents (Passport, Identification), sanctions (Sanction, from notices of a sanctions type), addresses
// (Address) and relations (Family, Associate, UnknownLink). Ids are the message's own when it was read from
// FtM; otherwise they are made unique across messages from the record's digest ("xb-<digest>-p1"). Extensions
// read from FtM go back into their entity; what has no FtM property is a loss.

#include <memory>

#include "core/format.hpp"
#include "formats/ftm/ftm_tables.hpp"

namespace xborder::detail {

std::unique_ptr<RecordWriter> make_ftm_writer(const FtmTables& tables);

}  // namespace xborder::detail
