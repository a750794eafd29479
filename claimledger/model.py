"""The records every stage shares.

Stages pass these frozen dataclasses, never tuples:

    ingest  -> Article | Failure
    extract -> Claim (with When, Place, Source)
    store   <- Article, Claim, Failure

Offsets (``start``/``end``) are character offsets into ``Article.text``, the body
exactly as read (the ``date`` header line is metadata, not text).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

CATEGORIES = ("killed", "died", "injured", "arrested", "disappeared", "sentenced",
              "participants", "protest_sites")
QUALIFIERS = ("exact", "at_least", "more_than", "up_to", "less_than", "about", "vague")


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    published: date | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    origin: str | None = None  # "path" or "path:line" it was read from
    language: str | None = None  # ISO 639-1 code detected at ingest; None = unknown


@dataclass(frozen=True)
class Outlet:
    """Who publishes at a domain: shown beside a claim's source in `claims` output."""
    domain: str  # "reuters.com", without "www."
    name: str
    country: str | None = None  # ISO 3166-1 alpha-2
    affiliation: str | None = None  # "state media", "opposition outlet", "wire agency", ...


@dataclass(frozen=True)
class Failure:
    """An input that did not land, with the reason and where it came from."""
    origin: str  # file path
    reason: str
    line: int | None = None

    def message(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line else self.origin
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class When:
    """A time interval of ISO dates; None ends are open (unknown)."""
    start: date | None
    end: date | None
    text: str = ""

    def to_record(self) -> dict:
        return {"start": _iso(self.start), "end": _iso(self.end), "text": self.text}


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None

    def to_record(self) -> dict:
        return {"name": self.name, "country": self.country, "admin1": self.admin1}


@dataclass(frozen=True)
class Source:
    """One link of a claim's chain: who said it, with which verb, when."""
    name: str
    verb: str
    date: date | None = None
    mention: str = ""  # the words as they stand in the text
    start: int | None = None
    end: int | None = None

    def to_record(self) -> dict:
        return {"name": self.name, "verb": self.verb, "date": _iso(self.date)}


@dataclass(frozen=True)
class Claim:
    article: str
    category: str
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    span: str
    start: int
    end: int
    sentence: str
    sentence_start: int
    unit: str = "people"
    subject: str = "people"
    when: When | None = None
    where: Place | None = None
    sources: tuple[Source, ...] = field(default_factory=tuple)

    def to_record(self) -> dict:
        """The spec's JSON object (shared/spec/claims.md), field for field."""
        return {
            "article": self.article, "category": self.category,
            "value": self.value, "low": self.low, "high": self.high,
            "qualifier": self.qualifier, "span": self.span,
            "unit": self.unit, "subject": self.subject,
            "when": self.when.to_record() if self.when else None,
            "where": self.where.to_record() if self.where else None,
            "sources": [s.to_record() for s in self.sources],
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class Event:
    """A happening that claims describe (claimledger/events/): typed, dated, placed.

    ``parent`` is the id of the wider event it is part of (a local incident inside a
    nationwide wave); ``claims`` are the claims that describe this event itself;
    ``evidence`` the words of their sentences (or their categories) that decided ``type``."""
    id: str
    type: str  # a key of claimledger/data/event_types.json, e.g. "protest_excessive_force"
    when: When
    where: Place
    parent: str | None = None
    actors: tuple[str, ...] = ()
    claims: tuple[Claim, ...] = ()
    evidence: tuple[str, ...] = ()


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass(frozen=True)
class Passage:
    """Characters [start, end) of one stored article's text."""
    article: str
    start: int
    end: int

    def to_record(self) -> dict:
        return {"article": self.article, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Copy:
    """A passage found again, verbatim or nearly so, in a later article.

    ``first`` is in the article that came first (publication date, then ingest
    order); ``text`` is the passage as it stands there; ``similarity`` (0-1) compares
    the two passages word by word.
    """
    first: Passage
    copy: Passage
    text: str
    similarity: float

    def to_record(self) -> dict:
        return {"first": self.first.to_record(), "copy": self.copy.to_record(),
                "text": self.text, "similarity": self.similarity}


@dataclass(frozen=True)
class FeedState:
    """What a feed's server said last time, for a conditional GET."""
    url: str
    etag: str | None = None
    modified: str | None = None  # the Last-Modified header, as sent


@dataclass(frozen=True)
class FeedItem:
    """One item of a watched feed and where it stands, kept apart from the feed's
    validators: ``seen`` (found; its page not fetched yet), ``pending`` (its page
    failed; tried again from ``next_try``), ``stored`` (its article is in the store),
    ``failed`` (given up after the last attempt). Link, title, date and the item's
    own text are kept, so an item is retried even after it has left the feed."""
    feed: str
    key: str  # the item's guid, else its link
    link: str | None = None
    title: str | None = None
    published: date | None = None
    summary: str = ""  # the item's own content or summary, as text
    state: str = "seen"
    attempts: int = 0
    next_try: datetime | None = None  # aware, UTC
    reason: str | None = None  # why the last attempt failed
    article: str | None = None  # the stored article's id


@dataclass(frozen=True)
class FileMark:
    """An input file read whole with no failure: on a re-run it is skipped while its
    content is the same (size and SHA-256; the modification time alone proves nothing)."""
    path: str  # absolute
    size: int
    sha256: str
