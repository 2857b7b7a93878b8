"""xborder.check: conformance checks from Python."""

import pytest

import xborder
from xborder import check


def test_builtin_specifications():
    assert check.available() == ["an2k-2011", "ebts-9.1", "int-i"]
    spec = check.Specification("ebts-9.1")
    assert spec.id == "ebts-9.1" and spec.title == "FBI EBTS 9.1"


def test_unknown_specification_raises():
    with pytest.raises(xborder.Error):
        check.Specification("no-such-spec")


def test_unreadable_input_is_not_conformant():
    report = check.Specification("ebts-9.1").check(b"1.001:99\x1d garbage")
    assert not report.conformant
    assert report.diagnostics["errors"]


@pytest.mark.reference_data
def test_car_without_name(reference):
    data = (reference / "ansi-nist/samples/NISTFile.ebts").read_bytes()
    spec = check.Specification("ebts-9.1")
    assert spec.check(data).conformant
    start = data.index(b"2.018:")
    end = data.index(b"\x1d", start) + 1
    cut = data[:start] + data[end:]
    cut = cut.replace(b"2.001:186\x1d", b"2.001:%d\x1d" % (186 - (end - start)), 1)
    report = spec.check(cut)
    assert not report.conformant
    assert [(f.rule, f.record, f.field, f.offset) for f in report.findings] == [("field.missing", "2", "2.018", 182)]
