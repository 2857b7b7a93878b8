#pragma once
// Dates as records give them: partial ("1981", "1981-03"), approximate, ranges; national layouts
// ("DD.MM.YYYY" with "00" for an unknown day); and dates of other calendars, through ICU: an Iranian record's
// 1360/01/01 is 1981-03-21.
//
//   xborder::dates::DateLayout("DD.MM.YYYY").parse("00.03.1981")->to_string();  // "1981-03"
//   xborder::dates::DateLayout("YYYY/MM/DD", 30, "persian").parse("1360/00/00")->to_string();
//                                                                             // "1981-03-21/1982-03-20"
//   xborder::dates::to_gregorian({"persian", "", 1360, 1, 1});          // "1981-03-21"
//   xborder::dates::to_gregorian({"japanese", "heisei", 1, 1, 8});      // "1989-01-08"
//   xborder::dates::from_gregorian("1990-05-15", "islamic-civil");      // {1410, 10, 19}
//
// Calendars: ICU's ids (persian, islamic-civil, islamic-umalqura, islamic-tbla, islamic, hebrew, buddhist,
// japanese, roc, indian, coptic, ethiopic, chinese, dangi). Dates are checked, not rolled over: 1400-12-30 is
// refused in the Persian calendar (1400 is not a leap year), Showa 65 in the Japanese one (Showa ended in 64).
// Buddhist years are ICU's proleptic BE = CE + 543; before 1941 the Thai year began on 1 April, so January to
// March of a Thai record's BE 2483 or earlier is CE = BE - 542: ask for "buddhist-thai-historical".

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
  bool operator==(const GregorianRange&) const = default;
};
XBORDER_API GregorianRange year_range(std::string_view calendar, int year, std::string_view era = {});

// A date as records give it, in the form XES keeps (partialDate): "1981", "1981-03" or "1981-03-21"; "~"
// after a date for "about"; "first/last" for a range whose ends are partial dates themselves.
struct XBORDER_API PartialDate {
  struct Point {
    int year = 0;
    int month = 0;  // 0: not known
    int day = 0;    // 0: not known (always 0 when the month is)
    bool approximate = false;
  };
  Point first;
  std::optional<Point> last;  // set for a range

  // Nothing if the text is not of that form or names no real date (1981-02-29, 2000-13, a range backwards).
  static std::optional<PartialDate> parse(std::string_view text);
  std::string to_string() const;
  // The first and last days it may stand for: "1981-03" is 1981-03-01 to 1981-03-31.
  GregorianRange bounds() const;
  // Whether both may be the same day (their bounds meet; an approximate end reaches a year further): what
  // matching records by date of birth needs.
  bool may_equal(const PartialDate& other) const;
};

// A national date layout such as "DD.MM.YYYY", "MM/DD/YYYY", "CCYYMMDD", "YYMMDD" or "YYYY/MM/DD": YYYY (or
// CCYY), YY, MM and DD stand for digits, anything else for itself. In a date, "00" or "XX" stand for a month
// or day not known; a two-digit year below `pivot` is 20YY, else 19YY. With a calendar other than the
// Gregorian one, a year or a month becomes the Gregorian range it covers (1360 AP: 1981-03-21/1982-03-20).
class XBORDER_API DateLayout {
 public:
  // Throws Error for a layout without a year, with a day but no month, or a calendar ICU does not know.
  explicit DateLayout(std::string_view layout, int pivot = 30, std::string_view calendar = {});

  // Nothing, and why in `why`, when the text does not fit the layout or names no real date.
  std::optional<PartialDate> parse(std::string_view text, std::string* why = nullptr) const;
  // The date in the layout; nothing, and why, for one it cannot hold: a year outside the two-digit window, an
  // approximate date, a range that is not one year or month of the calendar, a partial date of another one.
  std::optional<std::string> format(const PartialDate& date, std::string* why = nullptr) const;
  // Whether format() gives back `text`, a date parse() read, as it was: in a Gregorian layout it does unless a
  // part not known is written "XX" or "??" (format writes "00"). Another calendar's date is not assumed to.
  bool round_trips(std::string_view text) const;

  const std::string& layout() const { return layout_; }

 private:
  struct Part {
    std::size_t at;
    std::size_t width;
    char what;  // 'Y', 'M', 'D'
  };
  const Part* find(char what) const;

  std::string layout_;
  int pivot_;
  std::string calendar_;  // empty: Gregorian
  std::vector<Part> parts_;
};

}  // namespace xborder::dates
