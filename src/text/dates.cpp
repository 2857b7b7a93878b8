#include "xborder/dates.hpp"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <array>
#include <charconv>
#include <memory>

#include "xborder/diagnostics.hpp"

namespace xborder::dates {
namespace {

constexpr std::string_view kThaiHistorical = "buddhist-thai-historical";

// ICU's era numbers of the Japanese calendar and of the ROC (Minguo) calendar.
struct Era {
  std::string_view calendar;
  std::string_view name;
  int number;
};
constexpr std::array<Era, 7> kEras{{{"japanese", "meiji", 232}, {"japanese", "taisho", 233}, {"japanese", "showa", 234},
                                    {"japanese", "heisei", 235}, {"japanese", "reiwa", 236}, {"roc", "before-minguo", 0},
                                    {"roc", "minguo", 1}}};

std::unique_ptr<icu::Calendar> calendar_for(std::string_view id) {
  UErrorCode status = U_ZERO_ERROR;
  const std::string keyword = "@calendar=" + std::string(id);
  std::unique_ptr<icu::Calendar> calendar(
      icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), icu::Locale(keyword.c_str()), status));
  if (U_FAILURE(status) || !calendar || std::string_view(calendar->getType()) != id) {
    throw Error("unknown calendar '" + std::string(id) + "'");
  }
  calendar->setLenient(false);
  return calendar;
}

std::unique_ptr<icu::GregorianCalendar> gregorian() {
  UErrorCode status = U_ZERO_ERROR;
  auto calendar = std::make_unique<icu::GregorianCalendar>(icu::TimeZone::getGMT()->clone(), status);
  if (U_FAILURE(status)) throw Error("ICU cannot make a Gregorian calendar");
  calendar->setGregorianChange(-8.64e15, status);  // proleptic: records do not switch to Julian before 1582
  calendar->setLenient(false);
  return calendar;
}

std::string iso(int year, int month, int day) {
  std::string out = "0000-00-00";
  for (int i = 3, y = year; i >= 0; --i, y /= 10) out[static_cast<std::size_t>(i)] = static_cast<char>('0' + y % 10);
  out[5] = static_cast<char>('0' + month / 10);
  out[6] = static_cast<char>('0' + month % 10);
  out[8] = static_cast<char>('0' + day / 10);
  out[9] = static_cast<char>('0' + day % 10);
  return out;
}

std::string describe(const CalendarDate& date) {
  return date.calendar + (date.era.empty() ? "" : " " + date.era) + " " + std::to_string(date.year) + "-" +
         std::to_string(date.month) + "-" + std::to_string(date.day);
}

UDate gregorian_time(int year, int month, int day) {
  auto calendar = gregorian();
  calendar->clear();
  calendar->set(year, month - 1, day);
  UErrorCode status = U_ZERO_ERROR;
  const UDate time = calendar->getTime(status);
  if (U_FAILURE(status)) throw Error("no such Gregorian date " + iso(year, month, day));
  return time;
}

}  // namespace

std::string to_gregorian(const CalendarDate& date) {
  if (date.calendar == kThaiHistorical) {
    // Before 1941 the Thai year began on 1 April: January to March belong to the next Gregorian year.
    const int offset = date.year <= 2483 && date.month <= 3 ? 542 : 543;
    return to_gregorian({"gregorian", "", date.year - offset, date.month, date.day});
  }
  auto calendar = calendar_for(date.calendar);
  calendar->clear();
  int era = -1;
  if (!date.era.empty()) {
    for (const Era& known : kEras) {
      if (known.calendar == date.calendar && known.name == date.era) era = known.number;
    }
    if (era < 0) throw Error("the " + date.calendar + " calendar has no era '" + date.era + "'");
    calendar->set(UCAL_ERA, era);
  }
  calendar->set(UCAL_YEAR, date.year);
  calendar->set(UCAL_MONTH, date.month - 1);
  calendar->set(UCAL_DATE, date.day);
  UErrorCode status = U_ZERO_ERROR;
  const UDate time = calendar->getTime(status);
  // ICU accepts some impossible dates even when strict (Showa 65 becomes Heisei 2): read the fields back.
  const auto back = [&](UCalendarDateFields field) { return calendar->get(field, status); };
  if (U_FAILURE(status) || back(UCAL_YEAR) != date.year || back(UCAL_MONTH) != date.month - 1 ||
      back(UCAL_DATE) != date.day || (era >= 0 && back(UCAL_ERA) != era) || U_FAILURE(status)) {
    throw Error("no such date: " + describe(date));
  }
  auto out = gregorian();
  out->setTime(time, status);
  const int year = out->get(UCAL_EXTENDED_YEAR, status);
  const int month = out->get(UCAL_MONTH, status) + 1;
  const int day = out->get(UCAL_DATE, status);
  if (U_FAILURE(status) || year < 1 || year > 9999) throw Error("date out of range: " + describe(date));
  return iso(year, month, day);
}

GregorianRange year_range(std::string_view calendar, int year, std::string_view era) {
  const std::string first = to_gregorian({std::string(calendar), std::string(era), year, 1, 1});
  // The day before the next year's first day: no month or day count of the calendar needs to be known.
  const std::string next = to_gregorian({std::string(calendar), std::string(era), year + 1, 1, 1});
  auto day_before = gregorian();
  UErrorCode status = U_ZERO_ERROR;
  day_before->setTime(gregorian_time(std::stoi(next.substr(0, 4)), std::stoi(next.substr(5, 2)), std::stoi(next.substr(8, 2))) -
                          U_MILLIS_PER_DAY,
                      status);
  const int y = day_before->get(UCAL_EXTENDED_YEAR, status), m = day_before->get(UCAL_MONTH, status) + 1,
            d = day_before->get(UCAL_DATE, status);
  if (U_FAILURE(status)) throw Error("ICU cannot compute the end of " + std::string(calendar) + " year " + std::to_string(year));
  return {first, iso(y, m, d)};
}

CalendarDate from_gregorian(std::string_view iso_date, std::string_view calendar_id) {
  int year = 0, month = 0, day = 0;
  const auto number = [&](std::size_t at, std::size_t length, int& out) {
    const auto [end, error] = std::from_chars(iso_date.data() + at, iso_date.data() + at + length, out);
    return error == std::errc() && end == iso_date.data() + at + length;
  };
  if (iso_date.size() != 10 || iso_date[4] != '-' || iso_date[7] != '-' || !number(0, 4, year) ||
      !number(5, 2, month) || !number(8, 2, day)) {
    throw Error("'" + std::string(iso_date) + "' is not a date YYYY-MM-DD");
  }
  const UDate time = gregorian_time(year, month, day);
  CalendarDate out;
  out.calendar = calendar_id;
  if (calendar_id == kThaiHistorical) {
    out.year = year + (year <= 1940 && month <= 3 ? 542 : 543);
    out.month = month;
    out.day = day;
    return out;
  }
  auto calendar = calendar_for(calendar_id);
  UErrorCode status = U_ZERO_ERROR;
  calendar->setTime(time, status);
  out.year = calendar->get(UCAL_YEAR, status);
  out.month = calendar->get(UCAL_MONTH, status) + 1;
  out.day = calendar->get(UCAL_DATE, status);
  const int era = calendar->get(UCAL_ERA, status);
  if (U_FAILURE(status)) throw Error("ICU cannot convert " + std::string(iso_date) + " to " + std::string(calendar_id));
  for (const Era& known : kEras) {
    if (known.calendar == calendar_id && known.number == era) out.era = known.name;
  }
  return out;
}

}  // namespace xborder::dates
