"""The Store: every query both backends share, written once.

``sqlite.py`` and ``postgres.py`` keep only what truly differs: connecting,
transactions, error messages, full-text search, the revision, and how a batch of new
rows goes in. Queries are written with ``?`` placeholders; the backend's ``Dialect``
(dialect.py) puts them in its driver's style and supplies list membership, date
conversion and the few phrases spelt differently. Rows are read by column name only
(SQLite's ``Row`` and psycopg's dict rows both allow it).

Backend-neutral helpers live here too: the content hash that decides whether a
re-ingested article changed, and the alias expansion used by the source filter.
"""
from __future__ import annotations

import hashlib
import json
import sys
from abc import ABC, abstractmethod
from array import array
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, date, datetime
from typing import Any, Literal

from ..errors import StoreError
from ..model import (Article, Claim, Copy, Event, Failure, FeedItem, FeedState, FileMark, Outlet,
                     Passage)
from . import rows as recs
from .dialect import Dialect
from .listing import Listing
from .places import PLACE_COLUMNS, Places, place_row
from .schema import Migration

PutResult = Literal["new", "unchanged", "changed"]


ARTICLE_COLUMNS = "id, text, published, outlet, url, title, origin, language"
CLAIM_COLUMNS = (
    "article_id, category, value, low, high, qualifier, span, start_char, end_char, "
    "sentence, sentence_start, unit, subject, when_start, when_end, when_text, "
    "where_name, where_country, where_admin1")
SOURCE_COLUMNS = "claim_id, position, name, name_key, verb, date, mention, start_char, end_char"
EVENT_COLUMNS = ("id, parent_id, type, when_start, when_end, when_text, where_name, "
                 "where_country, where_admin1, actors, evidence")
ITEM_COLUMNS = ("feed_url", "item_id", "article_id", "seen_at", "state", "attempts", "next_try",
                "reason", "link", "title", "published", "summary")


def insert(table: str, columns: str, conflict: str = "") -> str:
    marks = ", ".join("?" * len(columns.split(",")))
    return f"INSERT INTO {table} ({columns}) VALUES ({marks}){conflict}"


def upsert(table: str, columns: str, key: str, keep: str = "") -> str:
    """Insert, or update the row with the same ``key`` columns (both dialects' ON
    CONFLICT), but for the ``keep`` columns, which keep their first value."""
    keys = {k.strip() for k in (key + "," + keep).split(",")}
    updates = ", ".join(f"{c} = excluded.{c}" for c in (c.strip() for c in columns.split(","))
                        if c not in keys)
    return insert(table, columns, f" ON CONFLICT ({key}) DO UPDATE SET {updates}")


FEW_CLAIMS = 20_000  # a source named in fewer is found by its index entries (Store._named)

INSERT_ARTICLE = insert("articles", "text, published, outlet, url, title, origin, language, "
                                     "content_hash, ingested_at, id", " ON CONFLICT (id) DO NOTHING")
_UPDATE_ARTICLE = ("UPDATE articles SET text = ?, published = ?, outlet = ?, url = ?, title = ?, "
                   "origin = ?, language = ?, content_hash = ?, ingested_at = ? WHERE id = ?")
_INSERT_CLAIM = insert("claims", f"id, {CLAIM_COLUMNS}, day_first, day_last")
_INSERT_SOURCE = insert("claim_sources", SOURCE_COLUMNS)
_INSERT_EVENT = insert("events", f"{EVENT_COLUMNS}, {PLACE_COLUMNS}")
_LINK_CLAIM = upsert("event_claims", "event_id, article_id, start_char, end_char, category",
                     "article_id, start_char, end_char, category")
_INSERT_COPY = insert("copies", "first_article, first_start, first_end, copy_article, "
                                "copy_start, copy_end, similarity")
_PUT_ITEM = upsert("feed_items", ", ".join(c for c in ITEM_COLUMNS if c != "seen_at") + ", seen_at",
                   "feed_url, item_id", keep="seen_at")  # first seen: open items' order
_COPY_TODO = ("SELECT a.id FROM articles a LEFT JOIN copy_indexed i ON i.seq = a.seq "
              "WHERE (i.seq IS NULL OR i.content_hash != a.content_hash) {among} ORDER BY a.seq")


class Store(Places, Listing, ABC):
    """Articles, their claims, ingest failures, source aliases, outlets, watched feeds,
    the copy index and copies, and events. A backend gives ``dialect``, ``migrations``,
    ``_conn`` (a DB-API connection) and the abstract methods below."""

    dialect: Dialect
    migrations: tuple[Migration, ...]
    _conn: Any

    # -- what each backend supplies -------------------------------------------
    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """Commit on success, roll back on error; transactions nest."""

    _driver_error: type[Exception]  # what the driver raises
    where: str  # the database, for messages (never a password)

    @abstractmethod
    def _explain(self, error: Exception, article_id: str | None) -> str:
        """A one-line message for a driver error that says what to do."""

    @contextmanager
    def _errors(self, article_id: str | None = None) -> Iterator[None]:
        """Turn the driver's errors into a StoreError that says what to do."""
        try:
            yield
        except self._driver_error as error:
            raise StoreError(self._explain(error, article_id)) from error

    def close(self) -> None:
        self._conn.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.where!r})"

    _SEARCH: str  # (article id, snippet) best first, given the match and a limit
    _SEARCH_IDS: str  # the same ids in the same order, without snippets
    _LATEST_IDS: str  # the ids of matching articles, last ingested first

    @staticmethod
    @abstractmethod
    def _words(query: str) -> str:
        """A user's words as the full-text match ("" when there is nothing to find)."""

    @staticmethod
    def _snippet(text: str) -> str:
        return text

    @abstractmethod
    def refresh_statistics(self) -> None:
        """Let the query planner see the tables as they are now (after a large write:
        a plan made for an empty table scans a full one); outside a transaction."""

    @abstractmethod
    def revision(self) -> object:
        """A cheap value that changes whenever stored data changes (the web app keeps
        what it read while this stays the same)."""

    @abstractmethod
    def _many(self, sql: str, rows: Iterable[Sequence]) -> None:
        """Run ``sql`` (``?`` placeholders) once per row."""

    @abstractmethod
    def _stream(self, sql: str, params: Sequence = ()) -> Iterator[Any]:
        """The rows of a query read a batch at a time, never the whole result at once."""

    @abstractmethod
    def _script(self, sql: str) -> None:
        """Run a migration's statements (inside the caller's transaction)."""

    @abstractmethod
    def _lock_migrations(self) -> None:
        """Inside the transaction: make a concurrent migrator wait for this one."""

    @abstractmethod
    def _claim_ids(self, n: int) -> list[int]:
        """Inside a transaction: ``n`` fresh claim ids, in order."""

    @abstractmethod
    def _insert_new(self, rows: list[tuple]) -> set[str]:
        """Insert the articles of these rows (``INSERT_ARTICLE``'s order) that are not
        stored yet, in the order given; the ids of those inserted."""

    # -- helpers --------------------------------------------------------------
    def _run(self, sql: str, params: Sequence = ()):
        return self._conn.execute(self.dialect.sql(sql), params)

    def _article_row(self, article: Article, now: Any) -> tuple:
        put = self.dialect.put
        return (article.text, put(article.published), article.outlet, article.url,
                article.title, article.origin, article.language, content_hash(article), now,
                article.id)

    # -- schema ---------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply the migrations not applied yet; return their names (empty when up to date)."""
        applied = []
        for migration in self.migrations:
            # each in its own transaction, checked again inside it (after the lock)
            # so that two processes migrating at once do not both apply it
            with self.transaction(), self._errors():
                self._lock_migrations()
                self._run("CREATE TABLE IF NOT EXISTS migrations "
                          "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
                if self._run("SELECT 1 FROM migrations WHERE name = ?",
                             (migration.name,)).fetchone():
                    continue
                if migration.sql.strip():
                    self._script(migration.sql)
                self._run("INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                          (migration.name, datetime.now(UTC).isoformat(timespec="seconds")))
            applied.append(migration.name)
        return applied

    # -- articles -------------------------------------------------------------
    def put_article(self, article: Article) -> PutResult:
        """Insert or replace an article; a changed article loses its old claims."""
        row = self._article_row(article, self.dialect.now())
        with self.transaction(), self._errors(article.id):
            if self._run(INSERT_ARTICLE, row).rowcount:
                return "new"
            stored = self._run("SELECT content_hash FROM articles WHERE id = ?"
                               + self.dialect.for_update, (article.id,)).fetchone()
            if stored["content_hash"] == row[-3]:
                return "unchanged"
            # old claims point at offsets of the old text: they must go
            self._drop_claims([article.id])
            self._run(_UPDATE_ARTICLE, row)
            return "changed"

    def put_articles(self, items: Sequence[tuple[Article, Sequence[Claim]]]) -> list[PutResult]:
        """Many articles with their claims in one transaction, each as ``put_article``
        then ``replace_claims`` then ``clear_failure`` of its origin would store it."""
        # a batch in a few statements, not a dozen an article with their savepoints:
        # new articles at once, in the order given (seq is the ingest order), every
        # claim and source likewise; articles stored before go through put_article
        items = list(items)
        if not one_batch(items):  # an id twice: one at a time, the last of an id wins
            with self.transaction():
                return [self._put_one(article, claims) for article, claims in items]
        now, d = self.dialect.now(), self.dialect
        ids = [a.id for a, _ in items]
        with self.transaction(), self._errors():
            new = self._insert_new([self._article_row(a, now) for a, _ in items])
            out: list[PutResult] = ["new" if a.id in new else self.put_article(a) for a, _ in items]
            self._drop_claims(ids)
            self._insert_claims(ids, [c for _, claims in items for c in claims])
            self._events_todo(ids)
            self._run(f"DELETE FROM failures WHERE {d.member('origin')}",
                      (d.pack(dict.fromkeys(a.origin or "" for a, _ in items)),))
        return out

    def _put_one(self, article: Article, claims: Sequence[Claim]) -> PutResult:
        result = self.put_article(article)
        self.replace_claims(article.id, claims)
        self.clear_failure(article.origin or "")
        return result

    def article(self, id: str) -> Article | None:
        """The article with this id, or None."""
        with self._errors():
            row = self._run(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?", (id,)).fetchone()
        return recs.article(row, self.dialect.day) if row else None

    def articles(self) -> Iterator[Article]:
        """Every article, in ingest order."""
        for row in self._stream(f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY seq"):
            yield recs.article(row, self.dialect.day)

    def articles_among(self, ids: Collection[str]) -> dict[str, Article]:
        """The stored articles of these ids, by id (unknown ids are left out): one
        query for a batch where a backend can, not one an article."""
        d = self.dialect
        with self._errors():
            rows = self._run(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE {d.member('id')}",
                             (d.pack(dict.fromkeys(ids)),)).fetchall()
        return {row["id"]: recs.article(row, d.day) for row in rows}

    # -- claims ---------------------------------------------------------------
    def replace_claims(self, article_id: str, claims: Sequence[Claim]) -> None:
        """Delete the article's claims and insert these, in one transaction."""
        check_claims(article_id, claims)
        with self.transaction(), self._errors(article_id):
            self._drop_claims([article_id])
            self._insert_claims([article_id], claims)
            self._events_todo([article_id])

    def _events_todo(self, articles: Iterable[str]) -> None:
        """Inside a transaction: these articles' events are to be built again."""
        self._many(insert("events_todo", "article_id", " ON CONFLICT DO NOTHING"),
                   [(a,) for a in articles])

    def _drop_claims(self, articles: Sequence[str]) -> None:
        """Inside a transaction: delete these articles' claims (and so their sources),
        taking them off the source counts."""
        d = self.dialect
        self._source_changes(articles, -1)
        self._run(f"DELETE FROM claims WHERE {d.member('article_id')}", (d.pack(articles),))

    def _source_changes(self, articles: Sequence[str], sign: int) -> None:
        """Inside a transaction: what these articles' claims add to (``sign`` 1) or take
        off (-1) each name's counts, kept in ``source_changes`` until ``count_sources``
        adds them up (listing.py). An article's claims are written and deleted all
        together, so each article counts once per name it holds."""
        d = self.dialect
        self._run("INSERT INTO source_changes (name, name_key, claims, first_source, articles) "
                  "SELECT s.name, min(s.name_key), ? * count(*), "
                  "? * sum(CASE WHEN s.position = 0 THEN 1 ELSE 0 END), ? * count(DISTINCT c.article_id) "
                  f"FROM claims c JOIN claim_sources s ON s.claim_id = c.id WHERE {d.member('c.article_id')} "
                  "GROUP BY s.name", (sign, sign, sign, d.pack(articles)))

    def _insert_claims(self, articles: Sequence[str], claims: Sequence[Claim]) -> None:
        """Inside a transaction: the claims of these articles, whose claims were dropped
        before (``_drop_claims``); ids first, so claims and sources go in as two batches."""
        if not claims:
            return
        ids, d = self._claim_ids(len(claims)), self.dialect
        put = d.put
        # the days a claim is about: its own time, else its article's date (stored beside
        # it in this transaction); a changed date changes the article, which loses its claims
        published = {r["id"]: d.day(r["published"]) for r in self._run(
            f"SELECT id, published FROM articles WHERE {d.member('id')}",
            (d.pack(dict.fromkeys(c.article for c in claims)),))}
        self._many(_INSERT_CLAIM, [(id, *recs.claim_row(c, put), *map(put, recs.claim_days(c, published)))
                                   for id, c in zip(ids, claims)])
        self._many(_INSERT_SOURCE, [
            (id, k, s.name, s.name.casefold(), s.verb, put(s.date), s.mention, s.start, s.end)
            for id, c in zip(ids, claims) for k, s in enumerate(c.sources)])
        self._source_changes(articles, 1)

    def claims(self, article: str | None = None, category: str | None = None,
               source: str | None = None,
               articles: Iterable[str] | None = None) -> Iterator[Claim]:
        """Claims in article id then text-offset order; filters combine with AND.

        ``source`` matches, case-insensitively, part of any name in the chain, or
        any name that the alias table ties to the same canonical name.
        """
        d = self.dialect
        where, params = [], []
        if article is not None:
            where.append("c.article_id = ?")
            params.append(article)
        if articles is not None:
            where.append(d.member("c.article_id"))
            params.append(d.pack(articles))
        if category is not None:
            where.append("c.category = ?")
            params.append(category)
        if source is not None:
            condition, names = self._named(source)
            where.append(condition)
            params.extend(names)
        sources = ", ".join(f"s.{n.strip()} AS s_{n.strip()}" for n in SOURCE_COLUMNS.split(","))
        sql = (f"SELECT c.id AS cid, {', '.join('c.' + n.strip() for n in CLAIM_COLUMNS.split(','))}, "
               f"{sources} FROM claims c LEFT JOIN claim_sources s ON s.claim_id = c.id "
               f"{'WHERE ' + ' AND '.join(where) if where else ''} "
               "ORDER BY c.article_id, c.start_char, c.end_char, c.id, s.position")
        for _, claim in recs.claims(self._stream(sql, params), d.day):
            yield claim

    def _named(self, source: str) -> tuple[str, list]:
        """The condition that a claim ``c`` has ``source`` (or a name the alias table
        ties to it) in its chain, and its parameters.

        The names holding those words are found first among the names counted for the
        sources list (``source_counts``, and ``source_changes`` for claims written since
        it was brought up to date): a small table, where a scan of every claim source
        (1.3 s at a million claims for a name nobody gave) would be the alternative.
        Then a name held by few claims is looked up by its index entries, a common one
        is tested claim by claim along the list's order, which soon fills a page."""
        d = self.dialect
        words = self.source_names(source)
        anyword = " OR ".join([f"{d.contains}(name_key, ?) > 0"] * len(words))
        with self._errors():
            keys = [r["name_key"] for r in self._run(
                f"SELECT name_key FROM source_counts WHERE {anyword} UNION "
                f"SELECT name_key FROM source_changes WHERE {anyword}", (*words, *words))]
            if not keys:
                return "1 = 0", []
            held = self._run(f"SELECT COALESCE(sum(claims), 0) AS n FROM source_counts "
                             f"WHERE {d.member('name_key')}", (d.pack(keys),)).fetchone()["n"]
        if held <= FEW_CLAIMS:
            return f"c.id IN (SELECT f.claim_id FROM claim_sources f WHERE {d.member('f.name_key')})", [d.pack(keys)]
        return (f"EXISTS (SELECT 1 FROM claim_sources f WHERE f.claim_id = c.id "
                f"AND {d.member('f.name_key')})", [d.pack(keys)])

    def count_claims(self) -> int:
        with self._errors():
            return self._run("SELECT count(*) AS n FROM claims").fetchone()["n"]

    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        """Full-text search over article titles and texts: (article_id, snippet), best first."""
        match = self._words(query)
        if not match:
            return []
        with self._errors():
            return [(r["id"], self._snippet(r["snippet"]))
                    for r in self._run(self._SEARCH, (match, limit))]

    def search_ids(self, query: str, limit: int) -> list[str]:
        """The ids ``search`` finds, in its order, without building snippets."""
        return self._hit_ids(self._SEARCH_IDS, query, limit)

    def latest_ids(self, query: str, limit: int) -> list[str]:
        """The ids of the last ``limit`` articles ingested that the search finds, newest
        first. Unlike ``search_ids`` this ranks nothing, so it reads about ``limit``
        hits whatever their number: "the best 1,000" of a word in every article means
        ranking every article; "the latest 1,000" stops at the thousandth."""
        return self._hit_ids(self._LATEST_IDS, query, limit)

    def _hit_ids(self, sql: str, query: str, limit: int) -> list[str]:
        match = self._words(query)
        if not match:
            return []
        with self._errors():
            return [r["id"] for r in self._run(sql, (match, limit))]

    # -- failures -------------------------------------------------------------
    def add_failure(self, failure: Failure) -> None:
        """Record an input that did not land; the same failure is kept once."""
        with self.transaction(), self._errors():
            self._run("INSERT INTO failures (origin, line, reason, at) VALUES (?, ?, ?, ?) "
                      "ON CONFLICT DO NOTHING",
                      (failure.origin, failure.line, failure.reason, self.dialect.now()))

    def failures(self) -> list[Failure]:
        """Recorded failures, oldest first."""
        with self._errors():
            rows = self._run("SELECT origin, reason, line FROM failures ORDER BY id")
            return [Failure(r["origin"], r["reason"], r["line"]) for r in rows]

    def clear_failure(self, origin: str) -> None:
        """Forget the failures of ``origin`` (it has since been read successfully)."""
        with self.transaction(), self._errors():
            self._run("DELETE FROM failures WHERE origin = ?", (origin,))

    # -- aliases --------------------------------------------------------------
    def aliases(self) -> dict[str, str]:
        """alias -> canonical source name."""
        with self._errors():
            rows = self._run("SELECT alias, canonical FROM aliases ORDER BY alias")
            return {r["alias"]: r["canonical"] for r in rows}

    def add_aliases(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Add (alias, canonical) pairs; re-adding is harmless, a new canonical wins."""
        with self.transaction(), self._errors():
            self._many(upsert("aliases", "alias, canonical", "alias"), list(pairs))

    # -- progress -------------------------------------------------------------
    def is_ingested(self, mark: FileMark) -> bool:
        """True when this file, with this size and hash, was read whole before."""
        with self._errors():
            return self._run("SELECT 1 FROM ingested_files WHERE path = ? AND size = ? "
                             "AND sha256 = ?", (mark.path, mark.size, mark.sha256)).fetchone() is not None

    def mark_ingested(self, mark: FileMark) -> None:
        """Remember the file as read whole; call it in the transaction of its last batch."""
        with self.transaction(), self._errors():
            self._run(upsert("ingested_files", "path, size, sha256, at", "path"),
                      (mark.path, mark.size, mark.sha256, self.dialect.now()))

    # -- outlets and feeds ----------------------------------------------------
    def outlets(self) -> list[Outlet]:
        """Outlets users added, by domain (the shipped table is in claimledger/data)."""
        with self._errors():
            rows = self._run("SELECT domain, name, country, affiliation FROM outlets ORDER BY domain")
            return [Outlet(r["domain"], r["name"], r["country"], r["affiliation"]) for r in rows]

    def add_outlets(self, outlets: Iterable[Outlet]) -> None:
        """Add or replace outlets by domain."""
        with self.transaction(), self._errors():
            self._many(upsert("outlets", "domain, name, country, affiliation", "domain"),
                       [(o.domain, o.name, o.country, o.affiliation) for o in outlets])

    def remove_outlets(self, domains: Iterable[str]) -> int:
        """Forget the stored outlets of these domains; how many there were."""
        with self.transaction(), self._errors():
            return sum(self._run("DELETE FROM outlets WHERE domain = ?", (d,)).rowcount
                       for d in domains)

    def feed_state(self, url: str) -> FeedState | None:
        """The ETag/Last-Modified last seen for this feed, or None."""
        with self._errors():
            row = self._run("SELECT url, etag, modified FROM feeds WHERE url = ?", (url,)).fetchone()
        return FeedState(row["url"], row["etag"], row["modified"]) if row else None

    def put_feed_state(self, state: FeedState) -> None:
        with self.transaction(), self._errors():
            self._run(upsert("feeds", "url, etag, modified, checked_at", "url"),
                      (state.url, state.etag, state.modified, self.dialect.now()))

    def seen_items(self, feed_url: str) -> set[str]:
        """Ids of the feed's items already ingested."""
        with self._errors():
            rows = self._run("SELECT item_id FROM feed_items WHERE feed_url = ?", (feed_url,))
            return {r["item_id"] for r in rows}

    def mark_seen(self, feed_url: str, items: Iterable[tuple[str, str | None]]) -> None:
        """Remember (item id, article id) pairs as ingested; re-marking is harmless."""
        now = self.dialect.now()
        with self.transaction(), self._errors():
            self._many(insert("feed_items", "feed_url, item_id, article_id, seen_at",
                              " ON CONFLICT DO NOTHING"),
                       [(feed_url, item, article, now) for item, article in items])

    def open_items(self, feed_url: str) -> list[FeedItem]:
        """The feed's items not stored and not given up (seen or pending), oldest first."""
        with self._errors():
            rows = self._run(f"SELECT {', '.join(ITEM_COLUMNS)} FROM feed_items WHERE feed_url = ? "
                             "AND state IN ('seen', 'pending') ORDER BY seen_at, item_id", (feed_url,))
            return [_feed_item(r) for r in rows]

    def put_items(self, items: Iterable[FeedItem]) -> None:
        """Write these items' state (insert, or replace by feed and key)."""
        put, now = self.dialect.put, self.dialect.now()
        with self.transaction(), self._errors():
            for i in items:  # one at a time: the same item may come twice, the last wins
                self._run(_PUT_ITEM, (i.feed, i.key, i.article, i.state, i.attempts,
                                      put(i.next_try), i.reason, i.link, i.title,
                                      put(i.published), i.summary, now))

    def clear_feed_failure(self, url: str) -> None:
        """Forget the failures of the feed itself (not of its items): it answered again."""
        with self.transaction(), self._errors():
            self._run("DELETE FROM failures WHERE origin = ? AND line IS NULL", (url,))

    # -- copies: the persistent LSH index and the copied passages -------------
    def copy_index_todo(self, among: Collection[str] | None = None) -> list[str]:
        """Ids of articles the copy index lacks or holds an older version of, in ingest
        order; only those ``among`` these ids when given (a look at a few articles, not
        a scan of the store)."""
        d = self.dialect
        with self._errors():
            if among is None:
                return [r["id"] for r in self._run(_COPY_TODO.format(among=""))]
            sql = _COPY_TODO.format(among="AND " + d.member("a.id"))
            return [r["id"] for r in self._run(sql, (d.pack(among),))]

    def copy_index(self) -> Iterator[tuple[str, int, bytes]]:
        """(article id, ingest seq, band keys as little-endian int64s) of every article
        indexed at its current version, in ingest order."""
        for r in self._stream("SELECT a.id, a.seq, i.keys FROM copy_indexed i "
                              "JOIN articles a ON a.seq = i.seq "
                              "WHERE i.content_hash = a.content_hash ORDER BY a.seq"):
            yield r["id"], r["seq"], bytes(r["keys"])

    def put_copy_keys(self, article_id: str, keys: Iterable[int]) -> None:
        """Store the article's LSH band keys and mark its current version indexed."""
        blob = array("q", sorted(set(keys)))
        if sys.byteorder == "big":
            blob.byteswap()  # stored little-endian
        with self.transaction(), self._errors():
            self._run("INSERT INTO copy_indexed (seq, content_hash, keys) "
                      "SELECT seq, content_hash, ? FROM articles WHERE id = ? "
                      "ON CONFLICT (seq) DO UPDATE SET content_hash = excluded.content_hash, "
                      "keys = excluded.keys", (blob.tobytes(), article_id))

    def ingest_order(self, ids: Iterable[str]) -> dict[str, int]:
        """Article id -> its place in ingest order (smaller came first)."""
        d = self.dialect
        with self._errors():
            rows = self._run(f"SELECT id, seq FROM articles WHERE {d.member('id')}", (d.pack(ids),))
            return {r["id"]: r["seq"] for r in rows}

    def replace_copies(self, article_id: str, copies: Sequence[Copy]) -> None:
        """Drop every copy the article is part of (either side) and insert these."""
        copies = list(copies)
        with self.transaction(), self._errors():
            self.copies_changing(article_id, copies)  # voices move: events to summarize again
            self._run("DELETE FROM copies WHERE first_article = ? OR copy_article = ?",
                      (article_id, article_id))
            self._many(_INSERT_COPY, [(c.first.article, c.first.start, c.first.end, c.copy.article,
                                       c.copy.start, c.copy.end, c.similarity) for c in copies])

    def copies(self, article: str | None = None) -> Iterator[Copy]:
        """Copied passages (of one article, on either side), by first article and offset."""
        where, params = "", ()
        if article is not None:
            where, params = "WHERE c.first_article = ? OR c.copy_article = ? ", (article, article)
        sql = ("SELECT c.first_article, c.first_start, c.first_end, c.copy_article, c.copy_start, "
               "c.copy_end, c.similarity, substr(a.text, CAST(c.first_start + 1 AS INTEGER), "
               "CAST(c.first_end - c.first_start AS INTEGER)) AS text "
               "FROM copies c JOIN articles a ON a.id = c.first_article " + where
               + "ORDER BY c.first_article, c.first_start, c.copy_article, c.copy_start")
        for r in self._stream(sql, params):
            yield Copy(Passage(r["first_article"], r["first_start"], r["first_end"]),
                       Passage(r["copy_article"], r["copy_start"], r["copy_end"]),
                       r["text"], r["similarity"])

    # -- events ---------------------------------------------------------------
    def replace_events(self, events: Iterable[Event], countries: Collection[str] | None = None,
                       done: Collection[str] = ()) -> None:
        """Drop every stored event, or only those of these ``countries`` ("" for events
        placed in none), and store these, with the claims of each, in one transaction;
        ``events`` may be a stream (it is written in batches). The articles whose events
        were to be built again are all done, or, with ``countries``, those ``done``."""
        put, d = self.dialect.put, self.dialect
        with self.transaction(), self._errors():
            if countries is None:
                self._run("DELETE FROM event_claims")
                self._run("DELETE FROM events")
                self._run("DELETE FROM events_todo")
            else:
                self._run(f"DELETE FROM events_todo WHERE {d.member('article_id')}", (d.pack(done),))
                scope = "SELECT id FROM events WHERE " + d.member("COALESCE(where_country, '')")
                self._run(f"DELETE FROM event_claims WHERE event_id IN ({scope})", (d.pack(countries),))
                self._run(f"DELETE FROM events WHERE id IN ({scope})", (d.pack(countries),))
            for batch in recs.batches(events):
                self._many(_INSERT_EVENT, [
                    (e.id, e.parent, e.type, put(e.when.start), put(e.when.end), e.when.text,
                     e.where.name, e.where.country, e.where.admin1, json.dumps(list(e.actors)),
                     json.dumps(list(e.evidence)), *place_row(e)) for e in batch])
                # a claim named twice belongs to the last event naming it
                self._many(_LINK_CLAIM, [(e.id, c.article, c.start, c.end, c.category)
                                         for e in batch for c in e.claims])
                self._summarize(batch)  # what pages show of each (listing.py)
            self.after_events()  # any event left unsummarized, the source counts

    def events_todo(self) -> list[str]:
        """Ids of the articles whose claims were written since their events were last
        built (kept across a crash, so the next ingest builds them), by id."""
        with self._errors():
            rows = self._run(f"SELECT article_id FROM events_todo ORDER BY article_id{self.dialect.by_bytes}")
            return [r["article_id"] for r in rows]

    def countries_of_events_of(self, articles: Collection[str]) -> set[str]:
        """The countries ("" for none) of the stored events that hold claims of these articles."""
        d = self.dialect
        with self._errors():
            rows = self._run("SELECT DISTINCT COALESCE(e.where_country, '') AS country FROM events e "
                             "JOIN event_claims l ON l.event_id = e.id "
                             f"WHERE {d.member('l.article_id')}", (d.pack(articles),))
            return {r["country"] for r in rows}

    def articles_in_countries(self, countries: Collection[str]) -> list[str]:
        """Ids of the articles with a claim placed in one of these countries, and, when
        ``countries`` holds "", of those with no claim placed in any; by id."""
        d = self.dialect
        sql = f"SELECT DISTINCT article_id FROM claims WHERE {d.member('where_country')}"
        if "" in countries:
            sql += (" UNION SELECT article_id FROM claims GROUP BY article_id "
                    "HAVING max(COALESCE(where_country, '')) = ''")
        with self._errors():
            rows = self._run(f"SELECT article_id FROM ({sql}) AS found "
                             f"ORDER BY article_id{d.by_bytes}", (d.pack(countries),))
            return [r["article_id"] for r in rows]

    def events(self) -> list[Event]:
        """Stored events, parents before their parts, each with its (still stored) claims."""
        d = self.dialect
        claims = {(c.article, c.start, c.end, c.category): c for c in self.claims()}
        with self._errors():
            links: dict[str, list] = {}
            for r in self._run("SELECT event_id, article_id, start_char, end_char, category "
                               "FROM event_claims ORDER BY article_id, start_char, end_char, category"):
                claim = claims.get((r["article_id"], r["start_char"], r["end_char"], r["category"]))
                if claim is not None:  # a claim extracted away since the last rebuild
                    links.setdefault(r["event_id"], []).append(claim)
            # resolve.event_order: parents first, then by date (undated last), then by id
            rows = self._run(f"SELECT {EVENT_COLUMNS} FROM events ORDER BY parent_id IS NOT NULL, "
                             f"COALESCE(when_start, when_end, {d.last_day}), id{d.by_bytes}").fetchall()
        return [recs.event(r, d.day, tuple(links.get(r["id"], ()))) for r in rows]

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def source_names(self, source: str) -> list[str]:
        """``source`` plus every name the alias table ties to it, case-folded."""
        wanted = source.casefold()
        table = {a.casefold(): c.casefold() for a, c in self.aliases().items()}
        canonical = table.get(wanted, wanted)
        if canonical == wanted and wanted not in table.values():
            return [wanted]
        group = {a for a, c in table.items() if c == canonical} | {canonical}
        return [wanted] + sorted(group - {wanted})


def one_batch(items: Sequence[tuple[Article, Sequence[Claim]]]) -> bool:
    """Whether ``items`` may be stored in one go: some, and no id twice.
    Raises StoreError for a claim given with another article."""
    if not items or len({a.id for a, _ in items}) < len(items):
        return False
    for article, claims in items:
        check_claims(article.id, claims)
    return True


def check_claims(article_id: str, claims: Sequence[Claim]) -> None:
    """Every claim given with an article must be of that article."""
    for claim in claims:
        if claim.article != article_id:
            raise StoreError(f"a claim of article {claim.article!r} was given to "
                             f"replace_claims({article_id!r}); pass each article's "
                             "claims separately")


def read_only_message(where: object, error: Exception) -> str:
    """The one-line message for a write through a store opened with ``read_only=True``."""
    return (f"{where} is opened read-only here ({' '.join(str(error).split())}); "
            "write through a store opened without read_only=True")


def content_hash(article: Article) -> str:
    """Hash of text and metadata; ``origin`` is left out so moving a file is no change."""
    fields = [article.id, article.text, article.published and article.published.isoformat(),
              article.outlet, article.url, article.title]
    if article.language is not None:  # appended only when known: older hashes stay valid
        fields.append(article.language)
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def _feed_item(r: Mapping) -> FeedItem:
    """A watched item's row (SQLite gives its date and time as ISO text)."""
    published, next_try = r["published"], r["next_try"]
    if isinstance(published, str):
        published = date.fromisoformat(published)
    if isinstance(next_try, str):
        next_try = datetime.fromisoformat(next_try)
    return FeedItem(r["feed_url"], r["item_id"], r["link"], r["title"], published,
                    r["summary"] or "", r["state"], r["attempts"], next_try, r["reason"],
                    r["article_id"])
