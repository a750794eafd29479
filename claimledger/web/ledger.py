"""What the web app reads: a few stores shared by all of a worker's request threads,
each request holding one of them from its start to its end.

Pages and the API ask the store for a page at a time (``store/listing.py``,
``store/places.py``), so a write from the command line shows on the next request.
The one answer that reads every dated event (the timeline's per-period figures,
small itself) is kept until ``Store.revision()`` changes.

Why a pool and not a store per thread: a worker answers up to 40 requests at once
(Starlette's thread pool), and each store holds a connection with its own page cache.
A store per thread made 40 connections a worker, about 600 MB at a million claims.
Two cores cannot run more than a few queries at once anyway, so ``STORES`` stores
serve every thread; a request that finds them all busy waits for the first one back.

    stores = Stores(lambda: open_store(db, read_only=True))
    with stores.lease() as ledger:
        ledger.store.claim_page(...)
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Callable, TypeVar

from ..store.base import Store

T = TypeVar("T")

STORES = 6  # a worker's stores (connections); see the module's docstring


class Stores:
    """A bounded pool of stores, opened as first needed, lent one request at a time."""

    def __init__(self, open_store: Callable[[], Store], size: int = STORES):
        self._open = open_store
        self._size = size
        self._idle: list[Store] = []
        self._all: list[Store] = []
        self._free = threading.Condition()
        self._kept: dict[object, tuple[object, object]] = {}  # key -> (revision, value)

    @contextmanager
    def lease(self) -> Iterator[Ledger]:
        """A store of the pool, this caller's alone until the block ends."""
        store = self._take()
        try:
            yield Ledger(self, store)
        finally:
            with self._free:
                self._idle.append(store)
                self._free.notify()

    def _take(self) -> Store:
        with self._free:
            while not self._idle and len(self._all) >= self._size:
                self._free.wait()
            if self._idle:
                return self._idle.pop()  # the most recently used: its cache is warm
            self._all.append(None)  # a place taken while the store opens, outside the lock
        try:
            store = self._open()
        except BaseException:
            with self._free:
                self._all.remove(None)
                self._free.notify()
            raise
        with self._free:
            self._all[self._all.index(None)] = store
        return store

    def kept(self, key: object, revision: object, compute: Callable[[], T]) -> T:
        """The value kept under ``key`` if computed at ``revision``, else ``compute()``'s,
        kept from now on (shared by the pool's stores: they read one database)."""
        with self._free:
            kept = self._kept.get(key)
        if kept is not None and kept[0] == revision:
            return kept[1]  # type: ignore[return-value]
        value = compute()
        with self._free:
            self._kept[key] = (revision, value)
        return value

    def close(self) -> None:
        with self._free:
            stores, self._all, self._idle = [s for s in self._all if s is not None], [], []
        for s in stores:
            try:
                s.close()
            except Exception:  # closing is best effort, at shutdown
                pass


class Ledger:
    """One request's access to the data: ``ledger.store``, lent to it by ``Stores``."""

    def __init__(self, stores: Stores, store: Store):
        self._stores = stores
        self.store = store

    def while_unchanged(self, key: object, compute: Callable[[], T]) -> T:
        """``compute()``, kept under ``key`` until the store's revision changes (a write
        by anyone): for the few answers that read the whole ledger, small themselves."""
        return self._stores.kept(key, self.store.revision(), compute)
