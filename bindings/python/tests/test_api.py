import json
import threading
import time
from pathlib import Path

import pytest

import xborder

CREATED = "2026-01-01T00:00:00Z"


def test_formats_and_profiles_are_listed():
    ids = [f["id"] for f in xborder.formats()]
    assert ids[:2] == ["xes-json", "xes-xml"]
    assert "tabular:example-de-csv" in ids
    assert {p["id"] for p in xborder.profiles()} >= {"example-de-csv", "example-ru-fixed"}
    un = next(p for p in xborder.profiles() if p["id"] == "un-sanctions")
    assert "VERSIONNUM" in " ".join(un["metadata"])  # the list's bookkeeping, counted apart in coverage


def test_convert_sniffs_and_gives_dicts(de_register):
    result = xborder.convert(de_register)
    assert result.ok and len(result.messages) == 4
    person = result.message["persons"][0]
    assert person["names"][0] == {"full": "Müller, Hans Jürgen", "family": "Müller", "given": ["Hans", "Jürgen"],
                                  "script": "Latn", "language": "de", "kind": "primary"}
    assert person["sex"] == {"code": 1, "source": "M"}
    assert json.loads(result.output.decode().splitlines()[0])["persons"][0]["birth_date"] == "1978-02-14"


def test_round_trip_through_python_reproduces_the_export(de_register):
    xes = xborder.convert(de_register, source="tabular:example-de-csv", created=CREATED)
    back = xborder.convert(xes.output, source="xes-json", target="tabular:example-de-csv")
    assert back.output == de_register


def test_xes_xml_round_trip(root):
    text = (root / "examples/data/red-notice.json").read_text()
    xml = xborder.convert(text, target="xes-xml").output
    assert xml.startswith(b"<?xml")
    again = xborder.convert(xml, source="xes-xml")
    assert again.message == json.loads(text)


def test_parse_error_carries_format_offset_and_path():
    with pytest.raises(xborder.ParseError) as caught:
        xborder.convert(b'{"xes": "1.0", "persons": [{"id": 5}]}', source="xes-json")
    error = caught.value
    assert isinstance(error, xborder.Error)
    assert (error.format, error.path) == ("xes-json", "/persons/0/id")
    assert error.offset is not None and error.offset > 0
    assert "expected a string" in str(error)


def test_errors_can_be_returned_instead_of_raised():
    result = xborder.convert(b"nonsense", source="xes-json", raise_errors=False)
    assert not result.ok and result.messages == []
    assert result.diagnostics.errors[0].code == "json.syntax"
    with pytest.raises(xborder.ParseError):
        result.message


def test_losses_are_objects_and_strict_makes_them_errors(root):
    text = (root / "examples/data/red-notice.json").read_text().replace('"xes": "1.0",', '"xes": "1.0", "x": 1,', 1)
    lenient = xborder.convert(text)
    loss = lenient.diagnostics.losses[0]
    assert (loss.code, loss.path) == ("xes.unknown-member", "/x")
    with pytest.raises(xborder.ParseError):
        xborder.convert(text, strict=True)


def test_format_errors_are_not_runtime_errors():
    with pytest.raises(xborder.FormatError) as caught:
        xborder.convert(b"{}", source="no-such-format")
    assert not type(caught.value) is RuntimeError
    assert isinstance(caught.value, xborder.Error)


def test_profile_errors_name_file_and_line(tmp_path):
    (tmp_path / "broken.json").write_text('{\n "profile": "broken",\n "codec": "xml"\n}\n')
    with pytest.raises(xborder.ProfileError) as caught:
        xborder.Registry(profile_dirs=[tmp_path])
    message, file, line = caught.value.args
    assert file.endswith("broken.json") and line >= 1 and "broken.json" in message


def test_validate_and_schema_error(root):
    assert not xborder.validate((root / "examples/data/arrest-booking.json").read_bytes()).errors
    bad = b'{"xes": "1.0", "header": {"message_id": "m", "created": "2026-01-01T00:00:00Z"}, "persons": []}'
    diagnostics = xborder.validate(bad)
    assert diagnostics.errors
    with pytest.raises(xborder.SchemaError):
        xborder.validate(bad, raise_errors=True)


def test_inspect_shows_paths_and_offsets(de_register):
    records = xborder.inspect(de_register, "tabular:example-de-csv")
    surname = records[0]["fields"][1]
    assert (surname["path"], surname["text"], surname["raw"], surname["offset"]) == ("NACHNAME", "Müller", b"M\xfcller", 166)


def test_read_streams_records(root):
    results = list(xborder.read(root / "examples/data/tabular/ru-register.txt"))
    assert [r.message["persons"][0]["birth_date"] for r in results] == ["1979-05-23", "1962", "1988-11-02"]
    assert all(r.output == b"" for r in results)  # reading gives messages, not output


def test_read_stops_early_without_leaking(tmp_path, de_register):
    big = tmp_path / "big.csv"
    header, row = de_register.split(b"\r\n", 2)[:2]
    big.write_bytes(header + b"\r\n" + (row + b"\r\n") * 5000)
    reader = xborder.read(big)
    first = next(reader)
    assert first.ok
    reader.close()  # the background conversion stops


def test_convert_many_matches_one_by_one(root, de_register):
    inputs = [de_register, (root / "examples/data/red-notice.json").read_bytes()] * 10
    many = xborder.convert_many(inputs, threads=2, created=CREATED)
    single = [xborder.convert(i, created=CREATED, raise_errors=False) for i in inputs]
    assert [r.messages for r in many] == [r.messages for r in single]
    assert [r.output for r in many] == [r.output for r in single]


def test_binary_data_stays_bytes(root):
    message = xborder.convert((root / "examples/data/arrest-booking.json").read_bytes()).message
    assert message["biometrics"][0]["data"] == b"hello world!"


def test_the_gil_is_released_during_conversion(de_register):
    header, row = de_register.split(b"\r\n", 2)[:2]
    big = header + b"\r\n" + (row + b"\r\n") * 40000
    ticks = 0
    stop = False

    def ticker():
        nonlocal ticks
        while not stop:
            ticks += 1
            time.sleep(0.001)

    thread = threading.Thread(target=ticker)
    thread.start()
    try:
        before = ticks
        result = xborder.convert(big, source="tabular:example-de-csv", target="")
        during = ticks - before
    finally:
        stop = True
        thread.join()
    assert len(result.messages) == 40000
    assert during > 10  # the other thread ran while C++ converted


@pytest.mark.reference_data
def test_interpol_notice_page_from_python(reference):
    page = (reference / "interpol/red_list_page1_2021-12-11.json").read_bytes()
    result = xborder.convert(page, source="json:interpol-red", target="")
    assert result.ok and len(result.messages) == 20
    notice = result.messages[2]["notices"][0]
    assert (notice["type"], notice["reference"]) == ("red", "2021/15457")
    assert result.messages[2]["persons"][0]["nationalities"] == ["POL"]
    assert {loss.path for loss in result.diagnostics.losses} >= {"total", "_links.next.href"}
    with pytest.raises(xborder.FormatError):
        xborder.convert(result.output or b"{}", source="xes-json", target="json:interpol-red")


@pytest.mark.reference_data
def test_un_sanctions_list_from_python(reference):
    listing = (reference / "sanctions/un_consolidated_dev_subset.xml").read_bytes()
    result = xborder.convert(listing, target="")  # sniffed as xml:un-sanctions
    assert result.ok and len(result.messages) == 33
    entities = [m for m in result.messages if m["organisations"]]
    assert len(entities) == 10 and entities[-1]["organisations"][0]["names"][0]["full"] == "THE HOUTHIS"


def test_limits_bound_what_a_conversion_reads():
    deep = b"[" * 1000
    result = xborder.convert(deep, source="json:interpol-red-notice", raise_errors=False, limits={"depth": 16})
    assert [d.code for d in result.diagnostics.errors] == ["json.depth"]
    assert "16 levels" in result.diagnostics.errors[0].message
    with pytest.raises(ValueError):
        xborder.convert(b"{}", source="json:interpol-red-notice", limits={"no-such-limit": 1})
