"""The queries behind every endpoint and page: one query, two formats.

``api.py`` turns their results into JSON, ``pages.py`` into HTML; neither filters or
counts on its own. Each list query returns a ``Page`` (total, limit, offset, items).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..errors import ClaimledgerError
from ..events.resolve import claim_key
from ..events.trace import copied_passages, genealogies
from ..events.typology import acled
from ..export.claims import chain
from ..export.events import coordinates
from ..model import Article, Claim, Copy, Event
from .ledger import Ledger, Snapshot

MAX_LIMIT = 500


class NotFound(ClaimledgerError):
    """A record asked for by id is not stored."""


@dataclass(frozen=True)
class Page:
    total: int
    limit: int
    offset: int
    items: list[Any]

    @classmethod
    def of(cls, rows: list, limit: int, offset: int) -> Page:
        return cls(len(rows), limit, offset, rows[offset:offset + limit])


@dataclass(frozen=True)
class ClaimFilter:
    category: str | None = None
    country: str | None = None
    source: str | None = None
    since: date | None = None
    until: date | None = None
    event: str | None = None
    q: str | None = None  # every word in the claim's sentence, any case


@dataclass(frozen=True)
class EventFilter:
    country: str | None = None
    type: str | None = None
    category: str | None = None  # events with a figure of this category
    since: date | None = None
    until: date | None = None
    q: str | None = None  # full-text search over the events' articles


# -- claims ------------------------------------------------------------------
def claims(ledger: Ledger, f: ClaimFilter, limit: int = 50, offset: int = 0) -> Page:
    snap = ledger.snapshot()
    tests = []  # only the filters given: an unfiltered page is a slice of the snapshot
    if f.event:
        rows = list(_event(snap, f.event).claims)
        if f.category:
            tests.append(lambda c: c.category == f.category)
    else:
        rows = snap.by_category.get(f.category, []) if f.category else snap.claims
    if f.country:
        country = f.country.upper()
        tests.append(lambda c: c.where is not None and (c.where.country or "").upper() == country)
    if f.source:
        names = ledger.store.source_names(f.source)
        tests.append(lambda c: any(n in s.name.casefold() for s in c.sources for n in names))
    if f.q:
        words = f.q.casefold().split()
        tests.append(lambda c: all(w in c.sentence.casefold() for w in words))
    if f.since or f.until:
        tests.append(lambda c: _overlaps(_claim_dates(snap, c), f.since, f.until))
    for test in tests:  # one pass per filter, the most selective (category) first
        rows = [c for c in rows if test(c)]
    return Page.of(rows, limit, offset)


def claim_record(snap: Snapshot, c: Claim) -> dict:
    """The spec's record plus what the web needs: a key, offsets, chain and event."""
    return dict(c.to_record(), id=claim_key(c), start=c.start, end=c.end, chain=chain(c),
                event=snap.event_of.get(claim_key(c)),
                source_spans=[[s.start, s.end] for s in c.sources if s.start is not None])


def _claim_dates(snap: Snapshot, c: Claim) -> tuple[date | None, date | None]:
    if c.when and (c.when.start or c.when.end):
        return c.when.start, c.when.end
    published = snap.published(c.article)
    return published, published


def _overlaps(span: tuple[date | None, date | None], since: date | None, until: date | None) -> bool:
    start, end = span
    if since and (end or start) and (end or start) < since:
        return False
    if until and (start or end) and (start or end) > until:
        return False
    return not ((since or until) and not (start or end))


# -- events ------------------------------------------------------------------
def events(ledger: Ledger, f: EventFilter, limit: int = 50, offset: int = 0) -> Page:
    snap = ledger.snapshot()
    found = None
    if f.q:
        found = {a for a, _ in ledger.store.search(f.q, limit=1000)}
    country = f.country.upper() if f.country else None
    rows = [e for e in snap.events
            if (not country or (e.where.country or "").upper() == country)
            and (not f.type or e.type == f.type)
            and (not f.category or any(c.category == f.category for c in e.claims))
            and (found is None or any(c.article in found for c in e.claims))
            and _overlaps((e.when.start, e.when.end), f.since, f.until)]
    return Page.of(rows, limit, offset)


def event_summary(snap: Snapshot, e: Event) -> dict:
    """An event in a list: what, when, where, and each category's range."""
    event_type, sub_event_type = acled(e.type, e.evidence)
    return {"id": e.id, "type": e.type, "event_type": event_type, "sub_event_type": sub_event_type,
            "when": e.when.to_record(), "where": e.where.to_record(), "parent": e.parent,
            "actors": list(e.actors), "evidence": list(e.evidence), "claims": len(e.claims),
            "articles": sorted({c.article for c in e.claims}),
            "ranges": {s.category: [s.low, s.high] for s in snap.figures(e)}}


def event(ledger: Ledger, event_id: str) -> dict:
    """One event with every figure side by side, and each source's figures over time."""
    snap = ledger.snapshot()
    e = _event(snap, event_id)
    summaries = snap.figures(e)
    lat, lon, _ = coordinates(e)
    series: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for s in summaries:
        for fig in s.figures:
            if fig.said:
                value = fig.value if fig.value is not None else (fig.low or fig.high)
                series[s.category][fig.first_source or "(the article itself)"].append(
                    [fig.said.isoformat(), value, fig.span])
    return dict(event_summary(snap, e), point=[lat, lon] if lat != "" else None,
                figures=[s.to_record() for s in summaries],
                over_time={k: dict(v) for k, v in series.items()},
                claim_records=[claim_record(snap, c) for c in e.claims],
                parts=[p.id for p in snap.events if p.parent == e.id])


def event_trace(ledger: Ledger, event_id: str, category: str | None = None) -> list[dict]:
    """Each figure's genealogy: first sayer, relays, copies, unattributed repeats."""
    snap = ledger.snapshot()
    e = _event(snap, event_id)
    copied = copied_passages(ledger.store, {c.article for c in e.claims})
    return [g.to_record() for g in genealogies(e, snap.ctx, copied, category)]


def _event(snap: Snapshot, event_id: str) -> Event:
    e = snap.event_by_id.get(event_id) or snap.event_by_id.get(f"ev-{event_id}")
    if e is None:
        raise NotFound(f"no event {event_id!r}; /api/events lists their ids")
    return e


# -- articles, copies, sources -----------------------------------------------
def articles(ledger: Ledger, q: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    snap = ledger.snapshot()
    counts = Counter(c.article for c in snap.claims)
    rows = list(snap.articles.values())
    if q:
        hits = [a for a, _ in ledger.store.search(q, limit=1000)]
        rows = [snap.articles[a] for a in hits if a in snap.articles]
    return Page.of([dict(article_meta(a), claims=counts[a.id]) for a in rows], limit, offset)


def article_meta(a: Article) -> dict:
    return {"id": a.id, "title": a.title, "published": a.published and a.published.isoformat(),
            "outlet": a.outlet, "url": a.url, "language": a.language}


def article(ledger: Ledger, article_id: str) -> dict:
    """An article's text with its claims (and their sources' offsets) and copied passages."""
    a = ledger.store.article(article_id)
    if a is None:
        raise NotFound(f"no article {article_id!r}; /api/articles lists their ids")
    snap = ledger.snapshot()
    found = list(ledger.store.claims(article=article_id))
    copies = [c for c in _copies(ledger, article_id)]
    return dict(article_meta(a), text=a.text, claims=[claim_record(snap, c) for c in found],
                copies=[copy_record(ledger, c) for c in copies])


def _copies(ledger: Ledger, article_id: str | None) -> list[Copy]:
    return list(ledger.store.copies(article_id))


def copies(ledger: Ledger, article_id: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    page = Page.of(_copies(ledger, article_id), limit, offset)
    return Page(page.total, limit, offset, [copy_record(ledger, c) for c in page.items])


def copy_record(ledger: Ledger, c: Copy) -> dict:
    """Both passages of a copy, each with its article's title and date."""
    other = ledger.store.article(c.copy.article)
    first = ledger.snapshot().articles.get(c.first.article)
    return dict(c.to_record(),
                copy_text=other.text[c.copy.start:c.copy.end] if other else None,
                first_meta=article_meta(first) if first else None,
                copy_meta=article_meta(other) if other else None)


def sources(ledger: Ledger, q: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    """Every name in a chain: how many claims name it, how often it is the first sayer."""
    snap = ledger.snapshot()
    named, first, articles_of = Counter(), Counter(), defaultdict(set)
    for c in snap.claims:
        for i, s in enumerate(c.sources):
            named[s.name] += 1
            first[s.name] += i == 0
            articles_of[s.name].add(c.article)
    wanted = q.casefold() if q else None
    rows = [{"name": n, "claims": k, "first_source": first[n], "articles": len(articles_of[n])}
            for n, k in named.most_common() if not wanted or wanted in n.casefold()]
    return Page.of(rows, limit, offset)
