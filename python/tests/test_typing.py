"""The type stubs match the module (mypy's stubtest), when mypy is installed."""

import subprocess
import sys

import pytest


def test_the_stubs_match_the_extension_module():
    pytest.importorskip("mypy")
    done = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "civex"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr


USAGE = """
import datetime
from typing import List, Union

import civex


def events_of(extractor: civex.Extractor, text: str) -> int:
    result: civex.Analysis = extractor.extract(text, published=datetime.date(2020, 1, 2), id="a")
    return len(result["events"]) + len(result["mentions"]) + len(result["sentences"])


extractor = civex.Extractor(gazetteers=None, min_confidence=0.5, events_only=True)
results: List[Union[civex.Analysis, civex.RecordError]] = extractor.extract_many(
    [{"id": "a", "text": "b"}], threads=2, errors="record"
)
for result in results:
    if "error" in result:
        print(result["index"], result["doc_id"], result["error"])
    else:
        print(len(result["events"]))
try:
    civex.Extractor(gazetteers="rules")
except civex.CivexError as e:
    print(e)
version: str = civex.__version__
"""


def test_typical_use_type_checks_strictly(tmp_path):
    pytest.importorskip("mypy")
    (tmp_path / "usage.py").write_text(USAGE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(tmp_path / "usage.py")],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_stubs_docstrings_are_the_modules():
    """python/civex/_civex.pyi repeats the docstrings of python/src/lib.rs."""
    import ast
    import inspect
    from pathlib import Path

    import civex._civex as module

    stub = ast.parse((Path(module.__file__).parent / "_civex.pyi").read_text(encoding="utf-8"))
    compared = 0
    for node in stub.body:
        if not isinstance(node, ast.ClassDef):
            continue
        runtime = getattr(module, node.name)
        assert ast.get_docstring(node) == inspect.cleandoc(runtime.__doc__), node.name
        compared += 1
        for member in node.body:
            if isinstance(member, ast.FunctionDef) and not member.name.startswith("__"):
                doc = inspect.cleandoc(getattr(runtime, member.name).__doc__)
                assert ast.get_docstring(member) == doc, f"{node.name}.{member.name}"
                compared += 1
    assert compared == 8
