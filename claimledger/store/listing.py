"""Paged, filtered reads for the web app, and what an event shows on its pages.

Every list is one query whose filters are in SQL, ordered along an index and cut to a
bounded page (LIMIT/OFFSET), so a request reads a page, never the ledger. Counts are
exact where cheap (events, articles, sources); a count of claims or copies stops
``COUNT_AHEAD`` rows past the page asked (``Found.exact`` says which): counting a
million claims costs more than any page of them.

An event's figures side by side, voices, claim count, articles and ranges are costly
to work out, so they are stored with the event when events are written:
``replace_events`` summarizes each batch of events as it writes it, then calls
``after_events``: ``summarize_events`` fills any event not summarized yet (the same
call fills a ledger migrated from before), and
``count_sources`` brings the sources list's counts up to date with the claims written
since (each write of claims notes what it adds to and takes off each name's counts).
Copies change voices: ``replace_copies`` marks the events they touch, and whoever finds
copies without rebuilding events then calls ``summarize_events``.
"""
from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import groupby
from typing import Any

from ..model import Article, Claim, Copy, Event, Passage
from . import rows as recs

COUNT_AHEAD = 2_000  # a bounded count reads at most this many rows past the page
SEARCH_HITS = 1000  # articles a full-text filter keeps, best first
_LAST = "9999-12-31"  # undated events sort last

_CLAIM = ("c.id AS cid, c.article_id, c.category, c.value, c.low, c.high, c.qualifier, c.span, "
          "c.start_char, c.end_char, c.sentence, c.sentence_start, c.unit, c.subject, c.when_start, "
          "c.when_end, c.when_text, c.where_name, c.where_country, c.where_admin1, "
          "s.position AS s_position, s.name AS s_name, s.verb AS s_verb, s.date AS s_date, "
          "s.mention AS s_mention, s.start_char AS s_start_char, s.end_char AS s_end_char")
_SAME_CLAIM = ("ec.article_id = c.article_id AND ec.start_char = c.start_char "
               "AND ec.end_char = c.end_char AND ec.category = c.category")
_EVENT = ("e.id, e.parent_id, e.type, e.when_start, e.when_end, e.when_text, e.where_name, "
          "e.where_country, e.where_admin1, e.actors, e.evidence, e.claim_count, e.articles, e.ranges")
_META = "a.id, '' AS text, a.published, a.outlet, a.url, a.title, a.origin, a.language"
_ADD_COUNTS = ("INSERT INTO source_counts (name, name_key, claims, first_source, articles) "
               "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
               "claims = source_counts.claims + excluded.claims, "
               "first_source = source_counts.first_source + excluded.first_source, "
               "articles = source_counts.articles + excluded.articles")
_SUMMARIZE = ("UPDATE events SET sort_key = ?, claim_count = ?, articles = ?, ranges = ?, figures = ?, "
              "summarized = 1 WHERE id = ?")


@dataclass(frozen=True)
class ClaimFilter:
    category: str | None = None
    country: str | None = None  # ISO code, any case
    source: str | None = None  # part of a name in the chain; aliases count
    since: date | None = None  # claims about a time ending on or after
    until: date | None = None  # claims about a time starting on or before
    event: str | None = None  # the claims of this event (its full id)
    q: str | None = None  # every word in the claim's sentence, any case


@dataclass(frozen=True)
class EventFilter:
    country: str | None = None
    type: str | None = None
    category: str | None = None  # events with a claim of this category (as last built)
    since: date | None = None
    until: date | None = None
    q: str | None = None  # full-text search over the events' articles (the latest SEARCH_HITS found)


@dataclass(frozen=True)
class Found:
    """A page of a list: its items, and how many the whole list holds (``exact`` False:
    at least ``total``, the count having stopped there)."""
    total: int
    exact: bool
    items: list


@dataclass(frozen=True)
class EventRow:
    """An event as lists show it: the event (without its claims) and its stored summary."""
    event: Event
    claims: int
    articles: list[str]
    ranges: dict[str, list]
    figures: list[dict] = field(default_factory=list)
    point: tuple[float, float] | None = None  # (lat, lon), as stored with the event (store/places.py)


@dataclass(frozen=True)
class CopyRow:
    """A copied passage with the copy's text and both articles' metadata."""
    copy: Copy
    copy_text: str
    first: Article
    copied_in: Article


class Listing:
    """The Store's paged reads (a mixin of ``base.Store``)."""

    # -- claims ---------------------------------------------------------------
    def claim_page(self, f: ClaimFilter, limit: int, offset: int) -> Found:
        """Claims in article then offset order, each with its event id (or None)."""
        d = self.dialect
        where, params, joins = [], [], ""
        if f.event is not None:
            joins += f" JOIN event_claims ec ON {_SAME_CLAIM} AND ec.event_id = ?"
            params.append(f.event)
        if f.category:
            where.append("c.category = ?")
            params.append(f.category)
        if f.country:
            where.append("c.where_country = ?")
            params.append(f.country.upper())
        if f.source:
            condition, names = self._named(f.source)
            where.append(condition)
            params.extend(names)
        for word in (f.q or "").casefold().split():
            where.append(f"{d.contains}({d.fold}(c.sentence), ?) > 0")
            params.append(word)
        # a claim's days are its own time's, else its article's date (stored with it)
        _overlapping(where, params, f.since, f.until, "c.day_first", "c.day_last", d.put)
        body = f"FROM claims c{joins} {'WHERE ' + ' AND '.join(where) if where else ''}"
        # the page first, then its events: rows skipped by OFFSET are not joined
        page_sql = (f"SELECT c.id AS cid, c.article_id, c.start_char, c.end_char, c.category {body} "
                    "ORDER BY c.article_id, c.start_char, c.end_char, c.id LIMIT ? OFFSET ?")
        with self._errors():
            page = self._run(f"SELECT p.cid, ec.event_id FROM ({page_sql}) p LEFT JOIN event_claims ec "
                             "ON ec.article_id = p.article_id AND ec.start_char = p.start_char "
                             "AND ec.end_char = p.end_char AND ec.category = p.category "
                             "ORDER BY p.article_id, p.start_char, p.end_char, p.cid",
                             (*params, limit, offset)).fetchall()
            total, exact = self._count(body, params, offset + limit)
            found = self._claims_by_id([r["cid"] for r in page])
        return Found(total, exact, [(found[r["cid"]], r["event_id"]) for r in page])

    def _claims_by_id(self, ids: Collection[int]) -> dict[int, Claim]:
        if not ids:
            return {}
        d = self.dialect
        rows = self._run(f"SELECT {_CLAIM} FROM claims c LEFT JOIN claim_sources s ON s.claim_id = c.id "
                         f"WHERE {d.member('c.id')} ORDER BY c.id, s.position", (d.pack(ids),))
        return dict(recs.claims(rows, d.day))

    def _count(self, body: str, params: list, page_end: int | None) -> tuple[int, bool]:
        """Rows of ``FROM ... WHERE ...``: all of them (``page_end`` None), else at most
        ``COUNT_AHEAD`` past the page's end; and whether the count is exact."""
        if page_end is None:
            return self._run(f"SELECT count(*) AS n {body}", params).fetchone()["n"], True
        cap = page_end + COUNT_AHEAD
        n = self._run(f"SELECT count(*) AS n FROM (SELECT 1 AS one {body} LIMIT ?) AS t",
                      (*params, cap)).fetchone()["n"]
        return n, n < cap

    # -- events ---------------------------------------------------------------
    def event_page(self, f: EventFilter, limit: int, offset: int) -> Found:
        """Events in the stores' event order (parents first, then by date, then by id)."""
        d = self.dialect
        where, params = [], []
        if f.country:
            where.append("e.where_country = ?")
            params.append(f.country.upper())
        if f.type:
            where.append("e.type = ?")
            params.append(f.type)
        if f.category:
            where.append("EXISTS (SELECT 1 FROM event_claims ec WHERE ec.event_id = e.id "
                         "AND ec.category = ?)")
            params.append(f.category)
        if f.q:
            # the hits' events first, through event_claims' key: a few thousand ids that the
            # page and its count look up by the events' key (as a subquery, PostgreSQL's
            # count merged it with every link of the ledger)
            with self._errors():
                found = [r["event_id"] for r in self._run(
                    f"SELECT DISTINCT ec.event_id FROM event_claims ec WHERE {d.member('ec.article_id')}",
                    (d.pack(self.latest_ids(f.q, SEARCH_HITS)),))]
            where.append(d.member("e.id"))
            params.append(d.pack(found))
        _overlapping(where, params, f.since, f.until, "COALESCE(e.when_start, e.when_end)",
                     "COALESCE(e.when_end, e.when_start)", d.put)
        body = f"FROM events e {'WHERE ' + ' AND '.join(where) if where else ''}"
        with self._errors():
            rows = self._run(f"SELECT {_EVENT} {body} ORDER BY e.sort_key LIMIT ? OFFSET ?",
                             (*params, limit, offset)).fetchall()
            total, exact = self._count(body, params, offset + limit if f.category or f.q else None)
        return Found(total, exact, [self._event_row(r) for r in rows])

    def event_row(self, event_id: str) -> EventRow | None:
        """One event with its stored figures (``ev-`` may be left off its id)."""
        with self._errors():
            for id in (event_id, f"ev-{event_id}"):
                r = self._run(f"SELECT {_EVENT}, e.figures, e.lat, e.lon FROM events e WHERE e.id = ?",
                              (id,)).fetchone()
                if r:
                    point = (r["lat"], r["lon"]) if r["lat"] is not None else None
                    return replace(self._event_row(r, json.loads(r["figures"] or "[]")), point=point)
        return None

    def _event_row(self, r: Mapping, figures: list[dict] | None = None) -> EventRow:
        return EventRow(recs.event(r, self.dialect.day), r["claim_count"], json.loads(r["articles"]),
                        json.loads(r["ranges"]), figures or [])

    def event_parts(self, event_id: str) -> list[str]:
        with self._errors():
            return [r["id"] for r in self._run("SELECT id FROM events WHERE parent_id = ? "
                                               "ORDER BY sort_key", (event_id,))]

    def event_countries(self) -> list[str]:
        """The countries events are in, sorted."""
        with self._errors():
            return [r["c"] for r in self._run("SELECT DISTINCT where_country AS c FROM events "
                                              "WHERE where_country IS NOT NULL ORDER BY c")
                    if r["c"]]

    def events_among(self, ids: Collection[str]) -> list[Event]:
        """The stored events of these ids, each with its (still stored) claims, by id."""
        d = self.dialect
        with self._errors():
            events = {r["id"]: r for r in self._run(
                f"SELECT {_EVENT} FROM events e WHERE {d.member('e.id')}", (d.pack(ids),))}
            rows = self._run(f"SELECT ec.event_id, {_CLAIM} FROM event_claims ec "
                             f"JOIN claims c ON {_SAME_CLAIM} LEFT JOIN claim_sources s ON s.claim_id = c.id "
                             f"WHERE {d.member('ec.event_id')} ORDER BY ec.event_id{d.by_bytes}, "
                             "ec.article_id, ec.start_char, ec.end_char, ec.category, c.id, s.position",
                             (d.pack(ids),))
            claims = {eid: tuple(c for _, c in recs.claims(group, d.day))
                      for eid, group in groupby(rows, key=lambda r: r["event_id"])}
        return [recs.event(events[id], d.day, claims.get(id, ())) for id in sorted(events)]

    def copies_changing(self, article_id: str, copies: Iterable[Copy]) -> None:
        """Before the article's copies are replaced: mark the events whose claims stand in
        the articles copied into (before and after), to be summarized again."""
        d = self.dialect
        with self.transaction(), self._errors():
            # three lookups by article (event_claims' key), not one OR that scans the links
            self._run("UPDATE events SET summarized = 0 WHERE id IN ("
                      "SELECT event_id FROM event_claims WHERE article_id = ? UNION "
                      "SELECT ec.event_id FROM copies k JOIN event_claims ec ON ec.article_id = k.copy_article "
                      "WHERE k.first_article = ? UNION "
                      f"SELECT event_id FROM event_claims WHERE {d.member('article_id')})",
                      (article_id, article_id, d.pack(dict.fromkeys(c.copy.article for c in copies))))

    def article_events(self, article_id: str) -> dict[tuple[int, int, str], str]:
        """(start, end, category) of the article's claims in events -> the event's id."""
        with self._errors():
            return {(r["start_char"], r["end_char"], r["category"]): r["event_id"] for r in self._run(
                "SELECT start_char, end_char, category, event_id FROM event_claims WHERE article_id = ?",
                (article_id,))}

    def summarize_events(self) -> int:
        """Work out and store the summary of every event not summarized (since copies
        changed); how many."""
        with self.transaction(), self._errors():
            todo = [r["id"] for r in self._run("SELECT id FROM events WHERE summarized = 0")]
            for batch in recs.batches(todo, 500):
                self._summarize(self.events_among(batch))
        return len(todo)

    def _summarize(self, events: list[Event]) -> None:
        """Store these events' summaries, from their claims as given (``resolve`` names
        each claim in one event only, so they are the claims stored for each)."""
        from ..events.summary import summaries  # events build on the store, not it on them
        self._many(_SUMMARIZE, [(*row, e.id) for e, row in zip(events, summaries(self, events))])

    # -- articles, copies, sources --------------------------------------------
    def article_page(self, limit: int, offset: int, among: list[str] | None = None) -> Found:
        """Articles (without text) with their claim counts: in ingest order, or those
        ``among`` these ids in the order given."""
        d = self.dialect
        counts = "(SELECT count(*) FROM claims c WHERE c.article_id = a.id) AS claims"
        with self._errors():
            if among is None:
                rows = self._run(f"SELECT {_META}, {counts} FROM articles a ORDER BY a.seq LIMIT ? OFFSET ?",
                                 (limit, offset)).fetchall()
                total = self._run("SELECT count(*) AS n FROM articles").fetchone()["n"]
            else:
                ids = among[offset:offset + limit]
                found = {r["id"]: r for r in self._run(f"SELECT {_META}, {counts} FROM articles a "
                                                       f"WHERE {d.member('a.id')}", (d.pack(ids),))}
                rows, total = [found[i] for i in ids if i in found], len(among)
        return Found(total, True, [(recs.article(r, d.day), r["claims"]) for r in rows])

    def article_facts(self, ids: Iterable[str]) -> dict[str, Article]:
        """The stored articles of these ids without their text (dates, outlets, titles)."""
        d = self.dialect
        with self._errors():
            rows = self._run(f"SELECT {_META} FROM articles a WHERE {d.member('a.id')}",
                             (d.pack(dict.fromkeys(ids)),))
            return {r["id"]: recs.article(r, d.day) for r in rows}

    def copies_into(self, articles: Iterable[str]) -> list[Copy]:
        """The copied passages found in these articles (as the copy), without text."""
        d = self.dialect
        with self._errors():
            rows = self._run("SELECT first_article, first_start, first_end, copy_article, copy_start, "
                             f"copy_end, similarity FROM copies WHERE {d.member('copy_article')} "
                             "ORDER BY first_article, first_start, copy_article, copy_start",
                             (d.pack(dict.fromkeys(articles)),))
            return [Copy(Passage(r["first_article"], r["first_start"], r["first_end"]),
                         Passage(r["copy_article"], r["copy_start"], r["copy_end"]), "", r["similarity"])
                    for r in rows]

    def copy_page(self, article: str | None, limit: int | None, offset: int = 0) -> Found:
        """Copied passages (of one article, on either side) by first article and offset,
        each with both texts and both articles' metadata; ``limit`` None: all of them."""
        d = self.dialect
        where, params = "", []
        if article is not None:
            where, params = "WHERE c.first_article = ? OR c.copy_article = ?", [article, article]
        cut = ("substr({a}.text, CAST(c.{s}_start + 1 AS INTEGER), "
               "CAST(c.{s}_end - c.{s}_start AS INTEGER)) AS {s}_text")
        meta = ", ".join(f"{a}.{col} AS {a}_{col}" for a in ("f", "k")
                         for col in ("id", "published", "outlet", "url", "title", "origin", "language"))
        sql = (f"SELECT c.first_article, c.first_start, c.first_end, c.copy_article, c.copy_start, "
               f"c.copy_end, c.similarity, {cut.format(a='f', s='first')}, {cut.format(a='k', s='copy')}, "
               f"{meta} FROM copies c JOIN articles f ON f.id = c.first_article "
               f"JOIN articles k ON k.id = c.copy_article {where} "
               "ORDER BY c.first_article, c.first_start, c.copy_article, c.copy_start"
               + (" LIMIT ? OFFSET ?" if limit is not None else ""))
        with self._errors():
            rows = self._run(sql, params + ([limit, offset] if limit is not None else [])).fetchall()
            total, exact = ((len(rows), True) if limit is None else
                            self._count(f"FROM copies c {where}", params, offset + limit))
        return Found(total, exact, [_copy_row(r, d.day) for r in rows])

    def source_page(self, q: str | None, limit: int, offset: int) -> Found:
        """Every name in a chain: how many claims name it, as first sayer, in how many
        articles; most named first, then by name (as counted when events were last written)."""
        d = self.dialect
        where, params = "", []
        if q:
            where, params = f"WHERE {d.contains}(name_key, ?) > 0", [q.casefold()]
        with self._errors():
            rows = self._run(f"SELECT name, claims, first_source, articles FROM source_counts {where} "
                             "ORDER BY claims DESC, name LIMIT ? OFFSET ?", (*params, limit, offset))
            items = [{"name": r["name"], "claims": r["claims"], "first_source": r["first_source"],
                      "articles": r["articles"]} for r in rows]
            total = self._run(f"SELECT count(*) AS n FROM source_counts {where}", params).fetchone()["n"]
        return Found(total, True, items)

    def count_sources(self) -> None:
        """Add what claims written since did to each name's counts (``source_changes``,
        written with the claims: base.py ``_source_changes``) to ``source_counts``. The
        changes are taken by one DELETE ... RETURNING, so two processes at once each add
        up what they took, and names are updated in order, so they never wait on each
        other in a circle."""
        totals: dict[str, list] = {}
        with self.transaction(), self._errors():
            for r in self._run("DELETE FROM source_changes "
                               "RETURNING name, name_key, claims, first_source, articles").fetchall():
                t = totals.setdefault(r["name"], [r["name_key"], 0, 0, 0])
                t[1] += r["claims"]
                t[2] += r["first_source"]
                t[3] += r["articles"]
            changed = sorted((name, *t) for name, t in totals.items() if any(t[1:]))
            self._many(_ADD_COUNTS, changed)
            if changed:
                self._run(f"DELETE FROM source_counts WHERE claims <= 0 AND {self.dialect.member('name')}",
                          (self.dialect.pack(name for name, *_ in changed),))

    def after_events(self) -> None:
        """What pages read that follows from events and claims: each event's summary
        and the source counts (``replace_events`` ends with it)."""
        self.summarize_events()
        self.count_sources()


def _copy_row(r: Mapping, day) -> CopyRow:
    def meta(a: str) -> Article:
        return Article(r[f"{a}_id"], "", day(r[f"{a}_published"]), r[f"{a}_outlet"], r[f"{a}_url"],
                       r[f"{a}_title"], r[f"{a}_origin"], r[f"{a}_language"])
    copy = Copy(Passage(r["first_article"], r["first_start"], r["first_end"]),
                Passage(r["copy_article"], r["copy_start"], r["copy_end"]), r["first_text"],
                r["similarity"])
    return CopyRow(copy, r["copy_text"], meta("f"), meta("k"))


def sort_key(e: Event) -> str:
    """``resolve.event_order`` as one text, byte-ordered (the migration computes the same)."""
    day = e.when.start or e.when.end
    return ("1" if e.parent else "0") + (day.isoformat() if day else _LAST) + e.id


def summary_row(e: Event, figures: list[dict], ranges: dict[str, list[Any]]) -> tuple:
    """The stored summary's columns in ``_SUMMARIZE`` order, but the id."""
    return (sort_key(e), len(e.claims), json.dumps(sorted({c.article for c in e.claims})),
            json.dumps(ranges), json.dumps(figures))


def _overlapping(where: list[str], params: list, since: date | None, until: date | None,
                 first: str, last: str, put) -> None:
    """Conditions that a row's time (``first``..``last``, SQL expressions of its first
    and last day) ends on or after ``since`` and starts on or before ``until``."""
    if since:
        where.append(f"{last} >= ?")
        params.append(put(since))
    if until:
        where.append(f"{first} <= ?")
        params.append(put(until))
