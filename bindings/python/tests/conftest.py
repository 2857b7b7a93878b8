import os
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("XBORDER_SOURCE_DIR", Path(__file__).resolve().parents[3]))


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def de_register() -> bytes:
    return (ROOT / "examples/data/tabular/de-register.csv").read_bytes()


def _reference_dir() -> Path:
    for candidate in (os.environ.get("XBORDER_REFERENCE_DIR"), ROOT.parent / "shared/reference", "/work/shared/reference"):
        if candidate and (Path(candidate) / "README.md").is_file():
            return Path(candidate)
    raise RuntimeError("the shared reference data was not found: set XBORDER_REFERENCE_DIR")


@pytest.fixture
def reference() -> Path:
    """The shared reference data (real sample records), read in place."""
    return _reference_dir()
