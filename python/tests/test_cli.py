"""The Python records are the command line's records.

For every fixture, `civex extract --emit events`, `civex extract --emit
mentions` and `civex sentences` are compared, parsed, with what
`extract_many` returns for the same input records: identical values, types
and key order. The binary is $CIVEX_BIN, else <repo>/target/release/civex.
"""

import json

import pytest

import civex

from conftest import FIXTURES, SHARED, cli_records, cli_with_errors, identical, read_jsonl, run_cli


@pytest.fixture(scope="module")
def fixture_results(extractor):
    return {path.name: extractor.extract_many(read_jsonl(path)) for path in FIXTURES}


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
@pytest.mark.parametrize(
    "kind, args",
    [
        ("events", ["extract", "--emit", "events"]),
        ("mentions", ["extract", "--emit", "mentions"]),
        ("sentences", ["sentences"]),
    ],
)
def test_fixture_records_equal_the_command_lines(path, kind, args, fixture_results):
    expected = cli_records(*args, "-q", str(path))
    got = [record for result in fixture_results[path.name] for record in result[kind]]
    if kind != "sentences":
        assert got, f"no {kind} in {path.name}"
    identical(got, expected, f"{path.name} {kind}")


def test_events_only_equals_the_command_lines_events(extractor):
    fast = civex.Extractor(events_only=True)
    docs = [doc for path in FIXTURES for doc in read_jsonl(path)]
    expected = cli_records("extract", "-q", *map(str, FIXTURES))
    got = [e for result in fast.extract_many(docs, threads=2) for e in result["events"]]
    identical(got, expected, "events_only")


def test_min_confidence_equals_the_command_lines():
    docs = [doc for path in FIXTURES for doc in read_jsonl(path)]
    for threshold in ("0", "0.9"):
        expected = cli_records("extract", "-q", "--min-confidence", threshold, *map(str, FIXTURES))
        extractor = civex.Extractor(min_confidence=float(threshold))
        got = [e for result in extractor.extract_many(docs) for e in result["events"]]
        identical(got, expected, f"--min-confidence {threshold}")


def test_error_records_carry_the_command_lines_problem(tmp_path, extractor):
    records = [
        {"id": "good", "text": "Police detained two students in Almaty on Monday."},
        {"id": "no-text"},
        {"id": "bad-date", "text": "x", "published": "31/12/2020"},
        {"id": "number-date", "text": "x", "published": 20201231},
        {"id": "text-list", "text": ["a"]},
        {"id": True, "text": "x"},
        {"text": "x"},
        [1, 2],
        {"id": 17, "text": "A court fined the activist."},
    ]
    path = tmp_path / "bad.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    _, expected = cli_with_errors(path)

    results = extractor.extract_many(records, errors="record")
    got = [r for r in results if "error" in r]
    assert len(got) == 7
    identical(got, expected, "error records")
    for e in expected:
        with pytest.raises(civex.CivexError) as raised:
            extractor.extract_many(records[e["index"] :])
        assert str(raised.value) == f"record 0: {e['error']}"


def test_a_bad_gazetteer_folder_gives_the_command_lines_message(tmp_path):
    (tmp_path / "cities.tsv").write_text("Nowhere\n", encoding="utf-8")
    done = run_cli("extract", "-q", "--gazetteers", str(tmp_path), stdin='{"id":"a","text":"b"}\n')
    assert done.returncode == 2
    with pytest.raises(civex.CivexError) as raised:
        civex.Extractor(gazetteers=tmp_path)
    assert done.stderr.strip() == f"civex: {raised.value}"


def test_a_text_from_stdin_gives_the_same_events(extractor):
    # extract() with no id is the command line reading the text on stdin.
    text = "On 3rd April, police in Bishkek detained four students outside parliament."
    expected = cli_records("extract", "-q", "--published", "2023-04-12", "-", stdin=text)
    [event] = expected
    identical(extractor.extract(text, published="2023-04-12")["events"], expected, "stdin")
    assert event["doc_id"] == "-"


SEED = SHARED / "seed" / "seed.jsonl"


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seed is absent")
def test_the_seed_article_gives_the_command_lines_events(extractor):
    [seed] = read_jsonl(SEED)
    assert set(seed) == {"id", "text", "published"}
    expected = cli_records("extract", "-q", str(SEED))
    assert expected
    got = extractor.extract(seed["text"], published=seed["published"], id=seed["id"])
    identical(got["events"], expected, "seed events")


def test_meta_is_the_command_lines(extractor):
    record = {
        "id": 17,
        "source": "wire",
        "text": "Police detained a man in Almaty.",
        "published": "2020-01-01",
        "tags": [1, None, 2.5],
        "nested": {"b": 1, "a": {"x": True}},
    }
    expected = cli_records("extract", "-q", stdin=json.dumps(record) + "\n")
    assert expected
    [result] = extractor.extract_many([record])
    identical(result["events"], expected, "meta")


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_extract_lines_writes_the_command_lines_bytes(path, extractor):
    """extract_lines gives, line for line, the bytes civex extract writes."""
    raw = path.read_bytes().splitlines(keepends=True)
    for events_only in (True, False):  # the full one last: its mentions are checked below
        ex = civex.Extractor(events_only=events_only) if events_only else extractor
        results = ex.extract_lines(raw, threads=2)
        assert len(results) == len(raw)
        records = [r for r in results if r is not None]
        events = "".join(line + "\n" for r in records for line in r["events"])
        assert events == run_cli("extract", "-q", str(path)).stdout
    mentions = "".join(line + "\n" for r in results if r for line in r["mentions"])
    assert mentions == run_cli("extract", "-q", "--emit", "mentions", str(path)).stdout
    sentences = "".join(line + "\n" for r in results if r for line in r["sentences"])
    assert sentences == run_cli("sentences", "-q", str(path)).stdout
    # str lines give what bytes give, and the ids are the documents'.
    as_text = extractor.extract_lines([line.decode("utf-8") for line in raw])
    assert as_text == results
    ids = [json.loads(line)["id"] for line in raw if line.strip()]
    assert [r["doc_id"] for r in records] == ids


def test_extract_lines_reads_bad_lines_as_the_command_line_does(tmp_path, extractor):
    lines = [
        b'{"id": "good", "text": "Police detained two students in Almaty on Monday."}\n',
        b"\n",
        b'{"id": "cut", "text": "trunc\n',
        b"not json at all\n",
        b'{"id": 7, "txt": "x"}\n',
        b'{"id": "latin1", "text": "caf\xe9 owner detained"}\n',
        b"[1, 2]\n",
    ]
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"".join(lines))
    _, expected = cli_with_errors(path)
    results = extractor.extract_lines(lines, errors="record")
    assert results[1] is None
    got = [r for r in results if r is not None and "error" in r]
    identical(got, expected, "error records")
    assert len(got) == 4
    # The line with a Latin-1 byte is repaired and read, its repair counted
    # in meta, as the command does: the same mention lines, byte for byte.
    assert results[5]["doc_id"] == "latin1"
    assert json.loads(results[5]["mentions"][0])["meta"] == {"civex_invalid_utf8": 1}
    documents = [r for r in results if r and "error" not in r]
    mentions = "".join(line + "\n" for r in documents for line in r["mentions"])
    assert mentions == run_cli("extract", "-q", "--emit", "mentions", str(path)).stdout
    with pytest.raises(civex.CivexError) as raised:
        extractor.extract_lines(lines)
    assert str(raised.value) == f"record 2: {expected[0]['error']}"
    with pytest.raises(TypeError):
        extractor.extract_lines([{"id": "a", "text": "b"}])
    # One str is not an iterable of lines.
    with pytest.raises(TypeError):
        extractor.extract_lines(lines[0].decode("utf-8"))


def test_extract_lines_ends_and_surrogates_as_the_command_line(tmp_path, extractor):
    """CRLF line ends, a CRLF-only blank line, and a str with a lone surrogate
    (a line read with surrogateescape) read as the command reads the file."""
    lines = [
        b'{"id": "crlf", "text": "Police detained two students in Almaty on Monday."}\r\n',
        b"\r\n",
        b'{"id": "cut", "text": "trunc\r\n',
        b'{"id": "latin1", "text": "caf\xe9 owner detained by police"}\r\n',
    ]
    path = tmp_path / "crlf.jsonl"
    path.write_bytes(b"".join(lines))
    cli_mentions, expected = cli_with_errors(path, "--emit", "mentions")
    as_str = [line.decode("utf-8", errors="surrogateescape") for line in lines]
    for given in (lines, as_str):
        results = extractor.extract_lines(given, errors="record")
        assert results[1] is None
        identical([r for r in results if r and "error" in r], expected, "error records")
        documents = [r for r in results if r and "error" not in r]
        mentions = "".join(line + "\n" for r in documents for line in r["mentions"])
        assert mentions == cli_mentions
