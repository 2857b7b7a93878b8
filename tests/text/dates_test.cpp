// Calendars: the shared conversion vectors, the pitfalls they list (rolled-over dates, impossible eras, the
// old Thai new year), and the profile date transform reading an Iranian register's dates.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/data_table.hpp"
#include "profiles/transform.hpp"
#include "test_support.hpp"
#include "xborder/dates.hpp"
#include "xborder/diagnostics.hpp"

namespace xborder {
namespace {

REFERENCE_TEST(Calendars, SharedVectorsConvertBothWays) {
  std::ifstream in(std::filesystem::path(XBORDER_REFERENCE_DIR) / "translit" / "calendar-vectors-dev.csv");
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const detail::DataTable table = detail::DataTable::parse("calendar-vectors-dev.csv", text);
  const int calendar = table.column("icu_calendar"), direction = table.column("direction"),
            era = table.column("era_name"), local = table.column("calendar_date_ymd"),
            gregorian = table.column("gregorian_date");
  std::size_t checked = 0;
  for (const auto& row : table.rows) {
    if (row[direction].starts_with("pitfall")) continue;  // below, one by one
    const std::string& ymd = row[local];
    std::string era_name;
    if (row[calendar] == "japanese") {
      era_name = row[era] == "Heisei" ? "heisei" : row[era] == "Showa" ? "showa" : "reiwa";
    } else if (row[calendar] == "roc") {
      era_name = "minguo";
    }
    const dates::CalendarDate date{row[calendar], era_name, std::stoi(ymd.substr(0, 4)), std::stoi(ymd.substr(5, 2)),
                                   std::stoi(ymd.substr(8, 2))};
    EXPECT_EQ(dates::to_gregorian(date), row[gregorian]) << row[calendar] << " " << ymd;
    const auto back = dates::from_gregorian(row[gregorian], row[calendar]);
    EXPECT_EQ(back.year, date.year) << row[calendar] << " " << row[gregorian];
    EXPECT_EQ(back.month, date.month);
    EXPECT_EQ(back.day, date.day);
    if (!era_name.empty()) EXPECT_EQ(back.era, era_name);
    ++checked;
  }
  EXPECT_GE(checked, 13u);
}

TEST(Calendars, ImpossibleDatesAreRefusedNotRolledOver) {
  EXPECT_THROW(dates::to_gregorian({"persian", "", 1400, 12, 30}), Error);  // 1400 is not a leap year
  EXPECT_EQ(dates::to_gregorian({"persian", "", 1399, 12, 30}), "2021-03-20");
  EXPECT_THROW(dates::to_gregorian({"japanese", "showa", 65, 1, 1}), Error);  // Showa ended in 64
  EXPECT_THROW(dates::to_gregorian({"japanese", "edo", 1, 1, 1}), Error);
  EXPECT_THROW(dates::to_gregorian({"no-such-calendar", "", 1, 1, 1}), Error);
  EXPECT_THROW(dates::from_gregorian("1990-02-30", "persian"), Error);
}

TEST(Calendars, AYearOfAnotherCalendarIsAGregorianRange) {
  const auto persian = dates::year_range("persian", 1360);
  EXPECT_EQ(persian.first, "1981-03-21");
  EXPECT_EQ(persian.last, "1982-03-20");
  const auto hijri = dates::year_range("islamic-umalqura", 1445);  // 354 or 355 days
  EXPECT_EQ(hijri.first, "2023-07-19");
  EXPECT_EQ(hijri.last, "2024-07-06");
}

TEST(Calendars, OldThaiYearsBeganInApril) {
  // ICU's proleptic Buddhist calendar, and the historical reading old Thai records need.
  EXPECT_EQ(dates::to_gregorian({"buddhist", "", 2483, 1, 1}), "1940-01-01");
  EXPECT_EQ(dates::to_gregorian({"buddhist-thai-historical", "", 2482, 1, 1}), "1940-01-01");
  EXPECT_EQ(dates::to_gregorian({"buddhist-thai-historical", "", 2483, 4, 1}), "1940-04-01");
  EXPECT_EQ(dates::to_gregorian({"buddhist-thai-historical", "", 2525, 4, 6}), "1982-04-06");
  EXPECT_EQ(dates::from_gregorian("1940-01-01", "buddhist-thai-historical").year, 2482);
  EXPECT_EQ(dates::from_gregorian("1941-01-01", "buddhist-thai-historical").year, 2484);
  // BE 2483 ran from April to December 1940: it had no January.
  EXPECT_THROW(dates::to_gregorian({"buddhist-thai-historical", "", 2483, 1, 15}), Error);
  EXPECT_EQ(dates::year_range("buddhist-thai-historical", 2483), (dates::GregorianRange{"1940-04-01", "1940-12-31"}));
  EXPECT_EQ(dates::year_range("buddhist-thai-historical", 2470), (dates::GregorianRange{"1927-04-01", "1928-03-31"}));
  // A year or month of it read from a record, and written back (fuzzer findings: months 1-3 of old years).
  const dates::DateLayout thai("DD/MM/YYYY", 30, "buddhist-thai-historical");
  EXPECT_EQ(thai.parse("00/00/2470")->to_string(), "1927-04-01/1928-03-31");
  EXPECT_EQ(thai.parse("00/03/0621")->to_string(), "0079-03-01/0079-03-31");
  for (const char* text : {"00/00/2470", "00/03/0621", "01/01/1241", "00/02/2482"}) {
    EXPECT_EQ(thai.format(*thai.parse(text)), text);
  }
}

TEST(PartialDates, TheXesFormRoundTripsAndRefusesWhatIsNoDate) {
  for (const char* text : {"1981", "1981-03", "1981-03-21", "1975~", "1981-03-21/1982-03-20", "1970~/1975", "2000-02-29"}) {
    const auto date = dates::PartialDate::parse(text);
    ASSERT_TRUE(date) << text;
    EXPECT_EQ(date->to_string(), text);
  }
  for (const char* text : {"", "81", "1981-3", "1981-13", "1981-02-29", "1900-02-29", "0000", "1981-03-21/1980",
                           "1981~~", "1981/", "/1981", "1981-00", "+981", "1981-03-21T00"}) {
    EXPECT_FALSE(dates::PartialDate::parse(text)) << text;
  }
  EXPECT_EQ(dates::PartialDate::parse("1981-02")->bounds(), (dates::GregorianRange{"1981-02-01", "1981-02-28"}));
  EXPECT_EQ(dates::PartialDate::parse("1984-02")->bounds(), (dates::GregorianRange{"1984-02-01", "1984-02-29"}));
  EXPECT_EQ(dates::PartialDate::parse("1970/1975-06")->bounds(), (dates::GregorianRange{"1970-01-01", "1975-06-30"}));
}

TEST(PartialDates, MayEqualWhenTheirDaysMeet) {
  const auto may_equal = [](const char* a, const char* b) {
    return dates::PartialDate::parse(a)->may_equal(*dates::PartialDate::parse(b));
  };
  EXPECT_TRUE(may_equal("1981", "1981-03-21"));
  EXPECT_TRUE(may_equal("1981-03", "1981-03-21"));
  EXPECT_FALSE(may_equal("1981-04", "1981-03-21"));
  EXPECT_FALSE(may_equal("1982", "1981-03-21"));
  EXPECT_TRUE(may_equal("1982~", "1981-03-21"));  // about: a year either way
  EXPECT_FALSE(may_equal("1983~", "1981-03-21"));
  EXPECT_TRUE(may_equal("1981-03-21/1982-03-20", "1982-01-05"));
  EXPECT_FALSE(may_equal("1981-03-21/1982-03-20", "1982-03-21"));
}

TEST(DateLayouts, UnknownPartsPivotsAndOtherCalendars) {
  const dates::DateLayout german("DD.MM.YYYY");
  EXPECT_EQ(german.parse("00.03.1981")->to_string(), "1981-03");
  EXPECT_EQ(german.parse("XX.XX.1981")->to_string(), "1981");
  std::string why;
  EXPECT_FALSE(german.parse("31.04.1981", &why));
  EXPECT_NE(why.find("no day 31"), std::string::npos) << why;
  EXPECT_FALSE(german.parse("12.00.1981", &why));  // a day without its month
  EXPECT_EQ(german.format(*dates::PartialDate::parse("1981-03")), "00.03.1981");
  EXPECT_FALSE(german.format(*dates::PartialDate::parse("1981~"), &why));
  EXPECT_NE(why.find("approximate"), std::string::npos);

  const dates::DateLayout two_digits("YYMMDD", 30);
  EXPECT_EQ(two_digits.parse("290101")->to_string(), "2029-01-01");
  EXPECT_EQ(two_digits.parse("300101")->to_string(), "1930-01-01");
  EXPECT_FALSE(two_digits.format(*dates::PartialDate::parse("2031-01-01")));
  const dates::DateLayout year_month("MM/YYYY");
  EXPECT_FALSE(year_month.format(*dates::PartialDate::parse("1981-03-21"), &why));  // more precise than MM/YYYY
  EXPECT_EQ(year_month.format(*dates::PartialDate::parse("1981-03")), "03/1981");

  // A year or month of a lunar or solar-hijri calendar is a Gregorian range, written back as that year or month.
  const dates::DateLayout persian("YYYY/MM/DD", 30, "persian");
  EXPECT_EQ(persian.parse("1360/05/00")->to_string(), "1981-07-23/1981-08-22");
  EXPECT_EQ(persian.format(*persian.parse("1360/05/00")), "1360/05/00");
  const dates::DateLayout hijri("DD/MM/YYYY", 30, "islamic-umalqura");
  const auto year = hijri.parse("00/00/1401");
  ASSERT_TRUE(year);
  EXPECT_TRUE(year->last.has_value());
  EXPECT_EQ(hijri.format(*year), "00/00/1401");
  EXPECT_FALSE(persian.format(*dates::PartialDate::parse("1981-03-22/1982-03-20"), &why));  // not one year
  EXPECT_THROW(dates::DateLayout("MM.DD"), Error);
  EXPECT_THROW(dates::DateLayout("DD.YYYY"), Error);
}

// Text outside the parts must stand as the layout writes it, wherever the parts lie.
TEST(DateLayouts, LiteralTextIsCheckedBetweenAndAroundTheParts) {
  const dates::DateLayout american("MM/DD/YYYY"), suffixed("YYYY-MM-DD r.");
  std::string why;
  EXPECT_EQ(american.parse("03/21/1981")->to_string(), "1981-03-21");
  EXPECT_FALSE(american.parse("03-21/1981", &why));
  EXPECT_EQ(why, "expected '/' at position 3");
  EXPECT_FALSE(american.parse("03/21-1981", &why));
  EXPECT_EQ(why, "expected '/' at position 6");
  EXPECT_EQ(suffixed.parse("1981-03-21 r.")->to_string(), "1981-03-21");
  EXPECT_FALSE(suffixed.parse("1981-03-21 r:", &why));
  EXPECT_EQ(why, "expected '.' at position 13");
  EXPECT_EQ(suffixed.format(*dates::PartialDate::parse("1981-03")), "1981-03-00 r.");
  EXPECT_EQ(dates::DateLayout("CCYYMMDD").format(*dates::PartialDate::parse("0987-06-05")), "09870605");
  EXPECT_THROW(dates::DateLayout("YYYY", 30, "mayan"), Error);
}

TEST(Calendars, ProfileDateTransformReadsAndWritesAnotherCalendar) {
  rapidjson::Document options;
  options.Parse(R"({"layout": "YYYY/MM/DD", "calendar": "persian"})");
  std::string why;
  const auto transform = detail::make_transform("date", options, {}, why);
  ASSERT_TRUE(transform) << why;
  Diagnostics diagnostics;
  detail::TransformContext context{diagnostics, "test", "row[1]", "DOB", 0};
  detail::Values values{"1360/01/01"};
  ASSERT_TRUE(transform->forward(values, context)) << diagnostics.to_json();
  EXPECT_EQ(values[0], "1981-03-21");
  ASSERT_TRUE(transform->backward(values, context));
  EXPECT_EQ(values[0], "1360/01/01");
  values = {"1400/12/30"};
  EXPECT_FALSE(transform->forward(values, context));
  values = {"1360/00/00"};  // a year of the calendar: the Gregorian range it covers, and back
  ASSERT_TRUE(transform->forward(values, context));
  EXPECT_EQ(values[0], "1981-03-21/1982-03-20");
  ASSERT_TRUE(transform->backward(values, context));
  EXPECT_EQ(values[0], "1360/00/00");
  values = {"1981-03"};  // a Gregorian month is no date of the Persian calendar
  EXPECT_FALSE(transform->backward(values, context));
  options.Parse(R"({"layout": "DD.MM.YYYY"})");
  const auto gregorian = detail::make_transform("date", options, {}, why);
  values = {"01.02.-099"};  // a sign is not a digit (fuzzer finding)
  EXPECT_FALSE(gregorian->forward(values, context));
  options.Parse(R"({"layout": "YYYY/MM/DD", "calendar": "mayan"})");
  EXPECT_FALSE(detail::make_transform("date", options, {}, why));
  EXPECT_NE(why.find("mayan"), std::string::npos);
}

}  // namespace
}  // namespace xborder
