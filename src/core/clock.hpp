#pragma once

#include <string>

namespace xborder::detail {

// Sets header.created of a message made now: the caller's fixed time when it gives one (reproducible
// output), else the current UTC time as ISO 8601, "2026-11-28T05:23:56Z". Written into `created`'s own
// storage (a message reused record after record keeps it).
void stamp_created(std::string& created, const std::string& fixed);

}  // namespace xborder::detail
