"""Screening persons of records against lists of persons, and matching two person records.

    from xborder import screening
    index = screening.Index()
    index.add("un_list.xml", list="un")                 # any format xborder reads: a path, bytes or a Result
    for person in index.screen("records.csv"):          # one dict a person, as `xborder screen` prints
        print(person["person"], [m["id"] for m in person["matches"]])

The index is built once and queried many times; queries release the GIL, so threads screen in parallel.
``screen(records, lists)`` does both in one call.
"""

from __future__ import annotations

import os
from typing import Iterable, List, Optional, Union

from . import Result, _core, convert

__all__ = ["Index", "screen", "match", "MATCH", "POSSIBLE"]

MATCH: float = _core.PERSON_MATCH
POSSIBLE: float = _core.PERSON_POSSIBLE

Records = Union[str, bytes, os.PathLike, Result]


def _held(records: Records, source: Optional[str]):
    """The C++ messages of a result, converting a path or bytes first (read only, nothing written)."""
    if isinstance(records, Result):
        return records._held
    return convert(records, source=source, target="")._held


class Index:
    """Listed persons from any XES source (the UN list, notices, national files converted by a profile)."""

    def __init__(self) -> None:
        self._core = _core.ScreeningIndex()

    def add(self, records: Records, list: str, source: Optional[str] = None) -> "Index":
        """Lists every person of the records under the list name ``list``."""
        self._core.add(_held(records, source), list)
        return self

    def __len__(self) -> int:
        return len(self._core)

    def memory_bytes(self) -> int:
        return self._core.memory_bytes()

    def screen(self, records: Records, threshold: float = MATCH, top: int = 10, explain: bool = True,
               source: Optional[str] = None) -> List[dict]:
        """One dict a person of the records: {"person", "record", "matches": [{"id", "list", "score",
        "decision", "explanation"}]}, matches at or above ``threshold``, best first."""
        out = []
        for person, record, matches in self._core.screen(_held(records, source), threshold, top, explain):
            out.append({"person": person, "record": record,
                        "matches": [{"id": i, "list": l, "record": r, "score": s, "decision": d, "explanation": e}
                                    for i, l, r, s, d, e in matches]})
        return out


def screen(records: Records, lists: Iterable[Records], threshold: float = MATCH, top: int = 10,
           explain: bool = True) -> List[dict]:
    """Screens the persons of ``records`` against the persons of ``lists`` (each listed under its path, or
    "list-N" for data that is not a path)."""
    index = Index()
    for n, listed in enumerate(lists):
        index.add(listed, os.fspath(listed) if isinstance(listed, (str, os.PathLike)) else f"list-{n}")
    return index.screen(records, threshold=threshold, top=top, explain=explain)


def match(a: Records, b: Records) -> dict:
    """The first person of each side's records compared: {"score", "decision", "explanation"}."""
    score, decision, explanation = _core.person_match(_held(a, None), _held(b, None))
    return {"score": score, "decision": decision, "explanation": explanation}
