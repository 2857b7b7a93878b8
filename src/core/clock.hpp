#pragma once

#include <string>

namespace xborder::detail {

// The current UTC time as ISO 8601, "2026-11-28T05:23:56Z": header.created of messages made now.
std::string now_utc();

}  // namespace xborder::detail
