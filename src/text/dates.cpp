#include "xborder/dates.hpp"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
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
  if (auto* gregorian = dynamic_cast<icu::GregorianCalendar*>(calendar.get())) {
    gregorian->setGregorianChange(-8.64e15, status);  // proleptic, as everywhere in this library
  }
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

bool leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap_year(year) ? 29 : kDays[static_cast<std::size_t>(month - 1)];
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

// The Gregorian day before an ISO date.
std::string day_before(const std::string& iso_date) {
  const auto part = [&](std::size_t at, std::size_t length) { return std::stoi(iso_date.substr(at, length)); };
  auto calendar = gregorian();
  UErrorCode status = U_ZERO_ERROR;
  calendar->setTime(gregorian_time(part(0, 4), part(5, 2), part(8, 2)) - U_MILLIS_PER_DAY, status);
  const int y = calendar->get(UCAL_EXTENDED_YEAR, status), m = calendar->get(UCAL_MONTH, status) + 1,
            d = calendar->get(UCAL_DATE, status);
  if (U_FAILURE(status)) throw Error("ICU cannot compute the day before " + iso_date);
  return iso(y, m, d);
}

}  // namespace

std::string to_gregorian(const CalendarDate& date) {
  if (date.calendar == kThaiHistorical) {
    // Before 1941 the Thai year began on 1 April: January to March belong to the next Gregorian year. BE 2483
    // ended on 31 December 1940 and had no January to March. The months and days are the Gregorian ones.
    const int year = date.year - (date.year <= 2482 && date.month <= 3 ? 542 : 543);
    if (year < 1 || year > 9999 || date.month < 1 || date.month > 12 || date.day < 1 ||
        date.day > days_in_month(year, date.month) || (date.year == 2483 && date.month <= 3)) {
      throw Error("no such date: " + describe(date));
    }
    return iso(year, date.month, date.day);
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
  // The first month of a year: 1, but April in the Thai years before 1941.
  const auto first_month = [&](int of) { return calendar == kThaiHistorical && of <= 2483 ? 4 : 1; };
  const std::string first = to_gregorian({std::string(calendar), std::string(era), year, first_month(year), 1});
  // The day before the next year's first day: no month or day count of the calendar needs to be known.
  return {first, day_before(to_gregorian({std::string(calendar), std::string(era), year + 1, first_month(year + 1), 1}))};
}

namespace {

// A month of `calendar` as the Gregorian days it covers: from its first day to the last day it has (no
// calendar's month is longer than 31 days; to_gregorian refuses days a month lacks, as the Coptic
// thirteenth month's sixth in most years).
GregorianRange month_range(const std::string& calendar, int year, int month) {
  const std::string first = to_gregorian({calendar, "", year, month, 1});
  for (int day = 31; day > 1; --day) {
    try {
      return {first, to_gregorian({calendar, "", year, month, day})};
    } catch (const Error&) {
    }
  }
  return {first, first};
}

// Digits only (from_chars would take a sign), up to nine of them.
bool number(std::string_view text, int& out) {
  if (text.empty() || text.size() > 9) return false;
  int value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  out = value;
  return true;
}

// `value` in `width` digits or more, with leading zeros, written at `at`; returns the end.
char* write_digits(char* at, int value, std::size_t width) {
  static constexpr int kLimit[] = {1, 10, 100, 1000, 10000};
  if (value >= 0 && width < std::size(kLimit) && value < kLimit[width]) {  // the common case: it fits
    const auto two = [](char* to, int digits) {  // 0-99
      to[0] = static_cast<char>('0' + digits / 10);
      to[1] = static_cast<char>('0' + digits % 10);
    };
    switch (width) {  // the widths of years, months and days, unrolled
      case 2: two(at, value); break;
      case 4: two(at, value / 100), two(at + 2, value % 100); break;
      default:
        for (std::size_t i = width; i-- > 0; value /= 10) at[i] = static_cast<char>('0' + value % 10);
    }
    return at + width;
  }
  char digits[16];
  const auto length = static_cast<std::size_t>(std::to_chars(digits, digits + sizeof digits, value).ptr - digits);
  for (std::size_t i = length; i < width; ++i) *at++ = '0';
  std::memcpy(at, digits, length);
  return at + length;
}

// "YYYY", "YYYY-MM" or "YYYY-MM-DD", then "~" for about.
std::optional<PartialDate::Point> parse_point(std::string_view text) {
  PartialDate::Point point;
  if (text.ends_with('~')) {
    point.approximate = true;
    text.remove_suffix(1);
  }
  if (text.size() != 4 && text.size() != 7 && text.size() != 10) return std::nullopt;
  if (!number(text.substr(0, 4), point.year) || point.year < 1) return std::nullopt;
  if (text.size() >= 7 && (text[4] != '-' || !number(text.substr(5, 2), point.month) || point.month < 1 || point.month > 12)) {
    return std::nullopt;
  }
  if (text.size() == 10 && (text[7] != '-' || !number(text.substr(8, 2), point.day) || point.day < 1 ||
                            point.day > days_in_month(point.year, point.month))) {
    return std::nullopt;
  }
  return point;
}

std::string point_string(const PartialDate::Point& point) {
  char text[40];
  char* end = write_digits(text, point.year, 4);
  if (point.month > 0) {
    *end++ = '-';
    end = write_digits(end, point.month, 2);
    if (point.day > 0) {
      *end++ = '-';
      end = write_digits(end, point.day, 2);
    }
  }
  if (point.approximate) *end++ = '~';
  return std::string(text, end);
}

GregorianRange point_bounds(const PartialDate::Point& point, int widen_years = 0) {
  const int first_year = std::max(point.year - widen_years, 1), last_year = std::min(point.year + widen_years, 9999);
  if (point.month == 0) return {iso(first_year, 1, 1), iso(last_year, 12, 31)};
  if (point.day == 0) return {iso(first_year, point.month, 1), iso(last_year, point.month, days_in_month(last_year, point.month))};
  const int last_day = std::min(point.day, days_in_month(last_year, point.month));  // 29 February, a year on
  return {iso(first_year, point.month, std::min(point.day, days_in_month(first_year, point.month))),
          iso(last_year, point.month, last_day)};
}

PartialDate::Point point_of(std::string_view iso_date) {
  PartialDate::Point point;
  number(iso_date.substr(0, 4), point.year);
  number(iso_date.substr(5, 2), point.month);
  number(iso_date.substr(8, 2), point.day);
  return point;
}

}  // namespace

std::optional<PartialDate> PartialDate::parse(std::string_view text) {
  const auto slash = text.find('/');
  PartialDate date;
  const auto first = parse_point(text.substr(0, slash));
  if (!first) return std::nullopt;
  date.first = *first;
  if (slash != std::string_view::npos) {
    const auto last = parse_point(text.substr(slash + 1));
    if (!last || point_bounds(*last).last < point_bounds(*first).first) return std::nullopt;
    date.last = *last;
  }
  return date;
}

std::string PartialDate::to_string() const {
  return last ? point_string(first) + "/" + point_string(*last) : point_string(first);
}

GregorianRange PartialDate::bounds() const {
  return {point_bounds(first).first, point_bounds(last ? *last : first).last};
}

bool PartialDate::may_equal(const PartialDate& other) const {
  const auto widened = [](const PartialDate& date) {
    const Point& end = date.last ? *date.last : date.first;
    return GregorianRange{point_bounds(date.first, date.first.approximate ? 1 : 0).first,
                          point_bounds(end, end.approximate ? 1 : 0).last};
  };
  const GregorianRange a = widened(*this), b = widened(other);
  return a.first <= b.last && b.first <= a.last;
}

DateLayout::DateLayout(std::string_view layout, int pivot, std::string_view calendar)
    : layout_(layout), pivot_(pivot), calendar_(calendar) {
  if (!calendar_.empty()) (void)from_gregorian("2000-01-01", calendar_);  // throws for an unknown calendar
  for (const char* token : {"CCYY", "YYYY", "YY", "MM", "DD"}) {
    const auto at = layout_.find(token);
    if (at == std::string::npos) continue;
    const Part part{at, std::string_view(token).size(), token[0] == 'D' ? 'D' : token[0] == 'M' ? 'M' : 'Y'};
    if (find(part.what) == nullptr) parts_.push_back(part);  // not "YY" again inside "YYYY"
  }
  // In the order they stand: what lies between them is literal text.
  std::sort(parts_.begin(), parts_.end(), [](const Part& a, const Part& b) { return a.at < b.at; });
  if (find('Y') == nullptr) throw Error("date layout '" + layout_ + "' has no year (YYYY, CCYY or YY)");
  if (find('D') != nullptr && find('M') == nullptr) throw Error("date layout '" + layout_ + "' has a day but no month");
}

const DateLayout::Part* DateLayout::find(char what) const {
  for (const Part& part : parts_) {
    if (part.what == what) return &part;
  }
  return nullptr;
}

std::optional<PartialDate> DateLayout::parse(std::string_view text, std::string* why) const {
  const auto bad = [&](const std::string& reason) -> std::optional<PartialDate> {
    if (why != nullptr) *why = reason;
    return std::nullopt;
  };
  if (text.size() != layout_.size()) return bad("wrong length");
  std::size_t literal = 0;  // where the literal text before the next part begins
  for (std::size_t part = 0; part <= parts_.size(); ++part) {
    const std::size_t end = part < parts_.size() ? parts_[part].at : layout_.size();
    for (std::size_t i = literal; i < end; ++i) {
      if (text[i] != layout_[i]) return bad("expected '" + std::string(1, layout_[i]) + "' at position " + std::to_string(i + 1));
    }
    if (part < parts_.size()) literal = std::max(literal, end + parts_[part].width);
  }
  const auto unknown = [](std::string_view digits) {  // all '0', or all of 'X', 'x' and '?'
    const auto all = [&](auto test) { return std::all_of(digits.begin(), digits.end(), test); };
    return all([](char c) { return c == '0'; }) || all([](char c) { return c == 'X' || c == 'x' || c == '?'; });
  };
  PartialDate::Point point;
  const Part* y = find('Y');
  if (!number(text.substr(y->at, y->width), point.year)) return bad("the year is not a number");
  if (y->width == 2) point.year += point.year < pivot_ ? 2000 : 1900;
  if (point.year < 1) return bad("no year 0");
  if (const Part* m = find('M')) {
    const std::string_view digits = text.substr(m->at, m->width);
    // Another calendar's year may have 13 months (Hebrew, Coptic): ICU checks those below.
    const int months = calendar_.empty() ? 12 : 13;
    if (!unknown(digits) && (!number(digits, point.month) || point.month < 1 || point.month > months)) {
      return bad("no month " + std::string(digits));
    }
  }
  if (const Part* d = find('D')) {
    const std::string_view digits = text.substr(d->at, d->width);
    if (!unknown(digits)) {
      if (point.month == 0) return bad("a day without a month");
      const int days = calendar_.empty() ? days_in_month(point.year, point.month) : 31;
      if (!number(digits, point.day) || point.day < 1 || point.day > days) return bad("no day " + std::string(digits) + " in that month");
    }
  }
  PartialDate date;
  if (calendar_.empty()) {
    date.first = point;
    return date;
  }
  try {
    if (point.day > 0) {
      date.first = point_of(to_gregorian({calendar_, "", point.year, point.month, point.day}));
      return date;
    }
    const GregorianRange range = point.month > 0 ? month_range(calendar_, point.year, point.month)
                                                 : year_range(calendar_, point.year);
    date.first = point_of(range.first);
    date.last = point_of(range.last);
    return date;
  } catch (const Error& e) {
    return bad(e.what());
  }
}

bool DateLayout::round_trips(std::string_view text) const {
  if (!calendar_.empty() || text.size() != layout_.size()) return false;
  return std::none_of(parts_.begin(), parts_.end(), [&](const Part& part) {
    const char first = text[part.at];
    return first == 'X' || first == 'x' || first == '?';
  });
}

std::optional<std::string> DateLayout::format(const PartialDate& date, std::string* why) const {
  const auto bad = [&](const std::string& reason) -> std::optional<std::string> {
    if (why != nullptr) *why = reason;
    return std::nullopt;
  };
  if (date.first.approximate || (date.last && date.last->approximate)) {
    return bad("an approximate date has no place in the layout " + layout_);
  }
  PartialDate::Point point = date.first;
  if (!calendar_.empty()) {
    // A day, or the range a year or a month of the calendar covers (what parse makes of one), read in the
    // calendar's current era as parse reads it.
    if (point.day == 0 || (date.last && date.last->day == 0)) {
      return bad("a partial Gregorian date has no place in the " + calendar_ + " calendar");
    }
    try {
      const GregorianRange range{point_string(point), point_string(date.last ? *date.last : point)};
      const CalendarDate first = from_gregorian(range.first, calendar_);
      // Whether a year or month of the calendar is that range (one that reaches outside years 1-9999 is not).
      const auto covers = [&](const auto& span) {
        try {
          return span() == range;
        } catch (const Error&) {
          return false;
        }
      };
      if (range.first == range.last && to_gregorian({calendar_, "", first.year, first.month, first.day}) == range.first) {
        point = {first.year, first.month, first.day, false};
      } else if (range.first != range.last && covers([&] { return year_range(calendar_, first.year); })) {
        point = {first.year, 0, 0, false};
      } else if (range.first != range.last && covers([&] { return month_range(calendar_, first.year, first.month); })) {
        point = {first.year, first.month, 0, false};
      } else {
        return bad(date.to_string() + " is not a day, year or month of the " + calendar_ + " calendar's current era");
      }
    } catch (const Error& e) {
      return bad(e.what());
    }
  } else if (date.last) {
    return bad("a range has no place in the layout " + layout_);
  }
  if ((point.day > 0 && find('D') == nullptr) || (point.month > 0 && find('M') == nullptr)) {
    return bad(point_string(point) + " is more precise than the layout " + layout_);
  }
  std::string out = layout_;
  char digits[16];
  // Last part first: a value wider than its part (a year past 9999) moves only what follows it.
  for (auto it = parts_.rbegin(); it != parts_.rend(); ++it) {
    const Part& part = *it;
    int value = part.what == 'Y' ? point.year : part.what == 'M' ? point.month : point.day;
    if (part.what == 'Y' && part.width == 2) {
      const int century = point.year % 100 < pivot_ ? 20 : 19;
      if (point.year / 100 != century) {
        return bad("year " + std::to_string(point.year) + " is outside the two-digit window of " + layout_);
      }
      value = point.year % 100;
    }
    const auto length = static_cast<std::size_t>(write_digits(digits, value, part.width) - digits);
    if (length == part.width) {
      std::memcpy(out.data() + part.at, digits, length);
    } else {
      out.replace(part.at, part.width, digits, length);
    }
  }
  return out;
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
