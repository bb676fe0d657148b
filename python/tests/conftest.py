"""Shared fixtures: the repository, the civex command line, the sample texts."""

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

import civex

# python/tests/conftest.py -> the repository root
REPO = Path(__file__).resolve().parents[2]
FIXTURES = sorted((REPO / "fixtures").glob("*.jsonl"))
# The shared evaluation folder: $CIVEX_SHARED (as CI sets it), else ../shared.
SHARED = Path(os.environ.get("CIVEX_SHARED") or REPO.parent / "shared")

# A short invented report (written for these tests).
REPORT = (
    "On 3rd April, police in Bishkek detained four students who had gathered "
    "outside the parliament building. Two days later a district court fined "
    "the organiser, Aigerim Tokonova, 20,000 som. Tokonova said she would appeal."
)
REPORT_PUBLISHED = "2023-04-12"


def read_jsonl(path: Path) -> List[Dict[str, Any]]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def civex_bin() -> Path:
    """The release binary: $CIVEX_BIN, else <repo>/target/release/civex."""
    return Path(os.environ.get("CIVEX_BIN") or REPO / "target" / "release" / "civex")


def run_cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """Runs the civex command line (which must exist: python/test.sh builds it)."""
    binary = civex_bin()
    if not binary.is_file():
        pytest.fail(
            f"no civex binary at {binary}: run `cargo build --release` at the "
            "repository root, or set CIVEX_BIN"
        )
    return subprocess.run(
        [str(binary), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )


def cli_records(*args: str, stdin: str = "") -> List[Dict[str, Any]]:
    """The JSON Lines records the command line writes to stdout (exit 0 required)."""
    done = run_cli(*args, stdin=stdin)
    assert done.returncode == 0, f"civex {' '.join(args)} exited {done.returncode}: {done.stderr}"
    return [json.loads(line) for line in done.stdout.splitlines() if line]


def cli_with_errors(path: Path, *args: str) -> Tuple[str, List[Dict[str, Any]]]:
    """`civex extract -q ARGS PATH` on a file with bad lines (exit 1
    required): its standard output, and its error records in the shape of
    the error slots of extract_many and extract_lines."""
    errors = path.with_name(path.name + ".errors")
    done = run_cli("extract", "-q", *args, "--errors", str(errors), str(path))
    assert done.returncode == 1, done.stderr
    records = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    slots = [{"error": e["error"], "index": e["line"] - 1, "doc_id": e["doc_id"]} for e in records]
    return done.stdout, slots


def identical(a: Any, b: Any, where: str = "") -> None:
    """Asserts that two parsed JSON values are identical: equal, of the same
    types (an int is not a float), with object keys in the same order."""
    assert type(a) is type(b), f"{where}: {type(a).__name__} {a!r} != {type(b).__name__} {b!r}"
    if isinstance(a, dict):
        assert list(a) == list(b), f"{where}: keys {list(a)} != {list(b)}"
        for key in a:
            identical(a[key], b[key], f"{where}.{key}")
    elif isinstance(a, list):
        assert len(a) == len(b), f"{where}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            identical(x, y, f"{where}[{i}]")
    else:
        assert a == b, f"{where}: {a!r} != {b!r}"


@pytest.fixture(scope="session")
def extractor() -> civex.Extractor:
    return civex.Extractor()


@pytest.fixture(scope="session")
def fixture_docs() -> List[Dict[str, Any]]:
    docs = [doc for path in FIXTURES for doc in read_jsonl(path)]
    assert docs, f"no fixtures in {REPO / 'fixtures'}"
    return docs
