import os
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("XBORDER_SOURCE_DIR", Path(__file__).resolve().parents[3]))


def _reference_dir():
    """The shared reference data (real sample records), or None. CMake passes XBORDER_REFERENCE_DIR (empty when
    configure found none); run by hand, pytest looks where CMake looks by default, beside the checkout."""
    named = os.environ.get("XBORDER_REFERENCE_DIR")
    if named == "":
        return None
    candidate = Path(named) if named else ROOT.parent / "shared/reference"
    return candidate if (candidate / "README.md").is_file() else None


REFERENCE = _reference_dir()


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "reference_data: reads the shared reference data; deselected when it is absent")


def pytest_report_header(config):
    if REFERENCE:
        return f"reference data: {REFERENCE}"
    return "reference data: absent; tests marked reference_data are deselected (set XBORDER_REFERENCE_DIR)"


def pytest_collection_modifyitems(config, items):
    # A test that reads the reference data must say so, so that a clone without it still passes.
    for item in items:
        if "reference" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("reference_data"):
            raise pytest.UsageError(f"{item.nodeid} uses the `reference` fixture: mark it reference_data")
    if REFERENCE is None:
        left_out = [item for item in items if item.get_closest_marker("reference_data")]
        if left_out:
            config.hook.pytest_deselected(items=left_out)
            items[:] = [item for item in items if not item.get_closest_marker("reference_data")]


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture
def de_register() -> bytes:
    return (ROOT / "examples/data/tabular/de-register.csv").read_bytes()


@pytest.fixture
def reference() -> Path:
    """The shared reference data (real sample records), read in place; only for tests marked reference_data."""
    assert REFERENCE is not None, "the shared reference data was not found: set XBORDER_REFERENCE_DIR"
    return REFERENCE
