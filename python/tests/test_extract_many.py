"""Extractor.extract_many: order, errors, threads, the GIL, forks."""

import multiprocessing
import signal
import subprocess
import sys
import threading
import time

import pytest

import civex

from conftest import FIXTURES, REPORT, REPORT_PUBLISHED


def test_one_result_per_document_in_input_order(extractor, fixture_docs):
    docs = list(reversed(fixture_docs))
    results = extractor.extract_many(docs)
    assert len(results) == len(docs)
    for doc, result in zip(docs, results):
        assert list(result) == ["sentences", "mentions", "events"]
        ids = {r["doc_id"] for records in result.values() for r in records}
        assert ids == {doc["id"]}
        # Equal to extracting the document alone.
        alone = extractor.extract(doc["text"], published=doc.get("published"), id=doc["id"])
        assert [strip_meta(e) for e in result["events"]] == alone["events"]


def strip_meta(record):
    return {k: v for k, v in record.items() if k != "meta"}


def test_other_fields_travel_in_meta(extractor):
    doc = {
        "id": 17,
        "source": "wire",
        "text": REPORT,
        "published": REPORT_PUBLISHED,
        "tags": [1, None],
    }
    [result] = extractor.extract_many([doc])
    for records in result.values():
        for record in records:
            assert record["doc_id"] == "17"
            # (in the order the command line gives them: see test_cli)
            assert record["meta"] == {"source": "wire", "tags": [1, None]}
    # One dict for the whole document, not a copy per record.
    metas = {id(record["meta"]) for records in result.values() for record in records}
    assert len(metas) == 1
    # Last, where the command line writes it.
    assert list(result["events"][0])[-1] == "meta"


def test_any_iterable_and_an_empty_one(extractor):
    docs = ({"id": f"d{i}", "text": REPORT} for i in range(3))
    assert [r["events"][0]["doc_id"] for r in extractor.extract_many(docs)] == ["d0", "d1", "d2"]
    assert extractor.extract_many([]) == []
    assert extractor.extract_many(iter(())) == []


def test_threads_do_not_change_the_results(extractor, fixture_docs):
    # Enough documents for many groups on every thread count.
    docs = [dict(doc, id=f"{doc['id']}-{copy}") for copy in range(12) for doc in fixture_docs]
    one = extractor.extract_many(docs, threads=1)
    assert extractor.extract_many(docs, threads=2) == one
    assert extractor.extract_many(docs, threads=None) == one
    assert extractor.extract_many(docs, threads=5) == one


@pytest.mark.parametrize("threads", [0, -1])
def test_threads_must_be_positive(extractor, threads):
    with pytest.raises(ValueError, match="threads must be at least 1"):
        extractor.extract_many([{"id": "a", "text": "x"}], threads=threads)


def test_errors_must_be_raise_or_record(extractor):
    with pytest.raises(ValueError, match='errors must be "raise" or "record"'):
        extractor.extract_many([{"id": "a", "text": "x"}], errors="ignore")


BAD = [
    {"id": "ok-1", "text": REPORT, "published": REPORT_PUBLISHED},
    {"id": "no-text"},
    {"id": "bad-date", "text": REPORT, "published": "soon"},
    {"text": REPORT},
    "not an object",
    {"id": 1.5, "text": REPORT},
    {"id": "ok-2", "text": REPORT},
    {"id": "object-in-meta", "text": REPORT, "tags": object()},
]


def test_errors_raise_names_the_first_bad_record(extractor):
    with pytest.raises(civex.CivexError) as raised:
        extractor.extract_many(BAD)
    assert str(raised.value) == 'record 1: the record has no "text" field'
    with pytest.raises(civex.CivexError, match=r'^record 0: "published" is "soon", which is'):
        extractor.extract_many(BAD[2:3])


def test_errors_record_keeps_the_others(extractor):
    results = extractor.extract_many(BAD, errors="record")
    assert len(results) == len(BAD)
    good = extractor.extract_many([BAD[0], BAD[6]])
    assert results[0] == good[0] and results[6] == good[1]
    assert results[1] == {
        "error": 'the record has no "text" field',
        "index": 1,
        "doc_id": "no-text",
    }
    assert results[2] == {
        "error": '"published" is "soon", which is neither YYYY-MM-DD nor RFC 3339',
        "index": 2,
        "doc_id": "bad-date",
    }
    assert results[3] == {"error": 'the record has no "id" field', "index": 3, "doc_id": None}
    assert results[4] == {
        "error": 'expected a JSON object with "id" and "text"',
        "index": 4,
        "doc_id": None,
    }
    assert results[5] == {
        "error": '"id" must be a string or an integer, found a number with a fraction',
        "index": 5,
        "doc_id": None,
    }
    # A value JSON has no form for: the record cannot be converted.
    assert results[7]["index"] == 7 and results[7]["doc_id"] == "object-in-meta"
    assert results[7]["error"].startswith("the record cannot be read as JSON: ")


def test_an_exception_of_the_iterable_propagates(extractor):
    class Boom(Exception):
        pass

    def docs():
        yield {"id": "a", "text": REPORT}
        raise Boom("the feed broke")

    for errors in ("raise", "record"):
        with pytest.raises(Boom, match="the feed broke"):
            extractor.extract_many(docs(), errors=errors)
    with pytest.raises(TypeError):
        extractor.extract_many(42)


def test_many_documents_in_several_chunks(extractor):
    # More documents than one chunk of one thread holds (1,024): the order
    # and the ids survive the chunking.
    docs = [{"id": str(i), "text": "Police detained a student on Monday."} for i in range(2500)]
    results = civex.Extractor(events_only=True).extract_many(docs, threads=1)
    assert [r["events"][0]["doc_id"] for r in results] == [d["id"] for d in docs]


def large_document(fixture_docs, megabytes: float):
    texts = [d["text"] for d in fixture_docs]
    size = sum(len(t) for t in texts)
    text = "\n\n".join(texts * max(1, int(megabytes * 1e6 / size)))
    return {"id": "large", "text": text, "published": "2024-01-01"}


@pytest.mark.parametrize("call", ["extract_many", "extract"])
def test_the_gil_is_released_while_extracting(fixture_docs, call):
    """Python code keeps running in another thread during the call.

    The worker notes the time just before and after its call. Were the GIL
    held throughout the call, the main thread could run only at its edges
    (a switch between two bytecodes); so it must have run in the middle
    half of the call.
    """
    extractor = civex.Extractor(events_only=True)
    doc = large_document(fixture_docs, 3)
    span = {}

    def work():
        span["start"] = time.perf_counter()
        if call == "extract_many":
            result = extractor.extract_many([doc], threads=1)[0]
        else:
            result = extractor.extract(doc["text"], published=doc["published"])
        span["end"] = time.perf_counter()
        span["events"] = len(result["events"])

    worker = threading.Thread(target=work)
    ticks = []
    worker.start()
    while worker.is_alive():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    worker.join()
    assert span["events"] > 0
    length = span["end"] - span["start"]
    assert length > 0.05, f"the call took {length:.3f} s: too short to tell"
    middle = (span["start"] + length / 4, span["end"] - length / 4)
    inside = [t for t in ticks if middle[0] < t < middle[1]]
    assert inside, f"the main thread did not run during the middle half of a {length:.2f} s call"


@pytest.mark.skipif(
    sys.platform == "win32" or "fork" not in multiprocessing.get_all_start_methods(),
    reason="no fork",
)
def test_a_forked_process_extracts(fixture_docs):
    extractor = civex.Extractor()
    expected = extractor.extract_many(fixture_docs, threads=2)
    extractor.extract_many(fixture_docs)  # the default pool, started before the fork
    context = multiprocessing.get_context("fork")
    queue = context.Queue()

    def child():
        same = (
            extractor.extract_many(fixture_docs, threads=2) == expected
            and extractor.extract_many(fixture_docs) == expected
        )
        queue.put(same)

    process = context.Process(target=child)
    process.start()
    process.join(120)
    if process.is_alive():
        process.kill()
        pytest.fail("the forked process hung in extract_many")
    assert process.exitcode == 0
    assert queue.get(timeout=10) is True


CTRL_C_CHILD = r"""
import json, sys, time
import civex

with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.loads(f.readline())
extractor = civex.Extractor(events_only=True)
docs = [doc] * 6000  # about 11 MB of text: several chunks of one thread
print("start", flush=True)
try:
    extractor.extract_many(docs, threads=1)
    print("finished", flush=True)
except KeyboardInterrupt:
    print("interrupted", flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT")
def test_ctrl_c_stops_a_long_call(tmp_path):
    """KeyboardInterrupt is raised between chunks, not after the last one."""
    script = tmp_path / "child.py"
    script.write_text(CTRL_C_CHILD, encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, str(script), str(FIXTURES[0])], stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "start"
        time.sleep(0.2)
        child.send_signal(signal.SIGINT)
        rest, _ = child.communicate(timeout=120)
    finally:
        child.kill()
    assert rest.strip() == "interrupted"
