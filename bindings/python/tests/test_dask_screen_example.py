"""examples/python/dask_screen.py on a LocalCluster with two worker processes: the list broadcast, every
person of every partition screened once, the listed ones found."""

import importlib.util
import json

LIST = (b"list_id,full_name,first_name,middle_name,last_name,gender,date_of_birth,place_of_birth,nationality\n"
        b"L1,Yulia Tymoshenko,,,,,1960-11-27,,ua\nL2,ABDULHAI SALEK,,,,,1965,,af\n")
HEADER = (b"query_id,expected_list_id,full_name,first_name,middle_name,last_name,gender,date_of_birth,"
          b"place_of_birth,nationality\n")


def test_partitions_against_a_broadcast_list(root, tmp_path):
    spec = importlib.util.spec_from_file_location("dask_screen", root / "examples/python/dask_screen.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    (tmp_path / "list.csv").write_bytes(LIST)
    inputs = tmp_path / "in"
    inputs.mkdir()
    for f in range(3):
        rows = [f"Q{f}a,L1,\"Timoshenko, Yuliya\",,,,,1960,,ua", f"Q{f}b,L2,SALEK ABDULHAI,,,,,1965,,af",
                f"Q{f}c,,Maria Garcia,,,,,1971,,es"]
        (inputs / f"part-{f}.csv").write_bytes(HEADER + "\n".join(rows).encode() + b"\n")
    summary = module.run(str(tmp_path / "list.csv"), str(inputs), str(tmp_path / "out"), workers=2)
    assert summary["totals"] == {"persons": 9, "flagged": 6}
    for path in (tmp_path / "out").iterdir():
        for line in path.read_text(encoding="utf-8").splitlines():
            person = json.loads(line)
            expected = {"a": ["L1"], "b": ["L2"], "c": []}[person["person"][-1]]
            assert [m["id"] for m in person["matches"]] == expected
