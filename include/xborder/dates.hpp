#pragma once
// Dates of non-Gregorian calendars, through ICU: an Iranian record's 1360/01/01 is 1981-03-21.
//
//   xborder::dates::to_gregorian({"persian", "", 1360, 1, 1});          // "1981-03-21"
//   xborder::dates::to_gregorian({"japanese", "heisei", 1, 1, 8});      // "1989-01-08"
//   xborder::dates::from_gregorian("1990-05-15", "islamic-civil");      // {1410, 10, 19}
//
// Calendars: ICU's ids (persian, islamic-civil, islamic-umalqura, islamic-tbla, islamic, hebrew, buddhist,
// japanese, roc, indian, coptic, ethiopic, chinese, dangi). Dates are checked, not rolled over: 1400-12-30 is
// refused in the Persian calendar (1400 is not a leap year), Showa 65 in the Japanese one (Showa ended in 64).
// Buddhist years are ICU's proleptic BE = CE + 543; before 1941 the Thai year began on 1 April, so January to
// March of a Thai record's BE 2483 or earlier is CE = BE - 542: ask for "buddhist-thai-historical".

#include <string>
#include <string_view>

#include "xborder/export.hpp"

namespace xborder::dates {

struct CalendarDate {
  std::string calendar;  // ICU calendar id
  std::string era;       // Japanese era name (meiji, taisho, showa, heisei, reiwa) or ROC "minguo"; empty: the calendar's current era
  int year = 0;
  int month = 0;  // 1-12 (13 in the Hebrew leap year, ordinal)
  int day = 0;
};

// "YYYY-MM-DD". Throws Error for an unknown calendar or a date the calendar does not have.
XBORDER_API std::string to_gregorian(const CalendarDate& date);

// The date in `calendar` (era filled in for Japanese and ROC dates). Throws Error for a bad date or calendar.
XBORDER_API CalendarDate from_gregorian(std::string_view iso_date, std::string_view calendar);

// A year of `calendar` as the Gregorian range it covers: a year-only date of a lunar or solar-hijri record
// (1360 AP: 1981-03-21 to 1982-03-20) is a range, not a Gregorian year.
struct GregorianRange {
  std::string first;  // YYYY-MM-DD
  std::string last;
};
XBORDER_API GregorianRange year_range(std::string_view calendar, int year, std::string_view era = {});

}  // namespace xborder::dates
