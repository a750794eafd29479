"""What the web app reads: one store per thread, each request's queries go to it.

Pages and the API ask the store for a page at a time (``store/listing.py``,
``store/places.py``), so nothing is held between requests and a write from the
command line shows on the next one.
"""
from __future__ import annotations

import threading
from typing import Callable

from ..store.base import Store


class Ledger:
    """The app's access to the data: ``ledger.store``, this thread's."""

    def __init__(self, open_store: Callable[[], Store]):
        self._open = open_store
        self._local = threading.local()
        self._lock = threading.Lock()
        self._stores: list[Store] = []

    @property
    def store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:  # SQLite connections belong to the thread that made them
            store = self._local.store = self._open()
            with self._lock:
                self._stores.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            stores, self._stores = self._stores, []
        for s in stores:
            try:
                s.close()
            except Exception:  # a connection of a finished thread; closing is best effort
                pass
