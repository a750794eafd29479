"""Extraction on a Dask cluster: this process reads and writes, the workers extract.

    ingest_paths(paths, store, OnCluster(client))    # pipeline.ingest_paths

    read (streamed) -> plan a batch against the store -> workers extract it
    -> commit it here, batches in the order they were read, one transaction each

Planning and committing are ``pipeline``'s own functions, so the store sees what
the one-process path gives it: unchanged articles skipped (never sent), failures
recorded, every batch written whole. At most ``window`` batches are out at once,
so memory stays bounded whatever the input size; the inputs never need to be on
the workers' disks, since articles travel with their batch.

While the workers extract, this process would only wait: it finds the copies of
each batch as soon as the batch is committed (``copies.CopyFinder``, which keeps
its index loaded between batches), so little is left for ``finish`` but events.
The workers prepare each text for the copy index beside its extraction (words,
band keys, trigram hashes: pure work), so this process only looks up, aligns and
writes.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..copies import CopyFinder
from ..errors import ClaimledgerError
from ..model import Article, FileMark
from ..pipeline import Batches, IngestReport, Progress, commit, plan, tell_articles
from ..store.base import Store
from .cluster import extract_batch


@dataclass(frozen=True)
class OnCluster:
    """``pipeline``'s extraction on the workers of ``client``, a dask.distributed Client
    (see ``connect``)."""
    client: Any

    def write(self, batches: Batches, store: Store, report: IngestReport, force: bool,
              progress: Progress | None = None) -> None:
        flight = Flight(self.client, store, report, force, progress)
        for batch, marks in batches:
            flight.send(batch, marks)
        flight.drain()


class Flight:
    """Batches out on the cluster, committed in the order they were sent; the committed
    batches' copies are found while later batches are out, as soon as a copy batch's
    worth (``CopyFinder.batch`` articles) is committed: a lookup of many articles at
    once costs less an article than one of a few."""

    def __init__(self, client, store: Store, report: IngestReport, force: bool,
                 progress: Progress | None = None):
        self.client, self.store, self.report, self.force = client, store, report, force
        self.copies, self.progress = CopyFinder(store), progress
        # enough to keep every worker busy while one batch is being committed
        self.window = 2 * max(1, len(client.scheduler_info().get("workers", {}))) + 1
        self.out: deque = deque()  # (todo, future)
        self.ids: set[str] = set()  # article ids out, not yet committed
        self.uncopied: list[str] = []  # committed, copies not looked for yet
        self.prepared: dict = {}  # their copies.prepare, from the workers

    def send(self, batch: list[Article], marks: Sequence[FileMark] = ()) -> None:
        """Plan the batch now, extract it out there; ``marks`` (files read whole) are
        committed with it, after every batch sent before."""
        if any(a.id in self.ids for a in batch):
            self.drain()  # a later version of an id is planned against the stored earlier one
        todo = plan(batch, self.store, self.report, self.force, detect_new=False)
        future = self.client.submit(extract_batch, [a for a, _ in todo], pure=False) if todo else None
        self.out.append((todo, future, marks))
        self.ids.update(a.id for a, _ in todo)
        while len(self.out) > self.window:
            self._land()

    def drain(self) -> None:
        """Land every batch out; their copies are looked for as each lands, since no
        later batch will keep the workers busy meanwhile."""
        while self.out:
            self._land()
            self._find_copies()

    def _find_copies(self) -> None:
        if self.uncopied:
            self.report.copies += self.copies.update(self.uncopied, self.prepared).passages
        self.uncopied, self.prepared = [], {}

    def _land(self) -> None:
        todo, future, marks = self.out.popleft()
        if future is None:  # nothing to extract: only the marks
            commit([], {}, self.store, self.report, marks)
            tell_articles(self.progress, self.report)
            return
        try:
            articles, claims, prepared = future.result()
        except Exception as e:
            self._cancel()
            raise ClaimledgerError(
                f"extraction failed on the cluster ({type(e).__name__}: {e}); the batches before "
                "it are stored: run the same command again to go on") from e
        commit([(a, new) for a, (_, new) in zip(articles, todo)], claims, self.store, self.report, marks)
        self.ids.difference_update(a.id for a, _ in todo)
        future.release()
        self.uncopied.extend(a.id for a, _ in todo)
        self.prepared.update(prepared)
        if len(self.uncopied) >= self.copies.batch:
            self._find_copies()
        tell_articles(self.progress, self.report)

    def _cancel(self) -> None:
        self.client.cancel([f for _, f, _ in self.out if f is not None])
        self.out.clear()
