#include "core/clock.hpp"

#include <chrono>
#include <ctime>

namespace xborder::detail {

void stamp_created(std::string& created, const std::string& fixed) {
  if (!fixed.empty()) {
    created.assign(fixed);
    return;
  }
  // A stream makes many records a second: the time is formatted once a second on each thread.
  thread_local std::time_t formatted_for = -1;
  thread_local char text[32] = {};
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  if (now != formatted_for) {
    std::tm utc{};
    gmtime_r(&now, &utc);
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    formatted_for = now;
  }
  created.assign(text);
}

}  // namespace xborder::detail
