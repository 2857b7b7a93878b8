"""Names across scripts: script, normal form, matching key, romanisation variants, similarity.

    from xborder import names
    names.key("Мохаммед") == names.key("Muhammad")              # True ("MHMD")
    names.similarity("Юлия Тимошенко", "Yulia Tymoshenko")      # about 0.96
    names.variants("Юлия Тимошенко")                            # ['IULIIA TIMOSHENKO', 'YULIYA TIMOSHENKO', ...]
    names.compare("SALMAN BIN MUHAMMAD", "MUHAMMAD BIN SALMAN")  # Comparison(score=0.13, match=False, ...)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Union

from . import _core

__all__ = ["Script", "script", "normalise", "tokens", "key", "variants", "Prepared", "prepare", "similarity",
           "Comparison", "compare", "MATCH_THRESHOLD"]

MATCH_THRESHOLD: float = _core.NAME_MATCH_THRESHOLD
"""compare() calls two names a match at or above this score (docs/matching.md)."""


@dataclass(frozen=True)
class Script:
    code: str     # ISO 15924: Latn, Cyrl, Arab, Hani, ... (Zyyy without letters)
    mixed: bool   # letters of more than one script


def script(name: str) -> Script:
    return Script(*_core.name_script(name))


def normalise(name: str) -> str:
    """NFKC, case-folded, honorifics dropped, punctuation removed."""
    return _core.name_normalise(name)


def tokens(name: str) -> List[str]:
    """The romanised tokens, upper-case ASCII."""
    return list(_core.name_tokens(name))


def key(name: str) -> str:
    """A matching key that transliteration variants of a name share."""
    return _core.name_key(name)


def variants(name: str) -> List[str]:
    """The plausible romanisations (ICAO 9303 first), upper-case ASCII."""
    return list(_core.name_variants(name))


Prepared = _core.PreparedName
"""A name romanised once (``Prepared("Юлия Тимошенко")``): compare it with many names without romanising it
again; for lists against lists, prepare each name once."""


def prepare(name: str) -> Prepared:
    return Prepared(name)


def similarity(a: Union[str, Prepared], b: Union[str, Prepared]) -> float:
    """In [0, 1]: about 0.9 and above for variants of one name, below 0.5 for strangers. Either name may be
    prepared (the score is the same)."""
    if isinstance(a, str) and isinstance(b, str):
        return _core.name_similarity(a, b)
    return _core.prepared_similarity(a if isinstance(a, Prepared) else Prepared(a),
                                     b if isinstance(b, Prepared) else Prepared(b))


@dataclass(frozen=True)
class Comparison:
    score: float              # in [0, 1]
    match: bool               # score >= MATCH_THRESHOLD
    explanation: List[str]    # the aligned tokens and what weighed


def compare(a: Union[str, Prepared], b: Union[str, Prepared]) -> Comparison:
    """Whether two names name the same person, from the structure of the names: tokens aligned one to one,
    a different surname, father's or given name weighing against (docs/matching.md). With prepared names only
    the score is computed (the explanation is empty)."""
    if isinstance(a, str) and isinstance(b, str):
        return Comparison(*_core.name_compare(a, b))
    score = _core.prepared_compare(a if isinstance(a, Prepared) else Prepared(a),
                                   b if isinstance(b, Prepared) else Prepared(b))
    return Comparison(score, score >= MATCH_THRESHOLD, [])
