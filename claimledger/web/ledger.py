"""What the web app reads: one store per thread, each request's queries go to it.

Pages and the API ask the store for a page at a time (``store/listing.py``,
``store/places.py``), so a write from the command line shows on the next request.
The one answer that reads every dated event (the timeline's per-period figures,
small itself) is kept until ``Store.revision()`` changes.
"""
from __future__ import annotations

import threading
from typing import Callable, TypeVar

from ..store.base import Store

T = TypeVar("T")


class Ledger:
    """The app's access to the data: ``ledger.store``, this thread's."""

    def __init__(self, open_store: Callable[[], Store]):
        self._open = open_store
        self._local = threading.local()
        self._lock = threading.Lock()
        self._stores: list[Store] = []
        self._kept: dict[object, tuple[object, object]] = {}  # key -> (revision, value)

    @property
    def store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:  # SQLite connections belong to the thread that made them
            store = self._local.store = self._open()
            with self._lock:
                self._stores.append(store)
        return store

    def while_unchanged(self, key: object, compute: Callable[[], T]) -> T:
        """``compute()``, kept under ``key`` until the store's revision changes (a write
        by anyone): for the few answers that read the whole ledger, small themselves."""
        revision = self.store.revision()
        with self._lock:
            kept = self._kept.get(key)
        if kept is not None and kept[0] == revision:
            return kept[1]  # type: ignore[return-value]
        value = compute()
        with self._lock:
            self._kept[key] = (revision, value)
        return value

    def close(self) -> None:
        with self._lock:
            stores, self._stores = self._stores, []
        for s in stores:
            try:
                s.close()
            except Exception:  # a connection of a finished thread; closing is best effort
                pass
