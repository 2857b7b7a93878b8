"""Offence categories across classification systems, with ICCS as the pivot.

    from xborder import categories
    categories.translate("nibrs:23F", "iccs")[0]     # Candidate(system='iccs', code='0502', relation='broadMatch', ...)
    categories.on_eaw_list("de-pks:732000")          # EAW items: double criminality waived for these
    print(categories.explain("nibrs:09A", "eaw"))

Every function takes ``tables=``: the built-in tables by default, or those ``load`` reads from a directory laid
out like mappings/ (over the built-in ones, or alone).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

from . import _core

__all__ = ["Candidate", "Step", "Tables", "load", "systems", "translate", "explain", "on_eaw_list", "ancestors",
           "descendants", "title", "qualifiers"]

Tables = _core.Categories


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


def load(mappings_dir: str, directory_only: bool = False) -> Tables:
    """The tables of ``mappings_dir`` (categories/systems/*.csv, categories/crosswalks/*.csv) over the built-in
    ones, or alone. A table that does not load raises xborder.ProfileError naming its file and row."""
    from . import _translate  # the package imports this module before it defines its errors
    return _translate(Tables, mappings_dir, directory_only)


def _tables(tables: Optional[Tables]) -> Tables:
    return tables if tables is not None else _core.Categories.builtin()


def systems(tables: Optional[Tables] = None) -> List[dict]:
    return [dict(id=i, name=n, version=v, source=s, codes=c) for i, n, v, s, c in _tables(tables).systems()]


def translate(code: str, target: str, tables: Optional[Tables] = None) -> List[Candidate]:
    """Codes of ``target`` that ``system:code`` corresponds to, strongest first. Unknown codes raise
    xborder.Error."""
    system, value = _split(code)
    return [Candidate(s, c, t, r, tuple(Step(*step) for step in path), text)
            for s, c, t, r, path, text in _tables(tables).translate(system, value, target)]


def explain(code: str, target: str, tables: Optional[Tables] = None) -> str:
    """Every path from ``system:code`` to ``target``, in words."""
    return "\n".join(candidate.explanation for candidate in translate(code, target, tables))


def on_eaw_list(code: str, tables: Optional[Tables] = None) -> List[Candidate]:
    """The European Arrest Warrant Art. 2(2) items the offence falls under; empty: double criminality applies."""
    return translate(code, "eaw", tables)


def qualifiers(system: str, tables: Optional[Tables] = None) -> List[dict]:
    """What ``system`` transmits beside its codes, with every value: for ECRIS the level of completion
    (C, A), the level of participation (M, H) and exemption from criminal responsibility (S)."""
    return [dict(qualifier=q, value=v, meaning=m) for q, v, m in _tables(tables).qualifiers(system)]


def title(code: str, tables: Optional[Tables] = None) -> str:
    return _tables(tables).title(*_split(code))


def ancestors(code: str, tables: Optional[Tables] = None) -> List[str]:
    return _tables(tables).ancestors(*_split(code))


def descendants(code: str, tables: Optional[Tables] = None) -> List[str]:
    return _tables(tables).descendants(*_split(code))
