"""ANSI/NIST-ITL transactions from Python: the FBI EBTS sample gives its subject, biometrics come as bytes,
XES goes back to the same transaction, and binary records are refused as str."""

import pytest

import xborder

CREATED = "2026-01-01T00:00:00Z"


@pytest.fixture
def nist_file(reference) -> bytes:
    return (reference / "ansi-nist/samples/NISTFile.ebts").read_bytes()


@pytest.fixture
def example_transaction(root) -> bytes:
    """The demo's EBTS transaction (examples/data), there in every clone."""
    return (root / "examples/data/an2k/ebts-arrest.an2").read_bytes()


@pytest.mark.reference_data
def test_ebts_subject_and_biometrics(nist_file):
    result = xborder.convert(nist_file, created=CREATED)  # sniffed: an2k:ebts from its domain 1.013
    message = result.message
    assert message["header"]["source"] == {"format": "an2k", "profile": "ebts", "record_ids": ["transaction[1]"],
                                           "sha256": message["header"]["source"]["sha256"], "length": len(nist_file)}
    person = message["persons"][0]
    assert person["names"][0]["family"] == "LISA" and person["names"][0]["given"] == ["MONA", "J"]
    assert person["birth_date"] == "1975-06-20"
    assert person["sex"] == {"code": 2, "source": "F"}
    assert person["description"]["height_cm"] == 178 and person["description"]["weight_kg"] == 45.4
    fingerprint = message["biometrics"][0]
    assert fingerprint["record_type"] == 4 and fingerprint["encoding"] == "wsq"
    assert isinstance(fingerprint["data"], bytes) and len(fingerprint["data"]) == fingerprint["length"]
    assert nist_file.find(fingerprint["data"]) > 0


@pytest.mark.reference_data
def test_every_nist_sample_round_trips_through_xes(reference):
    for path in sorted((reference / "ansi-nist/samples").glob("*.an2")):
        data = path.read_bytes()
        xes = xborder.convert(data, source="an2k", created=CREATED)
        back = xborder.convert(xes.output, source="xes-json", target="an2k")
        assert back.output == data, path.name


def test_binary_records_are_bytes_not_str(example_transaction):
    with pytest.raises(TypeError, match="binary format"):
        xborder.convert(example_transaction.decode("latin-1"))
    with pytest.raises(TypeError, match="binary format"):
        xborder.convert_many(["1.001:17\x1d1.002:0500\x1c"], source="an2k")
    an2k_formats = [f["binary"] for f in xborder.formats() if f["id"].split(":")[0] == "an2k"]
    assert len(an2k_formats) >= 2 and all(an2k_formats)


def test_truncated_transaction_raises_with_offset(example_transaction):
    with pytest.raises(xborder.ParseError) as caught:
        xborder.convert(example_transaction[:300], source="an2k:ebts")
    assert caught.value.format == "an2k" and caught.value.offset is not None
