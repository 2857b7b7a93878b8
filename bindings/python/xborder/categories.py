"""Offence categories across classification systems, with ICCS as the pivot.

    from xborder import categories
    categories.translate("nibrs:23F", "iccs")[0]     # Candidate(system='iccs', code='0502', relation='broadMatch', ...)
    categories.on_eaw_list("de-pks:732000")          # EAW items: double criminality waived for these
    print(categories.explain("nibrs:09A", "eaw"))
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

from . import _core

__all__ = ["Candidate", "Step", "systems", "translate", "explain", "on_eaw_list", "ancestors", "descendants", "title"]


@dataclass(frozen=True)
class Step:
    system: str
    code: str
    title: str
    relation: str  # from the previous step
    via: str       # "crosswalk FILE", "hierarchy", or "" for the start


@dataclass(frozen=True)
class Candidate:
    system: str
    code: str
    title: str
    relation: str  # composed along the path: exactMatch, closeMatch, broadMatch, narrowMatch, relatedMatch
    path: Tuple[Step, ...]
    explanation: str


def _split(code: str) -> Tuple[str, str]:
    system, sep, value = code.partition(":")
    if not sep:
        raise ValueError(f"expected SYSTEM:CODE, e.g. nibrs:09A, not {code!r}")
    return system, value


def _core_categories():
    return _core.Categories.builtin()


def systems() -> List[dict]:
    return [dict(id=i, name=n, version=v, source=s, codes=c) for i, n, v, s, c in _core_categories().systems()]


def translate(code: str, target: str) -> List[Candidate]:
    """Codes of ``target`` that ``system:code`` corresponds to, strongest first. Unknown codes raise
    xborder.Error."""
    system, value = _split(code)
    return [Candidate(s, c, t, r, tuple(Step(*step) for step in path), text)
            for s, c, t, r, path, text in _core_categories().translate(system, value, target)]


def explain(code: str, target: str) -> str:
    """Every path from ``system:code`` to ``target``, in words."""
    return "\n".join(candidate.explanation for candidate in translate(code, target))


def on_eaw_list(code: str) -> List[Candidate]:
    """The European Arrest Warrant Art. 2(2) items the offence falls under; empty: double criminality applies."""
    return translate(code, "eaw")


def title(code: str) -> str:
    return _core_categories().title(*_split(code))


def ancestors(code: str) -> List[str]:
    return _core_categories().ancestors(*_split(code))


def descendants(code: str) -> List[str]:
    return _core_categories().descendants(*_split(code))
