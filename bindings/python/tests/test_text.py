"""Transliteration from Python: the schemes, the MRZ name field, errors as xborder.Error, and the GIL
released (threads run transliterations side by side)."""

from concurrent.futures import ThreadPoolExecutor

import pytest

import xborder
from xborder import text


def test_schemes_give_their_forms():
    assert xborder.translit("Юлия Тимошенко") == "IULIIA TIMOSHENKO"
    assert text.translit("Юлия Тимошенко", "bgn-pcgn-ru") == "Yuliya Timoshenko"
    assert text.translit("Київ", "ua-kmu55") == "KYIV"
    assert text.translit("Müller", "icao9303-latin-base") == "MULLER"
    assert {"icao9303", "icao9303-uk", "bgn-pcgn-ru", "ua-kmu55"} <= set(text.schemes())


def test_mrz_name_field():
    name = text.mrz_name("Nilavadhanananda", "Chayapa Dejthamrong Krasuang", 39)
    assert name == text.MrzName("NILAVADHANANANDA<<CHAYAPA<DEJTHAMRONG<K", True, 0)
    assert text.mrz_name("Тимошенко", "Юлия", 30).field == "TIMOSHENKO<<IULIIA<<<<<<<<<<<<"


def test_charsets_are_guessed():
    assert text.detect_charsets("Тимошенко Юлия Владимировна".encode("cp1251"))[0][0] == "windows-1251"


def test_decoding_stops_or_replaces_at_the_offset_of_each_bad_byte():
    data = "Αθ".encode("cp1253") + b"\xff" + "ήνα".encode("cp1253")
    stopped = text.decode(data, "windows-1253")
    assert stopped == text.Decoded("Αθ", [2]) and not stopped.complete
    assert text.decode(data, "windows-1253", errors="replace") == text.Decoded("Αθ\ufffdήνα", [2])
    assert text.decode(data, "windows-1253", "replace", "?").text == "Αθ?ήνα"
    assert text.decode("山田".encode("shift_jis"), "Shift_JIS").complete
    with pytest.raises(xborder.Error, match="no-such"):
        text.decode(b"x", "no-such")
    with pytest.raises(ValueError):
        text.decode(b"x", "UTF-8", errors="ignore")


def test_unknown_scheme_is_an_xborder_error():
    with pytest.raises(xborder.Error, match="no-such"):
        text.translit("x", "no-such")


def test_threads_transliterate_in_parallel():
    names = ["Горбачёв Михаил", "Щербакова Анна", "عبّاس"] * 200
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda n: text.translit(n, "bgn-pcgn-ru" if n[0] == "Щ" else "icao9303"), names))
    assert results[:3] == ["GORBACHEV MIKHAIL", "Shcherbakova Anna", "EBBAS"]
    assert results == results[:3] * 200
