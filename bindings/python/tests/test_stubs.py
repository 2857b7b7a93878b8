"""The type stubs of xborder._core describe the module as it is."""

import ast
import inspect
from pathlib import Path

import xborder._core as core

STUBS = Path(xborder_file := core.__file__).with_name("_core.pyi")


def stub_names():
    tree = ast.parse(STUBS.read_text())
    names = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            names[node.name] = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
        elif isinstance(node, ast.AnnAssign) and not node.target.id.startswith("_"):
            names[node.target.id] = None
        elif isinstance(node, ast.FunctionDef):
            names[node.name] = None
    return names


def test_stubs_match_the_module():
    stubs = stub_names()
    public = {name for name in dir(core) if not name.startswith("_")}
    assert set(stubs) == public
    for name, methods in stubs.items():
        if methods is None:
            continue
        cls = getattr(core, name)
        actual = {m for m, _ in inspect.getmembers(cls) if not m.startswith("_")}
        if issubclass(cls, BaseException):
            continue
        declared = {m for m in methods if not m.startswith("_")}
        assert declared == actual, name
        if "__init__" in methods:
            assert "__init__" in cls.__dict__, name
