"""The one Store interface every backend implements (SQLite now, PostgreSQL later).

Backend-neutral helpers live here too: the content hash that decides whether a
re-ingested article changed, and the alias expansion used by the source filter.
"""
from __future__ import annotations

import hashlib
import json
from abc import ABC, abstractmethod
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from ..errors import StoreError
from ..model import Article, Claim, Event, Copy, Failure, FileMark, Outlet

PutResult = Literal["new", "unchanged", "changed"]


@dataclass(frozen=True)
class FeedState:
    """What a feed's server said last time, for a conditional GET."""
    url: str
    etag: str | None = None
    modified: str | None = None  # the Last-Modified header, as sent


ITEM_STATES = ("seen", "pending", "stored", "failed")


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


class Store(ABC):
    """Articles, their claims, ingest failures and source aliases."""

    @abstractmethod
    def migrate(self) -> list[str]:
        """Apply the migrations not applied yet; return their names (empty when up to date)."""

    @abstractmethod
    def put_article(self, article: Article) -> PutResult:
        """Insert or replace an article; a changed article loses its old claims."""

    @abstractmethod
    def replace_claims(self, article_id: str, claims: Sequence[Claim]) -> None:
        """Delete the article's claims and insert these, in one transaction."""

    def put_articles(self, items: Sequence[tuple[Article, Sequence[Claim]]]) -> list[PutResult]:
        """Many articles with their claims in one transaction, each as ``put_article``
        then ``replace_claims`` then ``clear_failure`` of its origin would store it; a
        backend may do it in fewer statements (PostgreSQL: a few round trips a batch)."""
        out = []
        with self.transaction():
            for article, claims in items:
                out.append(self.put_article(article))
                self.replace_claims(article.id, claims)
                self.clear_failure(article.origin or "")
        return out

    @abstractmethod
    def claims(self, article: str | None = None, category: str | None = None,
               source: str | None = None,
               articles: Iterable[str] | None = None) -> Iterator[Claim]:
        """Claims in article id then text-offset order; filters combine with AND.

        ``source`` matches, case-insensitively, part of any name in the chain, or
        any name that the alias table ties to the same canonical name.
        """

    @abstractmethod
    def article(self, id: str) -> Article | None:
        """The article with this id, or None."""

    @abstractmethod
    def articles(self) -> Iterator[Article]:
        """Every article, in ingest order."""

    def articles_among(self, ids: Collection[str]) -> dict[str, Article]:
        """The stored articles of these ids, by id (unknown ids are left out): one
        query for a batch where a backend can, not one an article."""
        found = {id: self.article(id) for id in ids}
        return {id: a for id, a in found.items() if a is not None}

    @abstractmethod
    def count_claims(self) -> int: ...

    @abstractmethod
    def add_failure(self, failure: Failure) -> None:
        """Record an input that did not land; the same failure is kept once."""

    @abstractmethod
    def failures(self) -> list[Failure]:
        """Recorded failures, oldest first."""

    @abstractmethod
    def clear_failure(self, origin: str) -> None:
        """Forget the failures of ``origin`` (it has since been read successfully)."""

    @abstractmethod
    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """Full-text search over article titles and texts: (article_id, snippet), best first."""

    @abstractmethod
    def aliases(self) -> dict[str, str]:
        """alias -> canonical source name."""

    @abstractmethod
    def add_aliases(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Add (alias, canonical) pairs; re-adding is harmless, a new canonical wins."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """Commit on success, roll back on error; transactions nest."""

    @abstractmethod
    def close(self) -> None: ...

    # Outlets and feeds (issue 8). Not abstract, so a backend written before them
    # still opens; each backend overrides them (SQLite does).
    def outlets(self) -> list[Outlet]:
        """Outlets users added, by domain (the shipped table is in claimledger/data)."""
        raise NotImplementedError(f"{type(self).__name__} does not keep outlets yet")

    def add_outlets(self, outlets: Iterable[Outlet]) -> None:
        """Add or replace outlets by domain."""
        raise NotImplementedError(f"{type(self).__name__} does not keep outlets yet")

    def remove_outlets(self, domains: Iterable[str]) -> int:
        """Forget the stored outlets of these domains; how many there were."""
        raise NotImplementedError(f"{type(self).__name__} does not keep outlets yet")

    def feed_state(self, url: str) -> FeedState | None:
        """The ETag/Last-Modified last seen for this feed, or None."""
        raise NotImplementedError(f"{type(self).__name__} does not keep feeds yet")

    def put_feed_state(self, state: FeedState) -> None:
        raise NotImplementedError(f"{type(self).__name__} does not keep feeds yet")

    def seen_items(self, feed_url: str) -> set[str]:
        """Ids of the feed's items already ingested."""
        raise NotImplementedError(f"{type(self).__name__} does not keep feeds yet")

    def mark_seen(self, feed_url: str, items: Iterable[tuple[str, str | None]]) -> None:
        """Remember (item id, article id) pairs as ingested; re-marking is harmless."""
        raise NotImplementedError(f"{type(self).__name__} does not keep feeds yet")

    def open_items(self, feed_url: str) -> list[FeedItem]:
        """The feed's items not stored and not given up (seen or pending), oldest first."""
        raise NotImplementedError(f"{type(self).__name__} does not keep feed items yet")

    def put_items(self, items: Iterable[FeedItem]) -> None:
        """Write these items' state (insert, or replace by feed and key)."""
        raise NotImplementedError(f"{type(self).__name__} does not keep feed items yet")

    def clear_feed_failure(self, url: str) -> None:
        """Forget the failures of the feed itself (not of its items): it answered again."""
        raise NotImplementedError(f"{type(self).__name__} does not keep feed items yet")

    # Copies (issue 3): the persistent LSH index and the copied passages found.
    # Not abstract, like the methods above; SQLite overrides them.
    def copy_index_todo(self, among: Collection[str] | None = None) -> list[str]:
        """Ids of articles the copy index lacks or holds an older version of, in ingest
        order; only those ``among`` these ids when given (a look at a few articles, not
        a scan of the store)."""
        raise NotImplementedError(f"{type(self).__name__} does not keep copies yet")

    def copy_index(self) -> Iterator[tuple[str, int, bytes]]:
        """(article id, ingest seq, band keys as little-endian int64s) of every article
        indexed at its current version, in ingest order."""
        raise NotImplementedError(f"{type(self).__name__} does not keep copies yet")

    def put_copy_keys(self, article_id: str, keys: Iterable[int]) -> None:
        """Store the article's LSH band keys and mark its current version indexed."""
        raise NotImplementedError(f"{type(self).__name__} does not keep copies yet")

    def ingest_order(self, ids: Iterable[str]) -> dict[str, int]:
        """Article id -> its place in ingest order (smaller came first)."""
        raise NotImplementedError(f"{type(self).__name__} does not keep copies yet")

    def replace_copies(self, article_id: str, copies: Sequence[Copy]) -> None:
        """Drop every copy the article is part of (either side) and insert these."""
        raise NotImplementedError(f"{type(self).__name__} does not keep copies yet")

    def copies(self, article: str | None = None) -> Iterator[Copy]:
        """Copied passages (of one article, on either side), by first article and offset."""
        raise NotImplementedError(f"{type(self).__name__} does not keep copies yet")

    # Events (issue 4), not abstract like the methods above; SQLite overrides them.
    def replace_events(self, events: Iterable[Event]) -> None:
        """Drop every stored event and store these, with the claims of each, in one
        transaction; ``events`` may be a stream (it is written in batches)."""
        raise NotImplementedError(f"{type(self).__name__} does not keep events yet")

    def events(self) -> list[Event]:
        """Stored events, parents before their parts, each with its (still stored) claims."""
        raise NotImplementedError(f"{type(self).__name__} does not keep events yet")

    # Progress (issue 7): files read whole with no failure. Not abstract either; a
    # backend without them re-reads every file on a re-run (correct, only slower).
    def is_ingested(self, mark: FileMark) -> bool:
        """True when this file, with this size and hash, was read whole before."""
        return False

    def mark_ingested(self, mark: FileMark) -> None:
        """Remember the file as read whole; call it in the transaction of its last batch."""

    # The web app (issue 5) keeps a read snapshot while this value stays the same.
    def revision(self) -> object | None:
        """A cheap value that changes whenever stored data changes; None = cannot tell
        (callers then read afresh every time)."""
        return None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def source_names(self, source: str) -> list[str]:
        """``source`` plus every name the alias table ties to it, case-folded."""
        wanted = source.casefold()
        table = {a.casefold(): c.casefold() for a, c in self.aliases().items()}
        canonical = table.get(wanted, wanted)
        if canonical == wanted and wanted not in table.values():
            return [wanted]
        group = {a for a, c in table.items() if c == canonical} | {canonical}
        return [wanted] + sorted(group - {wanted})


def one_batch(items: Sequence[tuple[Article, Sequence[Claim]]]) -> bool:
    """Whether a backend may store ``items`` in one go: some, and no id twice (else
    ``Store.put_articles`` stores them one at a time, the last of an id winning).
    Raises StoreError for a claim given with another article."""
    if not items or len({a.id for a, _ in items}) < len(items):
        return False
    for article, claims in items:
        check_claims(article.id, claims)
    return True


def check_claims(article_id: str, claims: Sequence[Claim]) -> None:
    """Every claim given with an article must be of that article."""
    for claim in claims:
        if claim.article != article_id:
            raise StoreError(f"a claim of article {claim.article!r} was given to "
                             f"replace_claims({article_id!r}); pass each article's "
                             "claims separately")


def content_hash(article: Article) -> str:
    """Hash of text and metadata; ``origin`` is left out so moving a file is no change."""
    fields = [article.id, article.text, article.published and article.published.isoformat(),
              article.outlet, article.url, article.title]
    if article.language is not None:  # appended only when known: older hashes stay valid
        fields.append(article.language)
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()
