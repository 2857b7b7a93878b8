// Fuzz target: dates in national layouts of Gregorian and other calendars, and XES partial dates. A date read
// is a partial date that writes back in its layout and reads again the same; a refusal is clean.

#include <cstdint>
#include <string>
#include <string_view>

#include "xborder/dates.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  namespace dates = xborder::dates;
  static const dates::DateLayout kLayouts[] = {
      dates::DateLayout("DD.MM.YYYY"),
      dates::DateLayout("YYMMDD", 30),
      dates::DateLayout("MM/YYYY"),
      dates::DateLayout("YYYY/MM/DD", 30, "persian"),
      dates::DateLayout("YYYY-MM-DD", 30, "islamic-umalqura"),
      dates::DateLayout("DD/MM/YYYY", 30, "buddhist-thai-historical"),
      dates::DateLayout("YYYYMMDD", 30, "hebrew"),
  };
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);

  // The XES form: what parses prints back as it was read, and its bounds are in order.
  if (const auto date = dates::PartialDate::parse(text)) {
    const std::string printed = date->to_string();
    const auto again = dates::PartialDate::parse(printed);
    if (!again || again->to_string() != printed) __builtin_trap();
    const auto bounds = date->bounds();
    if (bounds.first.size() != 10 || bounds.last < bounds.first || !date->may_equal(*date)) __builtin_trap();
  }

  const dates::DateLayout& layout = kLayouts[data[0] % std::size(kLayouts)];
  const auto date = layout.parse(text);
  if (!date) return 0;
  const std::string read = date->to_string();
  if (!dates::PartialDate::parse(read)) __builtin_trap();
  const auto written = layout.format(*date);
  if (!written) __builtin_trap();  // whatever a layout reads, it writes
  const auto reread = layout.parse(*written);
  if (!reread || reread->to_string() != read) __builtin_trap();
  return 0;
}
