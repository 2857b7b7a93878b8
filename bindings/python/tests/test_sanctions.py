"""Issue 18 from Python: sanctions lists and notices read without naming their format, into XES 1.1 members."""
import pytest

import xborder


@pytest.mark.reference_data
def test_eu_file_is_sniffed_and_typed(reference):
    data = (reference / "sanctions/eu_fsf_one_entity_2024-12-11.xml").read_bytes()
    result = xborder.convert(data, target="")
    assert result.ok and len(result.messages) == 1
    message = result.messages[0]
    assert message["xes"] == "1.1"
    person = message["persons"][0]
    assert person["nationalities"] == ["IRQ"]
    assert person["birth_dates"][0] == {"date": "1937-04-28", "qualifier": "exact"}
    assert [n["script"] for n in person["names"]] == ["Latn", "Latn", "Latn"]
    assert message["listings"][0]["programme"] == "IRQ"


@pytest.mark.reference_data
def test_un_list_names_in_original_script_have_their_script(reference):
    data = (reference / "sanctions/un_consolidated_dev_subset.xml").read_bytes()
    result = xborder.convert(data, target="")
    scripts = {n["script"] for m in result.messages for p in m["persons"] for n in p["names"]}
    assert "Arab" in scripts and "Latn" in scripts
    qualities = {n.get("quality") for m in result.messages for p in m["persons"] for n in p["names"] if n["kind"] == "alias"}
    assert qualities == {"strong", "weak"}


def test_yellow_notice_is_sniffed(root):
    data = (root / "examples/data/documents/yellow-notice.json").read_bytes()
    result = xborder.convert(data, target="")
    assert result.ok
    assert result.messages[0]["listings"][0]["actions"] == ["locate"]
    assert result.messages[0]["persons"][0]["languages"] == ["de", "en"]
