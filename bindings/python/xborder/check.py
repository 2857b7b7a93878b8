"""Conformance checks of ANSI/NIST-ITL transactions against a specification given as data.

    from xborder import check
    spec = check.Specification("ebts-9.1")          # or a CSV file that extends one (docs/check.md)
    report = spec.check(open("NISTFile.ebts", "rb").read())
    report.conformant, [(f.rule, f.field, f.offset) for f in report.findings]
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import List, Union

from . import _core

__all__ = ["Finding", "Report", "Specification", "available"]


@dataclass(frozen=True)
class Finding:
    severity: str   # error (not conformant) or warning
    record: str     # "2", "14[3]"; empty: the transaction
    field: str      # "2.018", "2.047[3].2"; empty: the record
    offset: int     # byte offset of the value, or of the record that lacks it
    rule: str       # field.missing, value.length, ... (docs/check.md)
    expected: str
    found: str


@dataclass(frozen=True)
class Report:
    spec: str
    tot: str
    conformant: bool
    findings: List[Finding] = field(default_factory=list)
    diagnostics: dict = field(default_factory=dict)  # what reading the transaction reported


class Specification:
    """A specification by id (`available()`) or CSV file; load once, check many transactions (thread-safe)."""

    def __init__(self, id_or_file: Union[str, os.PathLike], mappings_dir: Union[str, os.PathLike] = ""):
        self._spec = _core.Specification(os.fspath(id_or_file), os.fspath(mappings_dir))

    @property
    def id(self) -> str:
        return self._spec.id

    @property
    def title(self) -> str:
        return self._spec.title

    def check(self, data: bytes) -> Report:
        raw = json.loads(self._spec.check_json(bytes(data)))
        return Report(raw["spec"], raw["tot"], raw["conformant"], [Finding(**f) for f in raw["findings"]],
                      raw["diagnostics"])


def available(mappings_dir: Union[str, os.PathLike] = "") -> List[str]:
    """The ids of the built-in specifications (with those of `mappings_dir`/specs/)."""
    return _core.Specification.available(os.fspath(mappings_dir))
