#!/usr/bin/env python3
"""Screening on Dask: many records in partitions against one list, the list broadcast to every worker.

    python3 dask_screen.py watchlist.csv 'records/*.csv' out/ --workers 2 [--threshold 0.7] [--top 10]

The list's bytes are scattered to every worker once (broadcast); each worker process builds the screening
index from them the first time a task needs it and keeps it for the tasks that follow (the index is C++ and
not pickled). Each input file is one task, screened with the GIL released, written to out/<name>.ndjson in the
NDJSON of `xborder screen`. The summary (JSON on stdout) counts persons and persons with a match.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
from pathlib import Path

_indexes: dict = {}  # per worker process: list digest -> index


def _index(list_bytes: bytes, list_name: str):
    from xborder import screening  # imported on the worker

    digest = hashlib.sha256(list_bytes).hexdigest()
    if digest not in _indexes:
        _indexes[digest] = screening.Index().add(list_bytes, list=list_name)
    return _indexes[digest]


def screen_file(path: str, out_dir: str, list_bytes: bytes, list_name: str, threshold: float, top: int) -> dict:
    index = _index(list_bytes, list_name)
    target = Path(out_dir) / (Path(path).name + ".ndjson")
    persons = flagged = 0
    with open(target, "w", encoding="utf-8") as out:
        for person in index.screen(Path(path).read_bytes(), threshold=threshold, top=top):
            out.write(json.dumps(person, ensure_ascii=False) + "\n")
            persons += 1
            flagged += 1 if person["matches"] else 0
    return {"input": path, "output": str(target), "persons": persons, "flagged": flagged}


def run(list_path: str, pattern: str, out_dir: str, threshold: float = 0.7, top: int = 10, workers: int = 2,
        scheduler: str | None = None) -> dict:
    from dask import delayed
    from distributed import Client, LocalCluster

    paths = sorted(glob.glob(pattern)) if not os.path.isdir(pattern) else sorted(
        str(p) for p in Path(pattern).iterdir() if p.is_file())
    os.makedirs(out_dir, exist_ok=True)
    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                  dashboard_address=None)
    with Client(scheduler or cluster) as client:
        listed = client.scatter(Path(list_path).read_bytes(), broadcast=True)
        tasks = [delayed(screen_file)(path, out_dir, listed, Path(list_path).name, threshold, top) for path in paths]
        files = list(client.compute(tasks, sync=True))
    if cluster is not None:
        cluster.close()
    return {"files": files, "totals": {key: sum(f[key] for f in files) for key in ("persons", "flagged")}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("list", help="the list of persons (any format xborder reads)")
    parser.add_argument("inputs", help="a directory or a glob of records to screen")
    parser.add_argument("out_dir")
    parser.add_argument("--threshold", type=float, default=0.7)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scheduler", help="address of an existing Dask scheduler")
    args = parser.parse_args()
    summary = run(args.list, args.inputs, args.out_dir, args.threshold, args.top, args.workers, args.scheduler)
    print(json.dumps(summary, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
