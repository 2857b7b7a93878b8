"""Dates as records write them: national layouts, partial dates and non-Gregorian calendars.

    from xborder import dates
    dates.parse("14.02.1978", "DD.MM.YYYY")               # '1978-02-14'
    dates.parse("00.02.1978", "DD.MM.YYYY")               # '1978-02' (day unknown)
    dates.parse("1360/01/01", "YYYY/MM/DD", "persian")    # '1981-03-21'
    dates.parse("1360/00/00", "YYYY/MM/DD", "persian")    # '1981-03-21/1982-03-20' (the year, as a range)
    dates.format("1978-02", "DD.MM.YYYY")                 # '00.02.1978'
    dates.may_equal("1978~", "1979-06-01")                # True: about 1978 reaches a year either way
    dates.convert(dates.CalendarDate("japanese", 1, 1, 8, era="heisei"))   # '1989-01-08'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

from . import _core

__all__ = ["CalendarDate", "parse", "format", "may_equal", "convert", "from_gregorian", "year_range"]


@dataclass(frozen=True)
class CalendarDate:
    calendar: str   # ICU id: persian, islamic-civil, islamic-umalqura, hebrew, buddhist, japanese, roc, ...
    year: int
    month: int
    day: int
    era: str = ""   # japanese: meiji, taisho, showa, heisei, reiwa; roc: minguo


def parse(text: str, layout: str = "YYYY-MM-DD", calendar: Optional[str] = None, pivot: int = 30) -> str:
    """The XES partial date of ``text`` in ``layout`` (YYYY/CCYY, YY with ``pivot``, MM, DD; 00 or XX for an
    unknown part). With ``calendar`` the text is a date of that calendar; a year or month of it becomes the
    Gregorian range it covers ("first/last"). Raises xborder.Error for text that is no date."""
    return _core.parse_date(text, layout, calendar or "", pivot)


def format(date: str, layout: str, calendar: Optional[str] = None, pivot: int = 30) -> str:  # noqa: A001
    """An XES partial date written in ``layout`` (the inverse of :func:`parse`). Raises xborder.Error for a
    date the layout cannot hold: approximate, outside the two-digit window, more precise than the layout."""
    return _core.format_date(date, layout, calendar or "", pivot)


def may_equal(a: str, b: str) -> bool:
    """Whether two XES partial dates may be the same day ("~" reaches a year either way)."""
    return _core.dates_may_equal(a, b)


def convert(date: CalendarDate) -> str:
    """The Gregorian date (YYYY-MM-DD) of a date of another calendar; impossible dates raise xborder.Error."""
    return _core.to_gregorian(date.calendar, date.era, date.year, date.month, date.day)


def year_range(calendar: str, year: int, era: str = "") -> Tuple[str, str]:
    """A year of ``calendar`` as the Gregorian dates it runs from and to: ('1981-03-21', '1982-03-20')."""
    return tuple(_core.year_range(calendar, year, era))


def from_gregorian(iso_date: str, calendar: str) -> CalendarDate:
    calendar_id, era, year, month, day = _core.from_gregorian(iso_date, calendar)
    return CalendarDate(calendar_id, year, month, day, era)
