"""What the web app reads: a few stores shared by all of a worker's requests, each
request holding one of them from its start to its end.

Pages and the API ask the store for a page at a time (``store/listing.py``,
``store/places.py``), so a write from the command line shows on the next request.
The one answer that reads every dated event (the timeline's per-period figures,
small itself) is kept until ``Store.revision()`` changes.

Why a pool and not a store per thread: a worker answers up to 40 requests at once
(Starlette's thread pool), and each store holds a connection with its own page cache.
A store per thread made 40 connections a worker, about 600 MB at a million claims.
Two cores cannot run more than a few queries at once anyway, so ``STORES`` stores
serve every request. A request waits for a free store on the event loop, not in a
thread: were the threads to wait, a full thread pool would leave the requests that
hold the stores no thread to finish on.

    stores = Stores(lambda: open_store(db, read_only=True))
    async with stores.lease() as ledger:     # a FastAPI dependency (api.ledger)
        ledger.store.claim_page(...)         # used in the route's thread
"""
from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Callable, TypeVar

import anyio

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
        self._lock = threading.Lock()
        self._gate: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None
        self._kept: dict[object, tuple[object, object]] = {}  # key -> (revision, value)

    @asynccontextmanager
    async def lease(self) -> AsyncIterator[Ledger]:
        """A store of the pool, this request's alone until the block ends."""
        async with self._semaphore():
            with self._lock:
                store = self._idle.pop() if self._idle else None  # the last used: a warm cache
            if store is None:  # fewer stores than the pool holds are open: one more
                store = await anyio.to_thread.run_sync(self._open)
                with self._lock:
                    self._all.append(store)
            try:
                yield Ledger(self, store)
            finally:
                with self._lock:
                    self._idle.append(store)

    def _semaphore(self) -> asyncio.Semaphore:
        """The running event loop's gate of ``size`` places (a server has one loop; a
        test client starts one of its own each time)."""
        loop = asyncio.get_running_loop()
        with self._lock:
            if self._gate is None or self._gate[0] is not loop:
                self._gate = (loop, asyncio.Semaphore(self._size))
            return self._gate[1]

    def kept(self, key: object, revision: object, compute: Callable[[], T]) -> T:
        """The value kept under ``key`` if computed at ``revision``, else ``compute()``'s,
        kept from now on (shared by the pool's stores: they read one database)."""
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
            stores, self._all, self._idle = self._all, [], []
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
