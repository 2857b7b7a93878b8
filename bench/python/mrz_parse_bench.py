"""One MRZ parse from Python, against the same parse in C++ alone (timed in C++ by the benchmark suite) and a
trivial call into the extension (the floor of crossing from Python to C++). Target: <= 3 us a parse.

    PYTHONPATH=build/default/bindings/python /usr/bin/python3 bench/python/mrz_parse_bench.py
"""

import timeit

from xborder import _core, mrz

TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n"


def best_us(statement, number=20000, repeat=5):
    return min(timeit.repeat(statement, number=number, repeat=repeat)) / number * 1e6


def main():
    parse = best_us(lambda: mrz.parse(TD3, reference_date="2026-11-28"))
    read_valid = best_us(lambda: mrz.parse(TD3, reference_date="2026-11-28").valid)
    floor = best_us(lambda: _core.name_normalise(""))
    print(f"mrz.parse: {parse:.2f} us; with .valid read: {read_valid:.2f} us; "
          f"a trivial extension call: {floor:.2f} us (ratio {parse / floor:.1f}x); target <= 3 us: "
          f"{'met' if read_valid <= 3 else 'missed'}")


if __name__ == "__main__":
    main()
