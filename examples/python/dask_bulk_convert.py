#!/usr/bin/env python3
"""Bulk conversion on Dask: national exports -> NDJSON XES partitions, with a summary of losses and errors.

    python3 dask_bulk_convert.py 'exports/*.csv' out/ --source tabular:example-de-csv --workers 2

Each input file is one task on a distributed LocalCluster (or an existing scheduler, --scheduler ADDRESS);
each task streams its file through xborder (bounded memory) and writes out/<name>.ndjson. The summary
(JSON on stdout) counts records, errors, warnings and losses per file and in total.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
from pathlib import Path


def convert_file(path: str, out_dir: str, source: str | None, strict: bool) -> dict:
    import xborder  # imported on the worker

    target = Path(out_dir) / (Path(path).name + ".ndjson")
    summary = {"input": path, "output": str(target), "records": 0, "converted": 0, "errors": 0, "warnings": 0,
               "losses": 0, "first_error": None}
    with open(target, "w", encoding="utf-8") as out:
        for result in xborder.read(path, source=source, strict=strict):
            summary["records"] += 1
            diagnostics = result.diagnostics
            summary["errors"] += len(diagnostics.errors)
            summary["warnings"] += len(diagnostics.warnings)
            summary["losses"] += len(diagnostics.losses)
            if diagnostics.errors and summary["first_error"] is None:
                summary["first_error"] = str(diagnostics.errors[0])
            for message in result.messages:
                out.write(json.dumps(message, ensure_ascii=False, default=_bytes_as_base64) + "\n")
                summary["converted"] += 1
    return summary


def _bytes_as_base64(value):
    import base64

    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    raise TypeError(type(value).__name__)


def run(pattern: str, out_dir: str, source: str | None = None, strict: bool = False, workers: int = 2,
        scheduler: str | None = None) -> dict:
    from dask import delayed
    from distributed import Client, LocalCluster

    paths = sorted(glob.glob(pattern)) if not os.path.isdir(pattern) else sorted(
        str(p) for p in Path(pattern).iterdir() if p.is_file())
    os.makedirs(out_dir, exist_ok=True)
    cluster = None if scheduler else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                  dashboard_address=None)
    with Client(scheduler or cluster) as client:
        tasks = [delayed(convert_file)(path, out_dir, source, strict) for path in paths]
        files = list(client.compute(tasks, sync=True))
    if cluster is not None:
        cluster.close()
    totals = {key: sum(f[key] for f in files) for key in ("records", "converted", "errors", "warnings", "losses")}
    return {"files": files, "totals": totals}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", help="a directory or a glob of national exports")
    parser.add_argument("out_dir")
    parser.add_argument("--source", help="format id, e.g. tabular:example-de-csv (default: sniffed)")
    parser.add_argument("--strict", action="store_true", help="losses are errors")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scheduler", help="address of an existing Dask scheduler")
    args = parser.parse_args()
    summary = run(args.inputs, args.out_dir, args.source, args.strict, args.workers, args.scheduler)
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    raise SystemExit(1 if summary["totals"]["errors"] else 0)


if __name__ == "__main__":
    main()
