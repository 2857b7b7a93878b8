"""examples/python/dask_bulk_convert.py on a LocalCluster with two worker processes: every record of every
generated export arrives exactly once."""

import importlib.util
import json


def load_example(root):
    spec = importlib.util.spec_from_file_location("dask_bulk_convert", root / "examples/python/dask_bulk_convert.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_record_arrives_once(root, de_register, tmp_path):
    header, row = de_register.split(b"\r\n", 2)[:2]
    inputs = tmp_path / "in"
    inputs.mkdir()
    expected = set()
    for f in range(4):
        rows = []
        for r in range(25):
            case = f"{f}-{r} Js 1/26".encode()
            rows.append(case + row[row.index(b";"):])
            expected.add(case.decode())
        (inputs / f"export-{f}.csv").write_bytes(header + b"\r\n" + b"\r\n".join(rows) + b"\r\n")
    summary = load_example(root).run(str(inputs), str(tmp_path / "out"), source="tabular:example-de-csv", workers=2)
    assert summary["totals"] == {"records": 100, "converted": 100, "errors": 0, "warnings": 0, "losses": 0}
    seen = []
    for path in (tmp_path / "out").iterdir():
        for line in path.read_text(encoding="utf-8").splitlines():
            seen.append(json.loads(line)["persons"][0]["identifiers"][0]["value"])
    assert sorted(seen) == sorted(expected) and len(seen) == len(set(seen))
