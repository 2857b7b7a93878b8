"""Dates from Python: layouts, partial dates, calendars; impossible dates raise xborder.Error."""

import pytest

import xborder
from xborder import dates


def test_layouts_and_partial_dates():
    assert dates.parse("14.02.1978", "DD.MM.YYYY") == "1978-02-14"
    assert dates.parse("00.02.1978", "DD.MM.YYYY") == "1978-02"
    assert dates.parse("1360/01/01", "YYYY/MM/DD", "persian") == "1981-03-21"


def test_a_lunar_year_is_a_range():
    assert dates.year_range("persian", 1360) == ("1981-03-21", "1982-03-20")
    assert dates.parse("1360/00/00", "YYYY/MM/DD", "persian") == "1981-03-21/1982-03-20"
    assert dates.format("1981-03-21/1982-03-20", "YYYY/MM/DD", "persian") == "1360/00/00"


def test_partial_dates_write_back_and_match():
    assert dates.format("1978-02", "DD.MM.YYYY") == "00.02.1978"
    with pytest.raises(xborder.Error, match="approximate"):
        dates.format("1978~", "DD.MM.YYYY")
    with pytest.raises(xborder.Error, match="not a partial date"):
        dates.format("1978-02-30", "DD.MM.YYYY")
    assert dates.may_equal("1978~", "1979-06-01")
    assert not dates.may_equal("1978-03", "1978-04-01")


def test_calendars_both_ways():
    assert dates.convert(dates.CalendarDate("japanese", 1, 1, 8, era="heisei")) == "1989-01-08"
    assert dates.from_gregorian("1990-05-15", "islamic-civil") == dates.CalendarDate("islamic-civil", 1410, 10, 19)
    with pytest.raises(xborder.Error, match="no such date"):
        dates.convert(dates.CalendarDate("persian", 1400, 12, 30))
    with pytest.raises(xborder.Error):
        dates.parse("31.02.1978", "DD.MM.YYYY")
