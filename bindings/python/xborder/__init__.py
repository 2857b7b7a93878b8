"""xborder: law-enforcement records between national and international formats, through XES.

    import xborder
    result = xborder.convert(open("register.csv", "rb").read(), source="tabular:example-de-csv")
    for message in result.messages:       # XES messages as dicts (the JSON form)
        print(message["persons"][0]["names"][0])
    for item in result.diagnostics.losses:
        print(item.path, item.offset, item.message)

Conversions run in C++ with the GIL released; converters are built once per (source, target) and shared.
Bad input never raises from bulk calls (read, convert_many): each result carries its diagnostics.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from typing import Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

from . import _core
from . import categories
from . import check
from . import dates
from . import mrz
from . import names
from . import sharing
from . import text
from .text import translit

__all__ = [
    "Diagnostic", "Diagnostics", "Result", "Registry", "Error", "ParseError", "FormatError", "ProfileError",
    "SchemaError", "convert", "read", "convert_many", "formats", "profiles", "validate", "inspect", "XES_VERSION",
    "categories", "dates", "mrz", "names", "text", "translit", "check",
    "sharing",
]
__version__ = "0.1.0"
XES_VERSION: str = _core.XES_VERSION

Error = _core.Error
"""Base of every xborder exception."""
FormatError = _core.FormatError
"""An unknown format or profile id, or a direction a format does not support."""


class ProfileError(_core.ProfileError):
    """A profile (or a code table it names) that does not load; ``file`` and ``line`` say where."""


class ParseError(Error):
    """Input that could not be converted. ``format``, ``offset`` and ``path`` locate the first error;
    ``diagnostics`` holds them all."""

    def __init__(self, diagnostics: "Diagnostics") -> None:
        first = diagnostics.errors[0]
        super().__init__(str(first))
        self.format, self.offset, self.path = first.format, first.offset, first.path
        self.diagnostics = diagnostics


class SchemaError(Error):
    """An XES document that breaks the published schema; ``diagnostics`` lists each failing path."""

    def __init__(self, diagnostics: "Diagnostics") -> None:
        super().__init__(str(diagnostics.errors[0]))
        self.diagnostics = diagnostics


@dataclass(frozen=True)
class Diagnostic:
    severity: str  # "error", "warning" or "loss"
    code: str
    message: str
    format: str
    path: str
    offset: Optional[int]

    def __str__(self) -> str:
        where = f" at {self.path}" if self.path else ""
        at = f" (byte {self.offset})" if self.offset is not None else ""
        return f"{self.format} {self.code}{where}{at}: {self.message}"


@dataclass(frozen=True)
class Diagnostics:
    items: Tuple[Diagnostic, ...] = ()

    @property
    def errors(self) -> List[Diagnostic]:
        return [d for d in self.items if d.severity == "error"]

    @property
    def warnings(self) -> List[Diagnostic]:
        return [d for d in self.items if d.severity == "warning"]

    @property
    def losses(self) -> List[Diagnostic]:
        return [d for d in self.items if d.severity == "loss"]

    def __bool__(self) -> bool:
        return bool(self.items)


class Result:
    """One conversion: ``messages`` (XES as dicts), ``output`` (the target format's bytes) and
    ``diagnostics``. The dicts are made from the C++ messages the first time ``messages`` is read."""

    __slots__ = ("_held", "_messages", "output", "diagnostics")

    def __init__(self, held, output: bytes, diagnostics: Diagnostics) -> None:
        self._held, self._messages = held, None
        self.output, self.diagnostics = output, diagnostics

    @property
    def messages(self) -> List[dict]:
        if self._messages is None:
            self._messages = self._held.to_python()
        return self._messages

    def __len__(self) -> int:
        """The number of messages, without making dicts."""
        return len(self._held)

    @property
    def message(self) -> dict:
        """The first (for most formats, the only) message; ParseError if none could be read."""
        if not self.messages:
            raise ParseError(self.diagnostics) if self.diagnostics.errors else Error("no message")
        return self.messages[0]

    @property
    def ok(self) -> bool:
        return not self.diagnostics.errors


def _result(raw: tuple) -> Result:
    held, output, diagnostics = raw
    return Result(held, output, Diagnostics(tuple(Diagnostic(*item) for item in diagnostics)))


def _as_bytes(data: Union[bytes, bytearray, memoryview, str, os.PathLike]) -> bytes:
    if isinstance(data, os.PathLike):
        with open(data, "rb") as file:
            return file.read()
    if isinstance(data, str):
        return data.encode("utf-8")  # text formats only: binary formats take bytes
    return bytes(data)


def _translate(call, *args, **kwargs):
    try:
        return call(*args, **kwargs)
    except _core.ProfileError as e:
        message, file, line = e.args
        raise ProfileError(message, file, line) from None


class Registry:
    """Formats, profiles and data files. ``Registry()`` is the built-in one; ``mappings_dir`` overrides
    embedded data files, ``profile_dirs`` add profiles (each with its code tables beside it)."""

    def __init__(self, mappings_dir: Optional[os.PathLike] = None, profile_dirs: Sequence[os.PathLike] = ()) -> None:
        if mappings_dir is None and not profile_dirs:
            self._core = _core.Registry.builtin()
        else:
            self._core = _translate(_core.Registry, mappings_dir, list(profile_dirs))
        self._converters = functools.lru_cache(maxsize=64)(self._make_converter)
        self._binary_formats = {f["id"] for f in self.formats() if f["binary"]}

    def _make_converter(self, source: str, target: str, strict: bool, created: str, limits: tuple):
        return _translate(self._core.converter, source, target, strict, created, dict(limits))

    def converter(self, source: Optional[str] = None, target: str = "xes-json", strict: bool = False,
                  created: str = "", limits: Optional[Mapping[str, int]] = None):
        """A converter (cached): source None or "" sniffs each input; target "" reads only. ``limits`` lowers
        or raises the bounds on what a conversion reads (input_bytes, records, fields, value_bytes,
        path_bytes, depth, diagnostics); input beyond them is refused with an error naming the bound."""
        return self._converters(source or "", target, strict, created, tuple(sorted((limits or {}).items())))

    def _refuse_text_for_binary(self, data, source: Optional[str]) -> None:
        # A str is text; binary records (ANSI/NIST) decoded to text and encoded back would not be the evidence.
        if not isinstance(data, str):
            return
        name = source or self._core.sniff(data.encode("utf-8"))
        if name in self._binary_formats:
            raise TypeError(f"{name} is a binary format: pass the record as bytes, not str")

    def formats(self) -> List[dict]:
        return [dict(id=i, description=d, read=r, write=w, binary=b) for i, d, r, w, b in self._core.formats()]

    def profiles(self) -> List[dict]:
        """Each profile: id, codec, description, the file it came from, and its metadata (source path parts
        whose values are list-level bookkeeping, counted apart in coverage)."""
        return [dict(id=i, codec=c, description=d, file=f, metadata=list(m)) for i, c, d, f, m in self._core.profiles()]

    def convert(self, data, *, source: Optional[str] = None, target: str = "xes-json", strict: bool = False,
                created: str = "", raise_errors: bool = True, limits: Optional[Mapping[str, int]] = None) -> Result:
        self._refuse_text_for_binary(data, source)
        result = _result(self.converter(source, target, strict, created, limits).convert(_as_bytes(data)))
        if raise_errors and result.diagnostics.errors:
            raise ParseError(result.diagnostics)
        return result

    def read(self, path: Union[str, os.PathLike], source: Optional[str] = None, strict: bool = False,
             limits: Optional[Mapping[str, int]] = None) -> Iterator[Result]:
        reader = _core.FileReader(self.converter(source, "", strict, limits=limits), os.fspath(path))
        while (raw := reader.next()) is not None:
            yield _result(raw)

    def convert_many(self, inputs: Iterable, *, source: Optional[str] = None, target: str = "xes-json",
                     strict: bool = False, threads: int = os.cpu_count() or 1, created: str = "",
                     limits: Optional[Mapping[str, int]] = None) -> List[Result]:
        converter = self.converter(source, target, strict, created, limits)
        inputs = list(inputs)
        for data in inputs:
            self._refuse_text_for_binary(data, source)
        return [_result(raw) for raw in converter.convert_many([_as_bytes(d) for d in inputs], threads)]

    def validate(self, data, format: Optional[str] = None, raise_errors: bool = False) -> Diagnostics:
        diagnostics = Diagnostics(tuple(Diagnostic(*d) for d in self._core.validate(_as_bytes(data), format or "")))
        if raise_errors and diagnostics.errors:
            raise SchemaError(diagnostics)
        return diagnostics

    def inspect(self, data, format: str) -> List[dict]:
        records, diagnostics = self._core.inspect(_as_bytes(data), format)
        if any(d[0] == "error" for d in diagnostics):
            raise ParseError(Diagnostics(tuple(Diagnostic(*d) for d in diagnostics)))
        return [dict(label=label, offset=offset,
                     fields=[dict(path=p, text=t, raw=r, offset=o) for p, t, r, o in fields])
                for label, offset, fields in records]


@functools.lru_cache(maxsize=1)
def _builtin() -> Registry:
    return Registry()


def convert(data, *, source: Optional[str] = None, target: str = "xes-json", strict: bool = False,
            created: str = "", raise_errors: bool = True, limits: Optional[Mapping[str, int]] = None) -> Result:
    """Converts every record of ``data`` (bytes, a str of text, or a path). ``source`` is sniffed when
    omitted. Raises ParseError when the input has errors (``raise_errors=False`` returns them instead).
    ``limits`` bounds what is read (see Registry.converter)."""
    return _builtin().convert(data, source=source, target=target, strict=strict, created=created,
                              raise_errors=raise_errors, limits=limits)


def read(path: Union[str, os.PathLike], source: Optional[str] = None, strict: bool = False,
         limits: Optional[Mapping[str, int]] = None) -> Iterator[Result]:
    """Streams the records of a file as results (one message each), in bounded memory."""
    return _builtin().read(path, source, strict, limits)


def convert_many(inputs: Iterable, *, source: Optional[str] = None, target: str = "xes-json",
                 strict: bool = False, threads: int = os.cpu_count() or 1, created: str = "",
                 limits: Optional[Mapping[str, int]] = None) -> List[Result]:
    """Converts many inputs in parallel C++ threads (the GIL released); results in input order."""
    return _builtin().convert_many(inputs, source=source, target=target, strict=strict, threads=threads,
                                   created=created, limits=limits)


def formats() -> List[dict]:
    return _builtin().formats()


def profiles() -> List[dict]:
    return _builtin().profiles()


def validate(data, format: Optional[str] = None, raise_errors: bool = False) -> Diagnostics:
    """Checks XES JSON or XML against the published schemas; SchemaError with ``raise_errors``."""
    return _builtin().validate(data, format, raise_errors)


def inspect(data, format: str) -> List[dict]:
    """The fields of each record of a codec-based format, with paths and byte offsets."""
    return _builtin().inspect(data, format)
