"""Name comparison, person matching and screening from Python: the structured comparison, an index built once
and queried from several threads, and the shared screening benchmark's dev targets."""

import csv
import threading

import pytest

from xborder import names, screening

LIST = (b"list_id,full_name,first_name,middle_name,last_name,gender,date_of_birth,place_of_birth,nationality\n"
        b"L1,SALMAN BIN MUHAMMAD AL-RAWI,,,,,1970,,iq\n"
        b"L2,Yulia Tymoshenko,,,,,1960-11-27,,ua\n")
QUERIES = (b"query_id,expected_list_id,full_name,first_name,middle_name,last_name,gender,date_of_birth,"
           b"place_of_birth,nationality\n"
           b"Q1,L2,\"Timoshenko, Yuliya\",,,,,1960,,ua\n"
           b"Q2,,MUHAMMAD BIN SALMAN AL-RAWI,,,,,1995,,iq\n")


def test_compare_explains_itself():
    result = names.compare("SALMAN BIN MUHAMMAD AL-RAWI", "MUHAMMAD BIN SALMAN AL-RAWI")
    assert not result.match and result.score < names.MATCH_THRESHOLD
    assert any("different names" in line for line in result.explanation)
    assert names.compare("Putin, Vladimir", "Владимир Путин").match
    assert names.compare(names.prepare("Putin, Vladimir"), "Vladimir Putin").match


def test_index_screens_from_threads():
    index = screening.Index().add(LIST, list="un")
    assert len(index) == 2 and index.memory_bytes() > 0
    results = [None] * 4

    def run(n):
        results[n] = index.screen(QUERIES)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for result in results:
        assert [r["person"] for r in result] == ["Q1", "Q2"]
        assert [m["id"] for m in result[0]["matches"]] == ["L2"]
        assert result[0]["matches"][0]["decision"] == "match" and result[0]["matches"][0]["list"] == "un"
        assert result[1]["matches"] == []
    assert screening.match(LIST, QUERIES)["decision"] == "no-match"


@pytest.mark.reference_data
def test_screening_benchmark_dev_targets(reference):
    folder = reference / "screening"
    found = screening.screen(folder / "queries-dev.csv", [folder / "watchlist.csv"], explain=False)
    with open(folder / "queries-dev.csv", newline="", encoding="utf-8") as f:
        expected = {row["query_id"]: row["expected_list_id"] for row in csv.DictReader(f)}
    positives = [r for r in found if expected[r["person"]]]
    negatives = [r for r in found if not expected[r["person"]]]
    first = sum(1 for r in positives if r["matches"] and r["matches"][0]["id"] == expected[r["person"]])
    flagged = sum(1 for r in negatives if r["matches"])
    assert first / len(positives) >= 0.95
    assert flagged / len(negatives) <= 0.02
