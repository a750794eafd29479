"""The one Store interface every backend implements (SQLite now, PostgreSQL later).

Backend-neutral helpers live here too: the content hash that decides whether a
re-ingested article changed, and the alias expansion used by the source filter.
"""
from __future__ import annotations

import hashlib
import json
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Literal

from ..model import Article, Claim, Failure

PutResult = Literal["new", "unchanged", "changed"]


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


def content_hash(article: Article) -> str:
    """Hash of text and metadata; ``origin`` is left out so moving a file is no change."""
    fields = [article.id, article.text, article.published and article.published.isoformat(),
              article.outlet, article.url, article.title]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()
