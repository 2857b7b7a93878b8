"""A failure inside a conversion thread (here: memory running out) is raised in Python, not fatal.

convert_many and read() convert in C++ threads; an exception leaving such a thread used to end the
interpreter (std::terminate). Each case runs in a child process whose address space is capped a little
above what it uses, with an input whose conversion needs far more.
"""
import subprocess
import sys
import textwrap

import pytest

CHILD = textwrap.dedent('''
    import resource, sys
    import xborder

    kind, path = sys.argv[1], sys.argv[2]
    head = '{"xes": "1.0", "header": {"message_id": "m1", "created": "2026-01-01T00:00:00Z"}'
    person = '{"id": "p1", "names": [{"full": "ANNA MUSTERFRAU"}]}'
    if kind == "convert_many":  # 300,000 messages of one input, all kept in its result
        data = (head + ', "persons": [' + person + ']}\\n').encode() * 300_000
    else:  # read(): one message of 600,000 persons
        with open(path, "w") as f:
            f.write(head + ', "persons": [' + ",".join([person] * 600_000) + "]}\\n")

    if any(name in open("/proc/self/maps").read() for name in ("libasan", "libtsan")):
        print("sanitizer")  # its allocator reserves the address space and aborts when refused more
        sys.exit(0)

    def address_space():
        for line in open("/proc/self/status"):
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024

    limit = address_space() + (256 << 20)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        if kind == "convert_many":
            xborder.convert_many([data, data[:1000]], source="xes-json", threads=2)
        else:
            for _ in xborder.read(path, source="xes-json"):
                pass
    except MemoryError:
        print("raised MemoryError")
    else:
        print("converted")
''')


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS and /proc are Linux's")
@pytest.mark.parametrize("kind", ["convert_many", "read"])
def test_a_failure_in_a_conversion_thread_is_raised(kind, tmp_path):
    child = subprocess.run([sys.executable, "-c", CHILD, kind, str(tmp_path / "big.json")],
                           capture_output=True, text=True, timeout=300)
    if child.stdout.strip() == "sanitizer":
        pytest.skip("a sanitizer's allocator cannot run under an address-space limit")
    assert child.returncode == 0, f"the interpreter died ({child.returncode}): {child.stderr[-2000:]}"
    assert child.stdout.strip() == "raised MemoryError", child.stdout + child.stderr[-2000:]
