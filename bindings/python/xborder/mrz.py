"""Machine-readable zones of travel documents (ICAO 9303): read with a validation report, write from fields.

    from xborder import mrz
    report = mrz.parse("P<UTOERIKSSON<<ANNA<MARIA<<<...\\nL898902C36UTO7408122F1204159ZE184226B<<<<<10")
    report.valid, report.fields["surname"], report.checks[0]
    mrz.check(ocr_text, lenient=True)       # the report of a zone found in OCR text, with each repair
    mrz.make("td3", document_code="P", issuing_state="UTO", primary_identifier="Эриксон", ...)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from . import _core

__all__ = ["Check", "Correction", "Report", "Zone", "parse", "check", "make"]


@dataclass(frozen=True)
class Check:
    check: str      # check-digit, composite-check-digit, line-lengths, charset, date, sex, state-code
    field: str
    line: int       # 1-based; 0 for the whole zone
    column: int     # 1-based
    length: int
    outcome: str    # pass, fail, warning
    message: str = ""


@dataclass(frozen=True)
class Correction:
    line: int
    column: int
    found: str
    read_as: str
    reason: str


class Report:
    """The report of a zone, read from the C++ report on demand (a parse stays cheap from Python)."""

    __slots__ = ("_raw",)

    def __init__(self, raw: _core.MrzReport) -> None:
        self._raw = raw

    @property
    def layout(self) -> str:  # td1, td2, td3, mrva, mrvb, fra-id-1988, unknown
        return self._raw.layout

    @property
    def valid(self) -> bool:  # no check failed
        return self._raw.valid

    @property
    def lines(self) -> Tuple[str, ...]:
        return tuple(self._raw.lines)

    @property
    def fields(self) -> Dict[str, str]:  # document_code, ..., birth_date_iso, surname, given_names
        return self._raw.fields

    @property
    def checks(self) -> Tuple[Check, ...]:
        return tuple(Check(*c) for c in self._raw.checks)

    @property
    def corrections(self) -> Tuple[Correction, ...]:
        return tuple(Correction(*c) for c in self._raw.corrections)

    def to_json(self) -> str:
        return self._raw.to_json()

    def __repr__(self) -> str:
        return f"Report(layout={self.layout!r}, valid={self.valid})"


@dataclass(frozen=True)
class Zone:
    lines: Tuple[str, ...]
    name_truncated: bool
    problems: Tuple[str, ...]   # what could not be written as given

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def parse(text: str, *, lenient: bool = False, reference_date: Optional[str] = None) -> Report:
    """The report of the zone in ``text`` (the lines, or with ``lenient`` OCR text around them). Two-digit
    years resolve against ``reference_date`` (YYYY-MM-DD; default today). Never raises on bad input."""
    return Report(_core.mrz_read(text, lenient, reference_date or ""))


check = parse  # the name the CLI gives it: ``xborder mrz check``


def make(layout: str, **fields: str) -> Zone:
    """A zone of ``layout`` (td1, td2, td3, mrva, mrvb) from document_code, issuing_state, document_number,
    nationality, birth_date and expiry_date (YYYY-MM-DD), sex, optional_data(_2), primary_identifier and
    secondary_identifier in any script, and the transliteration ``scheme`` (icao9303)."""
    lines, truncated, problems = _core.mrz_write(layout, {k: str(v) for k, v in fields.items()})
    return Zone(tuple(lines), truncated, tuple(problems))
