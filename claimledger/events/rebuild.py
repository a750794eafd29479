"""Events (re)built from the stored claims, and what figures need from the store.

Events never cross a border, so they are built one country at a time: the claims
stream out of the store into mentions, the mentions are set aside by country (in
memory for a small corpus, in a temporary file past ``SPILL_AFTER``), and each
country's are resolved and stored in turn. Memory follows the largest country's
claims, not the corpus (a million articles fit in 2 GB).

For the same reason new or changed articles need only their countries' events built
again (``update``): those their claims are placed in now, and those of the events
that held their old claims. The result is a full ``rebuild``'s (a test compares them).
"""
from __future__ import annotations

import pickle
import sqlite3
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from itertools import groupby
from pathlib import Path

from ..model import Event
from ..store.base import Store
from .figures import Context
from .mentions import Mention, mentions
from .resolve import claim_key, resolve


def rebuild(store: Store) -> int:
    """Gather every stored claim into events and store them (replacing the old ones,
    in one transaction); the number of events."""
    with by_country(mentions(store.claims(), texts(store))) as countries:
        return _store(store, countries)


def update(store: Store, articles: Collection[str] | None = None) -> int:
    """Build again the events of the countries these articles (new, changed or gone;
    by default those whose claims were written since) touch, and store them in place
    of those countries' (in one transaction); the number of events built. The same
    events as ``rebuild`` would store."""
    if articles is None:
        articles = store.events_todo()
    scope = store.countries_of_events_of(articles)
    scope |= {m.country or "" for m in mentions(store.claims(articles=articles), texts(store))}
    if not scope:
        store.replace_events((), countries=scope, done=articles)
        return 0
    # every mention of those countries, from every article that has one, in the
    # order a full rebuild reads them (by article id)
    found = (m for m in mentions(store.claims(articles=store.articles_in_countries(scope)),
                                 texts(store)) if (m.country or "") in scope)
    with by_country(found) as countries:
        return _store(store, countries, scope, articles)


def _store(store: Store, countries: Iterator[list[Mention]], scope: set[str] | None = None,
           done: Collection[str] = ()) -> int:
    count = 0

    def events():
        nonlocal count
        for found in countries:
            for e in resolve(found):
                count += 1
                yield e

    store.replace_events(events(), countries=scope, done=done)
    return count


def stored_events(store: Store, rebuild_first: bool = False) -> tuple[list[Event], Context]:
    """The stored events and their context; built from the claims first when none are
    stored (or when ``rebuild_first``)."""
    found = store.events()
    if rebuild_first or (not found and store.count_claims()):
        found = store.events() if rebuild(store) else []
    return found, context(store)


def texts(store: Store) -> Callable[[str], str | None]:
    """An article id -> its stored text (the sentence before a claim's tells its kind)."""
    def text_of(article: str) -> str | None:
        found = store.article(article)
        return found.text if found else None
    return text_of


SPILL_AFTER = 20_000  # mentions kept in memory; beyond, they wait in a temporary file


@contextmanager
def by_country(found: Iterable[Mention], spill_after: int = SPILL_AFTER
               ) -> Iterator[Iterator[list[Mention]]]:
    """The mentions of each country in turn (in the order they came). Up to
    ``spill_after`` mentions are kept in memory; past that, all of them wait in a
    temporary SQLite file, so memory follows the largest country, not the corpus. An
    article's mentions of one country are kept together, so a local part keeps its
    wave (``Mention.parent``, always of the same country)."""
    parts = ((country or "", group) for _, article in groupby(found, key=lambda m: m.article)
             for country, group in _grouped(article))
    held: dict[str, list[list[Mention]]] = {}
    count = 0
    for country, group in parts:
        held.setdefault(country, []).append(group)
        count += len(group)
        if count > spill_after:
            with _spilled(held, parts) as countries:
                yield countries
            return
    yield ([m for group in held[c] for m in group] for c in sorted(held))


@contextmanager
def _spilled(held: dict[str, list[list[Mention]]], rest: Iterator[tuple[str, list[Mention]]]
             ) -> Iterator[Iterator[list[Mention]]]:
    """``by_country`` past its limit: the parts held so far, then the rest, in a file."""
    with tempfile.TemporaryDirectory(prefix="claimledger-events-") as tmp:
        spill = sqlite3.connect(Path(tmp, "mentions.db"))
        try:
            spill.execute("CREATE TABLE m (country TEXT, part BLOB)")
            insert = "INSERT INTO m VALUES (?, ?)"
            spill.executemany(insert, ((c, _pickled(g)) for c, groups in held.items() for g in groups))
            held.clear()
            spill.executemany(insert, ((c, _pickled(g)) for c, g in rest))
            spill.execute("CREATE INDEX m_country ON m (country)")
            countries = [r[0] for r in spill.execute("SELECT DISTINCT country FROM m ORDER BY country")]
            yield ([m for (part,) in spill.execute("SELECT part FROM m WHERE country = ? ORDER BY rowid", (c,))
                    for m in pickle.loads(part)] for c in countries)
        finally:
            spill.close()


def _pickled(group: list[Mention]) -> bytes:
    return pickle.dumps(group, pickle.HIGHEST_PROTOCOL)


def _grouped(article: Iterable[Mention]) -> Iterator[tuple[str | None, list[Mention]]]:
    parts: dict[str | None, list[Mention]] = {}
    for m in article:
        parts.setdefault(m.country, []).append(m)
    return iter(parts.items())


def context(store: Store) -> Context:
    """Article dates and outlets, and each claim's first publisher from the copies module
    (issue 3) when it has found copies; without them, word-for-word sentences stand in."""
    origins = _copy_origins(store)
    return Context.of(store.articles(), voice_of=lambda c: origins.get(claim_key(c)))


def _copy_origins(store: Store) -> dict[str, str]:
    try:
        from ..copies import claim_origins
        return {claim_key(o.claim): o.origin for o in claim_origins(store)
                if o.origin != o.claim.article}
    except ImportError:
        return {}
