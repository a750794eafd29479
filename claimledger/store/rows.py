"""Records to rows and back, the same for every backend but for how a date travels
(SQLite keeps ISO text, PostgreSQL a ``date``): each passes its dialect's converter,
``put`` to the database (``to_db``) or ``day`` from it (``from_db``).
"""
from __future__ import annotations

import json
from datetime import date
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import groupby, islice
from typing import Any

from ..model import Article, Claim, Event, Place, Source, When

Convert = Callable[[Any], Any]


def claim_row(c: Claim, to_db: Convert) -> tuple:
    """The claims table's columns after the id, in CLAIM_COLUMNS order (base.py)."""
    when, where = c.when, c.where
    return (c.article, c.category, c.value, c.low, c.high, c.qualifier, c.span, c.start, c.end,
            c.sentence, c.sentence_start, c.unit, c.subject,
            to_db(when.start) if when else None, to_db(when.end) if when else None,
            when.text if when else None,
            where.name if where else None, where.country if where else None,
            where.admin1 if where else None)


def claim_days(c: Claim, published: Mapping[str, date | None]) -> tuple[date | None, date | None]:
    """The first and last day a claim is about: its own time's, else its article's date."""
    when = c.when
    start, end = (when.start, when.end) if when else (None, None)
    return start or end or published.get(c.article), end or start or published.get(c.article)


def claim(r: Mapping, sources: tuple[Source, ...], from_db: Convert) -> Claim:
    # a NULL when_text (where_name) means the claim had no When (Place) at all
    when = (When(from_db(r["when_start"]), from_db(r["when_end"]), r["when_text"])
            if r["when_text"] is not None else None)
    where = (Place(r["where_name"], r["where_country"], r["where_admin1"])
             if r["where_name"] is not None else None)
    return Claim(article=r["article_id"], category=r["category"], value=r["value"],
                 low=r["low"], high=r["high"], qualifier=r["qualifier"], span=r["span"],
                 start=r["start_char"], end=r["end_char"], sentence=r["sentence"],
                 sentence_start=r["sentence_start"], unit=r["unit"], subject=r["subject"],
                 when=when, where=where, sources=sources)


def source(r: Mapping, from_db: Convert) -> Source:
    """A source from a row whose source columns carry the ``s_`` prefix."""
    return Source(name=r["s_name"], verb=r["s_verb"], date=from_db(r["s_date"]),
                  mention=r["s_mention"], start=r["s_start_char"], end=r["s_end_char"])


def claims(rows: Iterable[Mapping], from_db: Convert) -> Iterator[tuple[int, Claim]]:
    """(claim id, claim) from rows of a claim joined with its sources (``cid``, the
    claim's columns, the sources' with the ``s_`` prefix), a claim's rows together."""
    for cid, group in groupby(rows, key=lambda r: r["cid"]):
        group = list(group)
        sources = tuple(source(r, from_db) for r in group if r["s_position"] is not None)
        yield cid, claim(group[0], sources, from_db)


def event(r: Mapping, from_db: Convert, claims: tuple[Claim, ...] = ()) -> Event:
    return Event(r["id"], r["type"], When(from_db(r["when_start"]), from_db(r["when_end"]), r["when_text"]),
                 Place(r["where_name"], r["where_country"], r["where_admin1"]), r["parent_id"],
                 tuple(json.loads(r["actors"])), claims, tuple(json.loads(r["evidence"])))


def article(r: Mapping, from_db: Convert) -> Article:
    return Article(id=r["id"], text=r["text"], published=from_db(r["published"]),
                   outlet=r["outlet"], url=r["url"], title=r["title"], origin=r["origin"],
                   language=r["language"])


def batches(items: Iterable, n: int = 1000) -> Iterator[list]:
    """``items`` in lists of ``n``: long streams are written without holding them whole."""
    it = iter(items)
    while batch := list(islice(it, n)):
        yield batch
