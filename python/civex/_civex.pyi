"""Type stubs of the extension module civex._civex (re-exported by civex).

The docstrings are the module's own (python/src/lib.rs); a test keeps them
equal.
"""

import datetime
import os
import pathlib
from typing import Any, Iterable, List, Literal, Mapping, Optional, Union, final

from civex import Analysis, Lines, RecordError

__all__ = ["CivexError", "Extractor", "__version__"]

__version__: str

class CivexError(ValueError):
    """A document or a configuration civex cannot use.

    A record without "text", a "published" that is not a date, a gazetteer
    folder with a malformed line, a min_confidence outside 0..1, ... The
    message is the one the civex command line prints.
    """

@final
class Extractor:
    """Extracts sentences, mentions and events from news text, as `civex extract`
    does.

    Building an extractor compiles the gazetteers (a fraction of a second);
    build one and reuse it. An extractor may be shared by threads.

    Args:
        gazetteers: a folder of `*.tsv` lists laid over the shipped ones, as
            `civex --gazetteers DIR`.
        min_confidence: keep only events of this confidence or more (0 to 1;
            None is the command line's default, 0.5), as
            `civex extract --min-confidence X`.
        events_only: extract events only (faster); the results' "sentences"
            and "mentions" lists are then empty.

    Raises:
        CivexError: the gazetteer folder cannot be read or has a malformed
            line, or min_confidence is not between 0 and 1.
    """

    def __new__(
        cls,
        gazetteers: Optional[Union[str, os.PathLike[str]]] = None,
        min_confidence: Optional[float] = None,
        events_only: bool = False,
    ) -> "Extractor": ...
    @property
    def gazetteers(self) -> Optional[pathlib.Path]:
        """The folder of gazetteers laid over the shipped lists (a pathlib.Path), or
        None.
        """
    @property
    def min_confidence(self) -> Optional[float]:
        """The min_confidence the extractor was built with (None: the default)."""
    @property
    def events_only(self) -> bool:
        """Whether only events are extracted."""
    def extract(
        self,
        text: str,
        published: Optional[Union[str, datetime.date]] = None,
        id: Optional[str] = None,
    ) -> Analysis:
        """Extracts the records of one text.

        Args:
            text: the document's text.
            published: the publication date, which anchors relative and
                year-less dates ("on 14th March", "yesterday"): a
                datetime.date (or datetime.datetime: its date), or a str,
                YYYY-MM-DD or RFC 3339, read as the command line reads the
                "published" field of a record.
            id: the document's id, the records' "doc_id" (event ids hash it);
                None gives "-", the id `civex extract` gives a text read from
                standard input.

        Returns:
            {"sentences": [...], "mentions": [...], "events": [...]}: lists of
            records equal to the lines of `civex sentences`,
            `civex extract --emit mentions` and `civex extract`.

        Raises:
            CivexError: published is a str that is not a date.
            TypeError: published is neither a str, a date nor None.
        """
    def extract_lines(
        self,
        lines: Iterable[Union[str, bytes]],
        threads: Optional[int] = None,
        errors: Literal["raise", "record"] = "raise",
    ) -> List[Optional[Union[Lines, RecordError]]]:
        """Extracts the records of many JSON Lines input lines, in parallel, in
        input order, and returns each record as the line the command line
        writes for it.

        The fast way to run civex inside a pipeline that already holds raw
        lines (a Spark job): each line is read by civex itself, as `civex
        extract` reads a line of a file (invalid UTF-8 repaired, the same
        problems for a bad one; but no --max-doc-bytes limit), and each
        record is serialised by civex, byte for byte the command line's line;
        no JSON is parsed or written in Python.

        Args:
            lines: an iterable of str or bytes, one JSON Lines record each (a
                trailing newline is allowed; a str with lone surrogates, as
                read with surrogateescape, is taken as its original bytes).
            threads: how many threads extract, at least 1 (None: one per
                core).
            errors: what a line that is not a document does. "raise" (the
                default): CivexError names the first one by its position
                (counted from 0), and nothing is returned. "record": its
                place in the result holds {"error": PROBLEM, "index": I,
                "doc_id": ID or None}, and the other lines are extracted.

        Returns:
            one item per line: None for a blank line (the command line skips
            it), else {"doc_id": ID, "sentences": [str], "mentions": [str],
            "events": [str]}, each str one record as the command line writes
            it (without the newline).

        Raises:
            CivexError: errors="raise" and a line cannot be read.
            TypeError: a line is neither str nor bytes, or lines is one str or
                bytes.
            ValueError: threads is below 1, or errors is another value.

        The GIL is released while the lines are read and extracted, and
        Ctrl-C is noticed between chunks of lines. Every line is held in
        memory with its results: give a large file in batches.
        """
    def extract_many(
        self,
        docs: Iterable[Mapping[str, Any]],
        threads: Optional[int] = None,
        errors: Literal["raise", "record"] = "raise",
    ) -> List[Union[Analysis, RecordError]]:
        """Extracts the records of many documents, in parallel, in input order.

        Args:
            docs: an iterable of dicts shaped as JSON Lines input records:
                "id" (str or int), "text", optional "published" (a str or
                None); other keys travel in the records' "meta".
            threads: how many threads extract, at least 1 (None: one per
                core). The results are the same at any number.
            errors: what a record that cannot be read does. "raise": raise
                CivexError("record I: PROBLEM") for the first one (I counts
                from 0), before anything is extracted. "record": its place in
                the result holds {"error": PROBLEM, "index": I, "doc_id": ID or
                None}, and the other documents are extracted. PROBLEM is the
                command line's error text for such a line.

        Returns:
            one dict per document, as `extract` returns.

        Raises:
            CivexError: errors="raise" and a record cannot be read.
            ValueError: threads is below 1, or errors is another value.

        The GIL is released while the documents are extracted, and Ctrl-C
        is noticed between chunks of documents. An exception raised by the
        iterable itself propagates unchanged, whatever `errors` says, and
        nothing is extracted.
        """
