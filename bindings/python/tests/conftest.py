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
