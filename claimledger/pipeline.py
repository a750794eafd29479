"""The spine: read -> extract -> store, in batches, each batch one transaction; then copies.

An article and its claims are written together, so a crash never leaves an
article stored without its claims; unchanged articles are not parsed again. Where
the claims are extracted is a parameter (``Extraction``): in this process
(``InProcess``, or an ``Extractor`` itself) or on a Dask cluster's workers
(``scale.OnCluster``); reading, planning, committing and what follows are the same.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol, Sequence

from .copies import find_copies
from .events.rebuild import rebuild as rebuild_events, update as update_events
from .extract import build_extractor, store_alias_file
from .extract.claims import Extractor
from .ingest.fields import FieldMap
from .ingest.guard import DEFAULT_MAX_MB, fingerprint, read_limited
from .ingest.walk import walk
from .language import detect, is_extractable
from .model import Article, Failure, FileMark
from .store.base import Store, content_hash
from .words import plural


# past this many articles written, events are built again from every claim, not by country
UPDATE_AT_MOST = 5_000

@dataclass
class IngestReport:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    claims: int = 0
    skipped: int = 0  # files of other kinds inside folders
    not_english: int = 0  # stored and marked with their language, not extracted
    done_before: int = 0  # files read whole by an earlier run, unchanged since: skipped
    copies: int = 0  # copied passages the new and changed articles take part in
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
        line += f"; copied passages found: {self.copies}"
        if self.not_english:
            line += f"; {self.not_english} not in English or Persian (stored, not extracted)"
        if self.done_before:
            line += f"; {plural(self.done_before, 'file')} already ingested, skipped (--force reads them)"
        return line + (f"; {plural(self.skipped, 'other file')} skipped" if self.skipped else "")


Progress = Callable[[str, int, "int | None"], None]
"""``progress(stage, done, total)``, told as an ingest goes: ("files", files read, files),
("articles", articles read so far, None) after each batch, then ("copies", 0, None) as
copy detection begins and ("copies", indexed, of how many) after each of its batches,
and ("events", 0, None)."""


Batches = Iterable[tuple[list[Article], Sequence[FileMark]]]
"""(articles, files read whole with them), in the order read: each pair is committed together."""


class Extraction(Protocol):
    """Where claims are found. ``write`` plans each batch against the store (``plan``),
    extracts the new and changed articles and commits the batch (``commit``), batches
    in the order given, each told to ``progress`` ("articles") once committed."""

    def write(self, batches: Batches, store: Store, report: IngestReport, force: bool,
              progress: Progress | None = None) -> None: ...


@dataclass(frozen=True)
class InProcess:
    """Extraction in this process, one batch after the other."""
    extractor: Extractor

    def write(self, batches: Batches, store: Store, report: IngestReport, force: bool,
              progress: Progress | None = None) -> None:
        for batch, marks in batches:
            todo = plan(batch, store, report, force)
            claims = self.extractor.extract([a for a, _ in todo if is_extractable(a.language)])
            commit(todo, claims, store, report, marks)
            tell_articles(progress, report)


def _strategy(extraction: Extraction | Extractor) -> Extraction:
    if isinstance(extraction, Extractor):
        return InProcess(extraction)
    if callable(getattr(extraction, "write", None)):
        return extraction
    raise TypeError(f"extraction is an Extractor (this process) or scale.OnCluster(client) "
                    f"(a Dask cluster's workers), not {type(extraction).__name__}")


@contextmanager
def open_extraction(conf: dict, store: Store, workers: int | None = None,
                    address: str | None = None) -> Iterator[Extraction]:
    """The extraction of the settings' ``model`` and aliases (``extract.build_extractor``):
    in this process; or on a local Dask cluster of ``workers`` processes, or on the
    scheduler at ``address`` (the ``scale`` extra), closed on leaving."""
    if workers is None and address is None:
        yield InProcess(build_extractor(conf, store))
        return
    from .scale import Cluster, OnCluster, connect
    store_alias_file(conf, store)
    aliases = tuple(store.aliases().items())
    with connect(Cluster(workers, address, conf["model"], aliases)) as client:
        yield OnCluster(client)


def ingest_paths(paths: Iterable[str], store: Store, extraction: Extraction | Extractor,
                 batch_size: int = 64, force: bool = False, progress: Progress | None = None,
                 fields: FieldMap | None = None, max_bytes: int = DEFAULT_MAX_MB * 1_000_000) -> IngestReport:
    """Read files and folders into the store, telling ``progress`` how far it is.

    ``extraction`` finds the claims: an ``Extractor`` (or ``InProcess``) in this process,
    or ``scale.OnCluster(client)`` on a Dask cluster's workers; the store gets the same
    either way. ``fields`` maps CSV columns / JSON keys to article fields (``--map``). A
    file read whole with no failure is marked in the transaction of its last article,
    and skipped by later runs while its content is the same (``force`` reads it again):
    a run killed midway resumes where it stopped. No article over ``max_bytes`` is read."""
    extraction = _strategy(extraction)
    walked = walk(paths)
    report = IngestReport(skipped=len(walked.skipped))
    for f in walked.failures:
        _fail(store, report, f)
    extraction.write(read_batches(walked.files, store, report, batch_size, force, progress, fields,
                                  max_bytes), store, report, force, progress)
    finish(store, report, progress)
    return report


def tell_articles(progress: Progress | None, report: IngestReport) -> None:
    if progress:
        progress("articles", report.new + report.changed + report.unchanged, None)


def read_batches(files: Sequence[Path], store: Store, report: IngestReport, batch_size: int,
                 force: bool, progress: Progress | None = None,
                 fields: FieldMap | None = None, max_bytes: int = DEFAULT_MAX_MB * 1_000_000,
                 ) -> Iterator[tuple[list[Article], list[FileMark]]]:
    """(articles, files now read whole) to commit together; failures are stored as read.

    A file is marked only with the batch that holds its last article, so a mark never
    stands for an article that is not committed."""
    batch: list[Article] = []
    read_whole: list[FileMark] = []
    for done, path in enumerate(files, 1):
        mark = fingerprint(path)
        skip = mark is not None and not force and store.is_ingested(mark)
        report.done_before += skip
        if not skip:  # read again: its old failures give way to what this reading finds
            store.clear_failure(str(path))
        clean = True
        for item in [] if skip else read_limited(path, max_bytes, fields=fields):
            if isinstance(item, Failure):
                _fail(store, report, item)
                clean = False  # read again next time, so its failures are told again
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                yield batch, read_whole
                batch, read_whole = [], []
        if mark and clean and not skip:
            read_whole.append(mark)
        if progress:
            progress("files", done, len(files))
    if batch or read_whole:
        yield batch, read_whole


def ingest_articles(articles: Iterable[Article], store: Store, extraction: Extraction | Extractor,
                    batch_size: int = 64, force: bool = False, after: bool = True) -> IngestReport:
    """The same as ``ingest_paths`` for articles already in memory (tests, other readers);
    ``after=False`` stops at stored claims: no events, and no copies but those a cluster
    finds while it waits."""
    extraction = _strategy(extraction)
    report = IngestReport()
    extraction.write(((batch, ()) for batch in _batches(articles, batch_size)), store, report, force)
    if after:
        finish(store, report)
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


def finish(store: Store, report: IngestReport, progress: Progress | None = None) -> None:
    """What follows the articles: copies of the new ones, then events (one process or many)."""
    if progress:
        progress("copies", 0, None)
    told = (lambda done, total: progress("copies", done, total)) if progress else None
    report.copies += find_copies(store, progress=told).passages  # what is left: all, unless found per batch
    todo = store.events_todo()  # this run's articles, and any a crash left behind
    if todo:
        if progress:
            progress("events", 0, None)
        if len(todo) > UPDATE_AT_MOST:  # most countries are touched: one pass is cheaper
            rebuild_events(store)
        else:
            update_events(store, todo)
    else:  # copies found in articles stored before move the voices of their events
        store.summarize_events()


def plan(batch: list[Article], store: Store, report: IngestReport, force: bool,
         detect_new: bool = True) -> list[tuple[Article, bool]]:
    """The (article, is_new) pairs of a batch to extract; unchanged articles are counted.

    ``detect_new=False`` leaves the language of new ids to whoever extracts them (a
    Dask worker): only a stored article's hash needs it now."""
    todo = []
    for a in _last_of_each_id(batch):
        old = store.article(a.id)
        if a.language is None and (old is not None or detect_new):  # the hash includes it
            a = replace(a, language=detect(a.text))
        if old is not None and content_hash(old) == content_hash(a) and not force:
            report.unchanged += 1
            store.clear_failure(a.origin or "")
        else:
            todo.append((a, old is None))
    return todo


def commit(todo: list[tuple[Article, bool]], claims: dict, store: Store, report: IngestReport,
           marks: Iterable[FileMark] = ()) -> None:
    """Store planned articles with their claims, and mark the files now read whole:
    one transaction for the batch."""
    with store.transaction():
        for mark in marks:
            store.mark_ingested(mark)
        store.put_articles([(a, claims.get(a.id, [])) for a, _ in todo])
        for a, is_new in todo:
            report.claims += len(claims.get(a.id, []))
            report.not_english += not is_extractable(a.language)
            if is_new:
                report.new += 1
            else:
                report.changed += 1


def _last_of_each_id(batch: list[Article]) -> list[Article]:
    """Within one batch the last version of an id wins, as it would across batches."""
    return list({a.id: a for a in batch}.values())
