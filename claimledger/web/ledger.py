"""What the web app reads: one store per thread, and a snapshot of claims and events.

Listing and filtering 100k claims by country, date or event needs them in memory
(the Store interface hands them out as an iterator); the snapshot is read once and
kept while ``Store.revision()`` stays the same, so an ingest from the command line
shows up on the next request. Articles, their claims and copies are read from the
store directly (they are indexed by article).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Callable

from ..events.figures import Context, Summary, figures
from ..events.rebuild import context
from ..events.resolve import claim_key
from ..model import Article, Claim, Event
from ..store.base import Store


@dataclass
class Snapshot:
    claims: list[Claim]
    events: list[Event]
    articles: dict[str, Article]  # without text: metadata only is needed here
    ctx: Context
    event_of: dict[str, str] = field(default_factory=dict)  # claim key -> event id
    _figures: dict[str, list[Summary]] = field(default_factory=dict)

    @classmethod
    def read(cls, store: Store) -> Snapshot:
        claims = list(store.claims())
        events = store.events()
        articles = {a.id: a for a in store.articles()}
        snap = cls(claims, events, articles, context(store))
        for e in events:
            for c in e.claims:
                snap.event_of[claim_key(c)] = e.id
        return snap

    @cached_property
    def event_by_id(self) -> dict[str, Event]:
        return {e.id: e for e in self.events}

    @cached_property
    def by_category(self) -> dict[str, list[Claim]]:
        out: dict[str, list[Claim]] = {}
        for c in self.claims:
            out.setdefault(c.category, []).append(c)
        return out

    def figures(self, event: Event) -> list[Summary]:
        if event.id not in self._figures:
            self._figures[event.id] = figures(event, self.ctx)
        return self._figures[event.id]

    def published(self, article: str) -> date | None:
        a = self.articles.get(article)
        return a.published if a else None


class Ledger:
    """The app's access to the data: ``ledger.store`` (this thread's) and ``ledger.snapshot()``."""

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
