"""Extractor() and Extractor.extract on one text."""

import datetime
import doctest
import importlib.metadata
import inspect
import sys
from pathlib import Path

import pytest

import civex

from conftest import REPO, REPORT, REPORT_PUBLISHED

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = None


def test_the_report_gives_its_events(extractor):
    result = extractor.extract(REPORT, published=REPORT_PUBLISHED, id="bishkek-1")
    assert list(result) == ["sentences", "mentions", "events"]
    events = {e["type"]: e for e in result["events"]}
    assert {"arrest", "fine"} <= set(events)

    arrest = events["arrest"]
    assert arrest["doc_id"] == "bishkek-1"
    assert arrest["trigger"] == {"start": 32, "end": 40, "text": "detained"}
    assert REPORT[32:40] == "detained"
    assert arrest["date"]["value"] == "2023-04-03"
    assert arrest["target_count"] == 4
    assert arrest["published"] == REPORT_PUBLISHED

    fine = events["fine"]
    assert fine["date"]["value"] == "2023-04-05"
    assert fine["targets"][0]["name"] == "Aigerim Tokonova"
    assert fine["penalty"]["currency"] == "KGS"
    assert fine["penalty"]["amount"] == 20000

    assert [s["index"] for s in result["sentences"]] == [0, 1, 2]
    for sentence in result["sentences"]:
        assert REPORT[sentence["start"] : sentence["end"]] == sentence["text"]
    surname = [m for m in result["mentions"] if m["text"] == "Tokonova"]
    assert surname and surname[0]["value"] == "Aigerim Tokonova"


def test_offsets_are_character_offsets():
    # Characters outside ASCII before the spans: byte and character offsets differ.
    text = (
        "«Reporters» — on 2nd May, officers in Almaty detained Dana Oralova, "
        "a journalist, outside the akimat. Oralova was fined 150,000 tenge."
    )
    result = civex.Extractor().extract(text, published="2024-05-10")
    assert result["events"]
    for mention in result["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["text"], mention
    for event in result["events"]:
        trigger = event["trigger"]
        assert text[trigger["start"] : trigger["end"]] == trigger["text"]
        sentence = event["sentence"]
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]


def test_published_as_str_date_datetime_and_rfc3339_agree(extractor):
    as_str = extractor.extract(REPORT, published="2023-04-12", id="d")
    assert extractor.extract(REPORT, published=datetime.date(2023, 4, 12), id="d") == as_str
    assert (
        extractor.extract(REPORT, published=datetime.datetime(2023, 4, 12, 23, 59), id="d")
        == as_str
    )
    assert extractor.extract(REPORT, published="2023-04-12T08:30:00+06:00", id="d") == as_str


def test_published_anchors_year_less_dates(extractor):
    def arrest_date(published):
        events = extractor.extract(REPORT, published=published)["events"]
        return [e["date"] for e in events if e["type"] == "arrest"][0]

    assert arrest_date("2019-06-01")["value"] == "2019-04-03"
    without = arrest_date(None)
    assert without is None or without["value"] == "XXXX-04-03"


def test_a_bad_published_raises_the_command_lines_message(extractor):
    with pytest.raises(civex.CivexError) as raised:
        extractor.extract(REPORT, published="last Tuesday")
    assert str(raised.value) == (
        '"published" is "last Tuesday", which is neither YYYY-MM-DD nor RFC 3339'
    )
    assert isinstance(raised.value, ValueError)


def test_a_published_of_another_type_is_a_type_error(extractor):
    with pytest.raises(TypeError, match="published must be a str, a datetime.date or None"):
        extractor.extract(REPORT, published=20230412)


def test_text_must_be_a_str(extractor):
    with pytest.raises(TypeError):
        extractor.extract(REPORT.encode())


def test_the_default_id_is_the_one_of_a_text_on_stdin(extractor):
    result = extractor.extract(REPORT, published=REPORT_PUBLISHED)
    assert {r["doc_id"] for kind in result.values() for r in kind} == {"-"}
    named = extractor.extract(REPORT, published=REPORT_PUBLISHED, id="other")
    # Event ids hash the document id.
    assert [e["event_id"] for e in result["events"]] != [e["event_id"] for e in named["events"]]


def test_an_empty_text_has_no_records(extractor):
    assert extractor.extract("") == {"sentences": [], "mentions": [], "events": []}


def test_events_only_gives_the_same_events_and_nothing_else(extractor):
    fast = civex.Extractor(events_only=True)
    assert fast.events_only
    full = extractor.extract(REPORT, published=REPORT_PUBLISHED)
    only = fast.extract(REPORT, published=REPORT_PUBLISHED)
    assert only == {"sentences": [], "mentions": [], "events": full["events"]}


def test_min_confidence(extractor):
    everything = civex.Extractor(min_confidence=0.0).extract(REPORT, published=REPORT_PUBLISHED)
    default = extractor.extract(REPORT, published=REPORT_PUBLISHED)
    certain = civex.Extractor(min_confidence=1.0).extract(REPORT, published=REPORT_PUBLISHED)
    assert len(everything["events"]) >= len(default["events"]) >= len(certain["events"])
    assert all(e["confidence"] >= 0.5 for e in default["events"])
    assert all(e["confidence"] == 1.0 for e in certain["events"])
    assert any(e["confidence"] < 1.0 for e in default["events"])


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan")])
def test_a_min_confidence_outside_0_1_raises(bad):
    with pytest.raises(civex.CivexError, match="between 0 and 1"):
        civex.Extractor(min_confidence=bad)


def test_a_bad_gazetteer_folder_raises(tmp_path):
    (tmp_path / "triggers.tsv").write_text("a line without columns\n", encoding="utf-8")
    with pytest.raises(civex.CivexError) as raised:
        civex.Extractor(gazetteers=tmp_path)
    message = str(raised.value)
    assert "triggers.tsv:1" in message, message

    with pytest.raises(civex.CivexError, match="cannot read the folder"):
        civex.Extractor(gazetteers=tmp_path / "missing")


def test_an_empty_gazetteer_folder_changes_nothing(tmp_path, extractor):
    overlaid = civex.Extractor(gazetteers=str(tmp_path))
    assert overlaid.extract(REPORT, published=REPORT_PUBLISHED) == extractor.extract(
        REPORT, published=REPORT_PUBLISHED
    )


def test_repr_and_properties(tmp_path):
    plain = civex.Extractor()
    assert repr(plain) == "Extractor(gazetteers=None, min_confidence=None, events_only=False)"
    assert (plain.gazetteers, plain.min_confidence, plain.events_only) == (None, None, False)
    tuned = civex.Extractor(gazetteers=tmp_path, min_confidence=0.75, events_only=True)
    assert tuned.gazetteers == tmp_path and isinstance(tuned.gazetteers, Path)
    assert repr(tuned) == (
        f"Extractor(gazetteers={str(tmp_path)!r}, min_confidence=0.75, events_only=True)"
    )


def test_an_extractor_is_reusable_and_its_results_are_fresh(extractor):
    first = extractor.extract(REPORT, published=REPORT_PUBLISHED)
    first["events"].clear()
    again = extractor.extract(REPORT, published=REPORT_PUBLISHED)
    assert again["events"]


def test_version():
    assert civex.__version__ == importlib.metadata.version("civex")
    if tomllib is not None and (REPO / "Cargo.toml").is_file():
        with open(REPO / "Cargo.toml", "rb") as f:
            root = tomllib.load(f)["package"]["version"]
        with open(REPO / "python" / "Cargo.toml", "rb") as f:
            bindings = tomllib.load(f)["package"]["version"]
        assert civex.__version__ == bindings == root


def test_the_package_docstring_example_runs():
    failures, tried = doctest.testmod(civex, verbose=False)
    assert tried > 0 and failures == 0


def test_exports():
    assert set(civex.__all__) == {
        "Analysis",
        "CivexError",
        "Extractor",
        "Lines",
        "RecordError",
        "__version__",
    }
    assert issubclass(civex.CivexError, ValueError)
    assert civex.Extractor.__module__ == "civex"
    assert civex.CivexError.__module__ == "civex"
    assert "Extracts the records of one text" in civex.Extractor.extract.__doc__
    parameters = inspect.signature(civex.Extractor.extract_many).parameters
    assert [(p.name, p.default) for p in parameters.values()] == [
        ("self", inspect.Parameter.empty),
        ("docs", inspect.Parameter.empty),
        ("threads", None),
        ("errors", "raise"),
    ]
    parameters = inspect.signature(civex.Extractor).parameters
    assert [(p.name, p.default) for p in parameters.values()] == [
        ("gazetteers", None),
        ("min_confidence", None),
        ("events_only", False),
    ]
