#!/usr/bin/env python3
"""Per-record cost of xborder.convert_many from Python against the same conversions in C++ alone, in one
process (target: <= 1.3x). Run with the extension on PYTHONPATH, e.g.
    PYTHONPATH=build/default/bindings/python /usr/bin/python3 bench/python/convert_many_bench.py
"""

import time
from pathlib import Path

import xborder

ROOT = Path(__file__).resolve().parents[2]


def best_of(runs, fn):
    return min(fn() for _ in range(runs))


def main() -> None:
    cases = {
        "xes-json -> xes-json (red notice)": ((ROOT / "examples/data/red-notice.json").read_bytes(), "xes-json", "xes-json"),
        "tabular:example-de-csv -> xes-json (4 rows)": ((ROOT / "examples/data/tabular/de-register.csv").read_bytes(),
                                                        "tabular:example-de-csv", "xes-json"),
    }
    for name, (data, source, target) in cases.items():
        inputs = [data] * 2000
        converter = xborder.Registry().converter(source, target)

        def cpp():
            seconds, _ = converter._time_convert(inputs)
            return seconds

        def python():
            start = time.perf_counter()
            xborder.convert_many(inputs, source=source, target=target, threads=1)
            return time.perf_counter() - start

        cpp_s, py_s = best_of(5, cpp), best_of(5, python)
        per_record = 1e6 / len(inputs)
        print(f"{name}: C++ {cpp_s * per_record:.1f} us/input, Python convert_many {py_s * per_record:.1f} us/input, "
              f"ratio {py_s / cpp_s:.2f} (target <= 1.3)")


if __name__ == "__main__":
    main()
