"""Sharing under rules from Python: policies, release with its record, sign and verify, hit keys."""

import subprocess

import pytest

import xborder
from xborder import sharing
from conftest import ROOT

GOLDEN = ROOT / "tests/golden/arrest-booking.json"


def test_policies_are_listed():
    ids = {policy["id"] for policy in sharing.policies()}
    assert {"identification-only", "interpol-diffusion", "eaw-offence-check"} <= ids


def test_release_minimises_and_records():
    released = sharing.release(GOLDEN.read_bytes(), "identification-only", recipient="DEU", time="2026-12-05T04:00:00Z")
    assert released.released
    import json
    message = json.loads(released.message)
    assert message["offences"] == [] and message["persons"][0]["names"][0]["family"] == "DOE"
    assert "tlp:amber" in message["header"]["handling"]
    assert released.record["recipient"] == "DEU" and len(released.record["input_sha256"]) == 64
    assert {"path": "offences", "action": "withheld", "rule": "allow-list"} in released.record["actions"]
    # A dict in, the same release.
    assert sharing.release(json.loads(GOLDEN.read_text()), "identification-only").released


def test_release_refusal_and_misuse():
    refused = sharing.release(GOLDEN.read_bytes(), "eaw-offence-check", hash_key="k")
    assert not refused.released and not refused.record["released"]
    assert any("not on the EAW list" in line for line in refused.record["conditions"])
    with pytest.raises(xborder.Error):
        sharing.release(GOLDEN.read_bytes(), "no-such-policy")
    with pytest.raises(xborder.Error):
        sharing.release(GOLDEN.read_bytes(), "eaw-offence-check")  # hash rules need a key


def _key_pair(tmp_path, algorithm):
    private, public = tmp_path / "private.pem", tmp_path / "public.pem"
    args = ["-algorithm", "ed25519"] if algorithm == "ed25519" else ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"]
    subprocess.run(["openssl", "genpkey", *args, "-out", str(private)], check=True, capture_output=True)
    subprocess.run(["openssl", "pkey", "-in", str(private), "-pubout", "-out", str(public)], check=True, capture_output=True)
    return private.read_text(), public.read_text()


@pytest.mark.parametrize("algorithm", ["ed25519", "p256"])
def test_sign_and_verify(tmp_path, algorithm):
    private, public = _key_pair(tmp_path, algorithm)
    signed = sharing.sign(GOLDEN.read_text(), private)
    assert sharing.verify(signed, public)
    tampered = signed.replace("DOE", "DOF", 1)
    check = sharing.verify(tampered, public)
    assert not check and "does not match" in check.reason
    with pytest.raises(xborder.Error):
        sharing.sign(GOLDEN.read_text(), "not a key")


def test_hit_keys_meet_across_scripts():
    def message(name):
        return {"xes": "1.0", "header": {"message_id": "m", "created": "2026-12-05T04:00:00Z"},
                "persons": [{"id": "p1", "names": [{"full": name}], "birth_date": "1970-05-17"}]}
    cyrillic = sharing.hit_keys(message("Щербакова Юлия"), "secret")
    latin = sharing.hit_keys(message(xborder.translit("Щербакова Юлия", "icao9303")), "secret")
    stranger = sharing.hit_keys(message("Petrova Anna"), "secret")
    assert cyrillic[0]["person"] == "p1"
    assert set(cyrillic[0]["keys"]) & set(latin[0]["keys"])
    assert not set(cyrillic[0]["keys"]) & set(stranger[0]["keys"])
