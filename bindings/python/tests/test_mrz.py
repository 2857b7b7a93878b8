"""MRZ from Python: the report, lenient repairs, writing from names in other scripts, and bulk reading."""

import json

import xborder
from xborder import mrz

TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n"


def test_parse_gives_fields_and_checks():
    report = mrz.parse(TD3, reference_date="2026-11-28")
    assert report.valid and report.layout == "td3"
    assert report.fields["surname"] == "ERIKSSON" and report.fields["birth_date_iso"] == "1974-08-12"
    assert {c.field for c in report.checks if c.check == "check-digit"} == {
        "document_number", "birth_date", "expiry_date", "optional_data"}


def test_lenient_repairs_are_reported():
    report = mrz.check("noise\n" + TD3.replace("1204159", "12O4159"), lenient=True)
    assert report.valid
    assert report.corrections[0].found == "O" and report.corrections[0].read_as == "0"
    assert not mrz.parse(TD3.replace("1204159", "12O4159")).valid


def test_make_writes_a_valid_zone_from_cyrillic_names():
    zone = mrz.make("td3", document_code="P", issuing_state="UTO", document_number="L898902C3", nationality="UTO",
                    birth_date="1974-08-12", sex="F", expiry_date="2031-04-15", primary_identifier="Эриксон",
                    secondary_identifier="Анна Мария")
    assert zone.lines[0] == "P<UTOERIKSON<<ANNA<MARIIA<<<<<<<<<<<<<<<<<<<"
    assert mrz.parse(zone.text).valid


def test_mrz_converts_to_xes_and_back():
    result = xborder.convert(TD3, created="2026-01-01T00:00:00Z")
    assert result.message["documents"][0]["number"] == "L898902C3"
    back = xborder.convert(result.output, source="xes-json", target="mrz:td3")
    assert back.output.decode() == TD3
