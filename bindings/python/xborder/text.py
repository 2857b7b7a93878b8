"""Transliteration of names and the ICAO 9303 MRZ name field (the GIL is released while C++ works).

    from xborder import text
    text.translit("Юлия Тимошенко")                    # 'IULIIA TIMOSHENKO' (ICAO 9303, the default)
    text.translit("Юлия Тимошенко", "bgn-pcgn-ru")     # 'Yuliya Timoshenko'
    text.mrz_name("Тимошенко", "Юлия", 39)             # MrzName(field='TIMOSHENKO<<IULIIA<<<...', ...)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Tuple

from . import _core

__all__ = ["MrzName", "Decoded", "translit", "schemes", "mrz_name", "decode", "detect_charsets"]


@dataclass(frozen=True)
class MrzName:
    field: str        # exactly `width` characters of A-Z and '<'
    truncated: bool   # the name did not fit and was cut
    dropped: int      # characters the scheme left outside A-Z (digits, other scripts), removed


def _engine() -> _core.Transliteration:
    return _core.Transliteration.builtin()


def translit(text: str, scheme: str = "icao9303") -> str:
    """``text`` in the scheme's Latin form: icao9303[-be|-bg|-mk|-sr|-uk|-latin-base|-latin-reversible],
    an alias (bgn-pcgn-ru, iso9, elot743, ...), a rule file's id (ua-kmu55) or any ICU transform id."""
    return _engine().apply(text, scheme)


def schemes() -> List[str]:
    """The named schemes (ICU's own transform ids are accepted as well)."""
    return list(_engine().schemes())


@dataclass(frozen=True)
class Decoded:
    text: str             # everything (errors="replace"), or what came before the first invalid bytes ("stop")
    invalid: List[int]    # byte offsets of the invalid sequences, in order

    @property
    def complete(self) -> bool:
        return not self.invalid


def decode(data: bytes, charset: str, errors: str = "stop", replacement: str = "\ufffd") -> Decoded:
    """Legacy ``data`` as text through ICU's converter for ``charset`` ("windows-1251", "Shift_JIS", ...).
    Each invalid byte sequence stops decoding (``errors="stop"``) or becomes ``replacement``
    (``errors="replace"``); either way its byte offset is in ``invalid``. Unlike bytes.decode, nothing is
    raised for the data: records are evidence, and the caller decides what a bad byte means."""
    if errors not in ("stop", "replace"):
        raise ValueError(f"errors is 'stop' or 'replace', not {errors!r}")
    return Decoded(*_core.decode(bytes(data), charset, errors == "replace", replacement))


def detect_charsets(data: bytes) -> List[Tuple[str, int]]:
    """The charsets legacy ``data`` may be in, most likely first, with ICU's confidence (0-100)."""
    return [tuple(guess) for guess in _core.detect_charsets(bytes(data))]


def mrz_name(primary: str, secondary: str = "", width: int = 39, scheme: str = "icao9303") -> MrzName:
    """The MRZ name field: 39 characters in a passport (TD3), 30 in an ID card (TD1)."""
    return MrzName(*_engine().mrz_name(primary, secondary, width, scheme))
