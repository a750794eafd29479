"""What the web app reads: one store per thread, each request's queries go to it.

Pages and the API ask the store for a page at a time (``store/listing.py``), so nothing
is held between requests and a write from the command line shows on the next one.
Only the map and the timeline still draw every event: they read a ``Snapshot``, kept
while ``Store.revision()`` stays the same.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Callable

from ..events.figures import Context, Summary, figures
from ..events.rebuild import context
from ..model import Event
from ..store.base import Store


@dataclass
class Snapshot:
    """Every event with its figures: what the map and the timeline draw."""
    events: list[Event]
    ctx: Context
    _figures: dict[str, list[Summary]] = field(default_factory=dict)

    @classmethod
    def read(cls, store: Store) -> Snapshot:
        return cls(store.events(), context(store))

    def figures(self, event: Event) -> list[Summary]:
        if event.id not in self._figures:
            self._figures[event.id] = figures(event, self.ctx)
        return self._figures[event.id]


class Ledger:
    """The app's access to the data: ``ledger.store`` (this thread's) and, for the map
    and the timeline, ``ledger.snapshot()``."""

    def __init__(self, open_store: Callable[[], Store]):
        self._open = open_store
        self._local = threading.local()
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._revision: object | None = None
        self._stores: list[Store] = []

    @property
    def store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:  # SQLite connections belong to the thread that made them
            store = self._local.store = self._open()
            with self._lock:
                self._stores.append(store)
        return store

    def snapshot(self) -> Snapshot:
        revision = self.store.revision()
        with self._lock:
            if self._snapshot is None or revision is None or revision != self._revision:
                self._snapshot = Snapshot.read(self.store)
                self._revision = revision
            return self._snapshot

    def close(self) -> None:
        with self._lock:
            stores, self._stores = self._stores, []
        for s in stores:
            try:
                s.close()
            except Exception:  # a connection of a finished thread; closing is best effort
                pass
