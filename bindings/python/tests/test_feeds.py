"""FollowTheMoney, NCIC and NIEM through the Python binding: the registry's formats, as every other."""
import json

import pytest

import xborder
from conftest import REFERENCE, ROOT

CREATED = "2026-01-01T00:00:00Z"


def test_new_formats_are_listed():
    ids = {f["id"] for f in xborder.formats()}
    assert {"ftm", "ncic", "ncic:ew", "ncic:qw", "ncic:hit", "xml:niem-ojbc-booking"} <= ids


def test_ftm_example_reads_and_writes_back():
    data = (ROOT / "examples/data/ftm/sanctioned-person.ndjson").read_bytes()
    result = xborder.convert(data, created=CREATED)
    assert result.ok and len(result.messages) == 2
    person = result.messages[0]["persons"][0]
    assert person["nationalities"] == ["RUS"] and person["birth_date"] == "1970-02-03"
    assert result.messages[0]["listings"][0]["authority"]["name"] == "Demo Sanctions Office"
    again = xborder.convert(data, source="ftm", target="ftm")
    schemata = [json.loads(line)["schema"] for line in again.output.decode().splitlines()]
    assert sorted(schemata) == ["Address", "Company", "Passport", "Person", "Sanction", "UnknownLink"]


def test_ncic_entry_and_hit():
    entry = (ROOT / "examples/data/ncic/wanted-person-entry.txt").read_bytes()
    result = xborder.convert(entry, created=CREATED)
    assert result.ok
    message = result.message
    assert message["persons"][0]["names"][0]["family"] == "SAMPLE"
    assert message["offences"][0]["national"]["code"] == "1201"
    assert xborder.convert(entry, source="ncic:ew", target="ncic:ew").output.startswith(b"1N01HEADER.EW.MD1012600.")
    hit = xborder.convert((ROOT / "examples/data/ncic/wanted-person-hit.txt").read_bytes(), created=CREATED)
    assert hit.message["warrants"][0]["issuer"]["id"] == "MD1012600"


@pytest.mark.reference_data
def test_un_list_to_ftm():
    data = (REFERENCE / "sanctions/un_consolidated_dev_subset.xml").read_bytes()
    output = xborder.convert(data, target="ftm", raise_errors=False).output.decode()
    schemata = [json.loads(line)["schema"] for line in output.splitlines()]
    assert schemata.count("Person") == 23 and schemata.count("Organization") == 10
    assert schemata.count("Sanction") == 33
