"""The queries behind every endpoint and page: one query, two formats.

``api.py`` turns their results into JSON, ``pages.py`` into HTML; neither filters or
counts on its own. Each list query returns a ``Page`` (total, limit, offset, items,
exact). Every list is one paged query of the store (``store/listing.py``); each request
reads the store afresh, so what ``ingest`` or ``watch`` wrote shows on the next page.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from ..errors import ClaimledgerError
from ..events.figures import Context
from ..events.resolve import claim_key
from ..events.trace import copied_passages, genealogies
from ..events.typology import acled
from ..export.claims import chain
from ..model import Article, Claim, Event
from ..store.listing import SEARCH_HITS, ClaimFilter, CopyRow, EventFilter, EventRow, Found
from .ledger import Ledger

MAX_LIMIT = 500


class NotFound(ClaimledgerError):
    """A record asked for by id is not stored."""


@dataclass(frozen=True)
class Page:
    total: int  # exact, or (``exact`` False) a lower bound where counting on was too costly
    limit: int
    offset: int
    items: list[Any]
    exact: bool = True

    @classmethod
    def of(cls, found: Found, limit: int, offset: int, item=lambda x: x) -> Page:
        return cls(found.total, limit, offset, [item(x) for x in found.items], found.exact)


# -- claims ------------------------------------------------------------------
def claims(ledger: Ledger, f: ClaimFilter, limit: int = 50, offset: int = 0) -> Page:
    """Claim records in article then offset order; the filters are the store's query."""
    if f.event:
        f = replace(f, event=_event(ledger, f.event).event.id)
    found = ledger.store.claim_page(f, limit, offset)
    return Page.of(found, limit, offset, lambda pair: claim_record(*pair))


def claim_record(c: Claim, event: str | None) -> dict:
    """The spec's record plus what the web needs: a key, offsets, chain and event."""
    return dict(c.to_record(), id=claim_key(c), start=c.start, end=c.end, chain=chain(c), event=event,
                source_spans=[[s.start, s.end] for s in c.sources if s.start is not None])


# -- events ------------------------------------------------------------------
def events(ledger: Ledger, f: EventFilter, limit: int = 50, offset: int = 0) -> Page:
    return Page.of(ledger.store.event_page(f, limit, offset), limit, offset, event_summary)


def event_summary(row: EventRow) -> dict:
    """An event in a list: what, when, where, and each category's range."""
    e = row.event
    event_type, sub_event_type = acled(e.type, e.evidence)
    return {"id": e.id, "type": e.type, "event_type": event_type, "sub_event_type": sub_event_type,
            "when": e.when.to_record(), "where": e.where.to_record(), "parent": e.parent,
            "actors": list(e.actors), "evidence": list(e.evidence), "claims": row.claims,
            "articles": row.articles, "ranges": row.ranges}


def event(ledger: Ledger, event_id: str) -> dict:
    """One event with every figure side by side, and each source's figures over time."""
    row = _event(ledger, event_id)
    e = _with_claims(ledger, row)
    series: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for s in row.figures:
        for fig in s["figures"]:
            if fig["said"]:
                value = fig["value"] if fig["value"] is not None else (fig["low"] or fig["high"])
                series[s["category"]][fig["first_source"] or "(the article itself)"].append(
                    [fig["said"], value, fig["span"]])
    return dict(event_summary(row), point=list(row.point) if row.point else None, figures=row.figures,
                over_time={k: dict(v) for k, v in series.items()},
                claim_records=[claim_record(c, e.id) for c in e.claims],
                parts=ledger.store.event_parts(e.id))


def event_trace(ledger: Ledger, event_id: str, category: str | None = None) -> list[dict]:
    """Each figure's genealogy: first sayer, relays, copies, unattributed repeats."""
    e = _with_claims(ledger, _event(ledger, event_id))
    articles = {c.article for c in e.claims}
    ctx = Context.of(ledger.store.article_facts(articles).values())
    return [g.to_record() for g in genealogies(e, ctx, copied_passages(ledger.store, articles), category)]


def _event(ledger: Ledger, event_id: str) -> EventRow:
    row = ledger.store.event_row(event_id)
    if row is None:
        raise NotFound(f"no event {event_id!r}; /api/events lists their ids")
    return row


def _with_claims(ledger: Ledger, row: EventRow) -> Event:
    found = ledger.store.events_among([row.event.id])
    return found[0] if found else row.event  # deleted since: the event without its claims


# -- articles, copies, sources -----------------------------------------------
def articles(ledger: Ledger, q: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    """Articles in ingest order, or those the full-text search finds, best first."""
    among = ledger.store.search_ids(q, SEARCH_HITS) if q else None
    found = ledger.store.article_page(limit, offset, among)
    return Page.of(found, limit, offset, lambda pair: dict(article_meta(pair[0]), claims=pair[1]))


def article_meta(a: Article) -> dict:
    return {"id": a.id, "title": a.title, "published": a.published and a.published.isoformat(),
            "outlet": a.outlet, "url": a.url, "language": a.language}


def article(ledger: Ledger, article_id: str) -> dict:
    """An article's text with its claims (and their sources' offsets) and copied passages."""
    store = ledger.store
    a = store.article(article_id)
    if a is None:
        raise NotFound(f"no article {article_id!r}; /api/articles lists their ids")
    events = store.article_events(article_id)
    return dict(article_meta(a), text=a.text,
                claims=[claim_record(c, events.get((c.start, c.end, c.category)))
                        for c in store.claims(article=article_id)],
                copies=[copy_record(c) for c in store.copy_page(article_id, None).items])


def copies(ledger: Ledger, article_id: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    return Page.of(ledger.store.copy_page(article_id, limit, offset), limit, offset, copy_record)


def copy_record(row: CopyRow) -> dict:
    """Both passages of a copy, each with its article's title and date."""
    return dict(row.copy.to_record(), copy_text=row.copy_text, first_meta=article_meta(row.first),
                copy_meta=article_meta(row.copied_in))


def sources(ledger: Ledger, q: str | None = None, limit: int = 50, offset: int = 0) -> Page:
    """Every name in a chain: how many claims name it, how often it is the first sayer."""
    return Page.of(ledger.store.source_page(q, limit, offset), limit, offset)
