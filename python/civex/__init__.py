"""civex: civic-space events from news text.

civex reads news about arrests, trials, fines, prison sentences, protests
and attacks on activists and journalists, and returns records of them:
sentences, tagged mentions (dates, people, organisations, places, money,
penalties) and events. The records are the ones the ``civex`` command line
writes as JSON Lines, as Python dicts: the same fields, the same character
offsets (indexes into the ``str``), the same ``event_id``\\ s.

>>> from civex import Extractor
>>> extractor = Extractor()
>>> result = extractor.extract("Police detained two students in Almaty on 14th October.",
...                            published="2016-11-01")
>>> [(e["type"], e["date"]["value"]) for e in result["events"]]
[('arrest', '2016-10-14')]
"""

from typing import Any, Dict, List, Optional, TypedDict, final

from ._civex import CivexError, Extractor, __version__

__all__ = ["Analysis", "CivexError", "Extractor", "Lines", "RecordError", "__version__"]


@final
class Analysis(TypedDict):
    """What ``Extractor.extract`` returns for one document.

    Each list holds records as the command line writes them:
    ``sentences`` as ``civex sentences``, ``mentions`` as
    ``civex extract --emit mentions``, ``events`` as ``civex extract``.
    """

    sentences: List[Dict[str, Any]]
    mentions: List[Dict[str, Any]]
    events: List[Dict[str, Any]]


@final
class Lines(TypedDict):
    """What ``Extractor.extract_lines`` returns for one line: the document's
    id and its records, each a ``str``, the line the command line writes."""

    doc_id: str
    sentences: List[str]
    mentions: List[str]
    events: List[str]


@final
class RecordError(TypedDict):
    """The place of a record that could not be read, in the list
    ``Extractor.extract_many(..., errors="record")`` (or ``extract_lines``)
    returns."""

    error: str
    """The problem, as the command line's error record words it."""
    index: int
    """The record's position in the input, from 0."""
    doc_id: Optional[str]
    """The record's id, when it has one."""
