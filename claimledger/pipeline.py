"""The spine: read -> extract -> store, in batches, each batch one transaction.

An article and its claims are written together, so a crash never leaves an
article stored without its claims; unchanged articles are not parsed again.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .extract.claims import Extractor
from .ingest import read_file
from .ingest.walk import walk
from .model import Article, Failure
from .store.base import Store, content_hash


@dataclass
class IngestReport:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    claims: int = 0
    skipped: int = 0  # files of other kinds inside folders
    failures: list[Failure] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def summary(self) -> str:
        parts = [f"{self.new} new", f"{self.unchanged} unchanged"]
        if self.changed:
            parts.append(f"{self.changed} changed")
        parts.append(f"{self.failed} failed")
        line = f"articles: {', '.join(parts)}; claims found: {self.claims}"
        return line + (f"; {self.skipped} other files skipped" if self.skipped else "")


def ingest_paths(paths: Iterable[str], store: Store, extractor: Extractor, batch_size: int = 64,
           force: bool = False, on_file: Callable[[int, int], None] | None = None) -> IngestReport:
    """Read files and folders into the store; ``on_file(done, total)`` reports progress."""
    walked = walk(paths)
    report = IngestReport(skipped=len(walked.skipped))
    for f in walked.failures:
        _fail(store, report, f)
    batch: list[Article] = []
    for done, path in enumerate(walked.files, 1):
        for item in read_file(path):
            if isinstance(item, Failure):
                _fail(store, report, item)
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                _write(batch, store, extractor, report, force)
                batch = []
        if on_file:
            on_file(done, len(walked.files))
    if batch:
        _write(batch, store, extractor, report, force)
    return report


def ingest_articles(articles: Iterable[Article], store: Store, extractor: Extractor,
                    batch_size: int = 64, force: bool = False) -> IngestReport:
    """The same as ``ingest`` for articles already in memory (tests, other readers)."""
    report = IngestReport()
    for batch in _batches(articles, batch_size):
        _write(batch, store, extractor, report, force)
    return report


def _batches(items: Iterable[Article], n: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for a in items:
        batch.append(a)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def _fail(store: Store, report: IngestReport, f: Failure) -> None:
    store.add_failure(f)
    report.failures.append(f)


def _write(batch: list[Article], store: Store, extractor: Extractor, report: IngestReport, force: bool) -> None:
    todo = []
    for a in _last_of_each_id(batch):
        old = store.article(a.id)
        if old is not None and content_hash(old) == content_hash(a) and not force:
            report.unchanged += 1
            store.clear_failure(a.origin or "")
        else:
            todo.append((a, old is None))
    claims = extractor.extract([a for a, _ in todo])
    with store.transaction():
        for a, is_new in todo:
            store.put_article(a)
            store.replace_claims(a.id, claims[a.id])
            store.clear_failure(a.origin or "")
            report.claims += len(claims[a.id])
            if is_new:
                report.new += 1
            else:
                report.changed += 1


def _last_of_each_id(batch: list[Article]) -> list[Article]:
    """Within one batch the last version of an id wins, as it would across batches."""
    return list({a.id: a for a in batch}.values())
