"""The SQLite Store: one file, WAL journal, foreign keys on, FTS5 for search."""
from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import groupby
from pathlib import Path

from ..errors import StoreError
from ..model import Article, Claim, Failure, FileMark, Outlet
from .base import FeedState, PutResult, Store, check_claims, content_hash, one_batch
from . import rows as recs
from .migrations import SQLITE
from .rows import iso as _iso, parse_date as _date
from .sqlite_copies import SQLiteCopies
from .sqlite_events import SQLiteEvents
from .feeds_outlets import SQLiteFeedsOutlets

SNIPPET_MARKS = ("[", "]")  # around matched words in search snippets

_ARTICLE_COLUMNS = "id, text, published, outlet, url, title, origin, language"
_CLAIM_COLUMNS = (
    "article_id, category, value, low, high, qualifier, span, start_char, end_char, "
    "sentence, sentence_start, unit, subject, when_start, when_end, when_text, "
    "where_name, where_country, where_admin1")
_SOURCE_COLUMNS = "claim_id, position, name, verb, date, mention, start_char, end_char"


def _insert(table: str, columns: str) -> str:
    return f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(columns.split(',')))})"


_INSERT_CLAIM_WITH_ID = _insert("claims", "id, " + _CLAIM_COLUMNS)
_INSERT_ARTICLE = _insert("articles", "text, published, outlet, url, title, origin, language, "
                                      "content_hash, ingested_at, id")
_INSERT_SOURCE = _insert("claim_sources", _SOURCE_COLUMNS)


def _article_values(article: Article, digest: str, now: str) -> tuple:
    """An article's row, in _INSERT_ARTICLE's order (the UPDATE's too: id last)."""
    return (article.text, _iso(article.published), article.outlet, article.url, article.title,
            article.origin, article.language, digest, now, article.id)


class SQLiteStore(SQLiteCopies, SQLiteEvents, SQLiteFeedsOutlets, Store):
    """A Store in one SQLite file (created when missing; its folder must exist)."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._depth = 0  # transaction nesting: 0 = none open
        self._conn = _connect(self.path)

    # -- schema ------------------------------------------------------------
    def migrate(self) -> list[str]:
        with self._errors():
            self._conn.execute("CREATE TABLE IF NOT EXISTS migrations "
                               "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        applied = []
        for migration in SQLITE:
            # each migration in its own transaction, re-checked inside it so that
            # two processes migrating at once do not both apply it
            with self.transaction(), self._errors():
                done = self._conn.execute("SELECT 1 FROM migrations WHERE name = ?",
                                          (migration.name,)).fetchone()
                if done:
                    continue
                for statement in _statements(migration.sql):
                    self._conn.execute(statement)
                self._conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                                   (migration.name, _now()))
            applied.append(migration.name)
        return applied

    # -- articles ----------------------------------------------------------
    def put_article(self, article: Article) -> PutResult:
        digest = content_hash(article)
        values = _article_values(article, digest, _now())
        with self.transaction(), self._errors():
            row = self._conn.execute("SELECT content_hash FROM articles WHERE id = ?",
                                     (article.id,)).fetchone()
            if row is None:
                self._conn.execute(_INSERT_ARTICLE, values)
                return "new"
            if row["content_hash"] == digest:
                return "unchanged"
            # old claims point at offsets of the old text: they must go
            self._conn.execute("DELETE FROM claims WHERE article_id = ?", (article.id,))
            self._conn.execute(
                "UPDATE articles SET text = ?, published = ?, outlet = ?, url = ?, title = ?, "
                "origin = ?, language = ?, content_hash = ?, ingested_at = ? WHERE id = ?", values)
            return "changed"

    def put_articles(self, items: Sequence[tuple[Article, Sequence[Claim]]]) -> list[PutResult]:
        # a batch in a few statements, not a dozen an article with their savepoints: new
        # articles in one executemany, in the order given (seq is the ingest order), the
        # claims and their sources likewise; articles stored before go through put_article
        items = list(items)
        if not one_batch(items):
            return super().put_articles(items)
        ids = [a.id for a, _ in items]
        now = _now()
        with self.transaction(), self._errors():
            stored = {row["id"] for row in self._where_in("SELECT id FROM articles WHERE id IN ({marks})", ids)}
            self._conn.executemany(_INSERT_ARTICLE, [_article_values(a, content_hash(a), now)
                                                     for a, _ in items if a.id not in stored])
            out: list[PutResult] = ["new" if a.id not in stored else self.put_article(a) for a, _ in items]
            self._where_in("DELETE FROM claims WHERE article_id IN ({marks})", ids)
            self._insert_claims([c for _, claims in items for c in claims])
            self._where_in("DELETE FROM failures WHERE origin IN ({marks})",
                           dict.fromkeys(a.origin or "" for a, _ in items))
        return out

    def article(self, id: str) -> Article | None:
        with self._errors():
            row = self._conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?",
                                     (id,)).fetchone()
        return recs.article(row, _date) if row else None

    def articles(self) -> Iterator[Article]:
        with self._errors():
            for row in self._conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY seq"):
                yield recs.article(row, _date)

    def articles_among(self, ids: Collection[str]) -> dict[str, Article]:
        with self._errors():
            rows = self._where_in(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id IN ({{marks}})",
                                  dict.fromkeys(ids))
        return {row["id"]: recs.article(row, _date) for row in rows}

    def _where_in(self, sql: str, values: Iterable) -> list[sqlite3.Row]:
        """The rows of ``sql`` run on each 500 of ``values`` (SQLite's variable limit),
        ``{marks}`` in it standing for their placeholders."""
        return [row for part in recs.batches(values, 500)
                for row in self._conn.execute(sql.format(marks=", ".join("?" * len(part))), part)]

    # -- claims ------------------------------------------------------------
    def replace_claims(self, article_id: str, claims: Sequence[Claim]) -> None:
        check_claims(article_id, claims)
        with self.transaction(), self._errors():
            self._conn.execute("DELETE FROM claims WHERE article_id = ?", (article_id,))
            self._insert_claims(claims)

    def _insert_claims(self, claims: Sequence[Claim]) -> None:
        """Inside a transaction: the claims, with ids after the highest stored (those
        SQLite would give them one by one), so claims and sources go in as two batches."""
        if not claims:
            return
        top = self._conn.execute("SELECT COALESCE(MAX(id), 0) FROM claims").fetchone()[0]
        self._conn.executemany(_INSERT_CLAIM_WITH_ID, [(top + i, *recs.claim_row(c, _iso))
                                                       for i, c in enumerate(claims, 1)])
        self._conn.executemany(_INSERT_SOURCE, [
            (top + i, k, s.name, s.verb, _iso(s.date), s.mention, s.start, s.end)
            for i, c in enumerate(claims, 1) for k, s in enumerate(c.sources)])

    def claims(self, article: str | None = None, category: str | None = None,
               source: str | None = None,
               articles: Iterable[str] | None = None) -> Iterator[Claim]:
        names = self.source_names(source) if source is not None else None
        sql, params = _claims_query(article, None if articles is None else list(articles),
                                    category, names)
        with self._errors():
            rows = self._conn.execute(sql, params)
            for _, group in groupby(rows, key=lambda row: row["cid"]):
                group = list(group)
                sources = tuple(recs.source(r, _date) for r in group if r["s_position"] is not None)
                yield recs.claim(group[0], sources, _date)

    def count_claims(self) -> int:
        with self._errors():
            return self._conn.execute("SELECT count(*) FROM claims").fetchone()[0]

    def revision(self) -> tuple:
        # every commit writes the WAL (or the file, at a checkpoint), so their stat moves;
        # a few O(1) figures guard against two writes within one clock tick
        files = []
        for path in (self.path, self.path.with_name(self.path.name + "-wal")):
            try:
                st = path.stat()
                files.append((st.st_mtime_ns, st.st_size))
            except OSError:
                files.append(None)
        with self._errors():
            row = self._conn.execute("SELECT (SELECT count(*) FROM articles), (SELECT max(id) FROM claims), "
                                     "(SELECT count(*) FROM events)").fetchone()
        return (*files, *row)

    # -- failures ----------------------------------------------------------
    def add_failure(self, failure: Failure) -> None:
        with self.transaction(), self._errors():
            self._conn.execute("INSERT OR IGNORE INTO failures (origin, line, reason, at) "
                               "VALUES (?, ?, ?, ?)",
                               (failure.origin, failure.line, failure.reason, _now()))

    def failures(self) -> list[Failure]:
        with self._errors():
            rows = self._conn.execute("SELECT origin, reason, line FROM failures ORDER BY id")
            return [Failure(r["origin"], r["reason"], r["line"]) for r in rows]

    def clear_failure(self, origin: str) -> None:
        with self.transaction(), self._errors():
            self._conn.execute("DELETE FROM failures WHERE origin = ?", (origin,))

    # -- search and aliases ------------------------------------------------
    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        match = fts_query(query)
        if not match:
            return []
        with self._errors():
            rows = self._conn.execute(
                "SELECT a.id, snippet(articles_fts, -1, ?, ?, '…', 16) AS snippet "
                "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
                "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
                (*SNIPPET_MARKS, match, limit))
            return [(r["id"], r["snippet"]) for r in rows]

    def aliases(self) -> dict[str, str]:
        with self._errors():
            rows = self._conn.execute("SELECT alias, canonical FROM aliases ORDER BY alias")
            return {r["alias"]: r["canonical"] for r in rows}

    def add_aliases(self, pairs: Iterable[tuple[str, str]]) -> None:
        with self.transaction(), self._errors():
            self._conn.executemany(
                "INSERT INTO aliases (alias, canonical) VALUES (?, ?) "
                "ON CONFLICT(alias) DO UPDATE SET canonical = excluded.canonical",
                [(alias, canonical) for alias, canonical in pairs])

    # -- outlets and feeds -------------------------------------------------
    def outlets(self) -> list[Outlet]:
        with self._errors():
            rows = self._conn.execute("SELECT domain, name, country, affiliation FROM outlets "
                                      "ORDER BY domain")
            return [Outlet(r["domain"], r["name"], r["country"], r["affiliation"]) for r in rows]

    def add_outlets(self, outlets: Iterable[Outlet]) -> None:
        with self.transaction(), self._errors():
            self._conn.executemany(
                "INSERT OR REPLACE INTO outlets (domain, name, country, affiliation) "
                "VALUES (?, ?, ?, ?)", [(o.domain, o.name, o.country, o.affiliation) for o in outlets])

    def feed_state(self, url: str) -> FeedState | None:
        with self._errors():
            row = self._conn.execute("SELECT url, etag, modified FROM feeds WHERE url = ?",
                                     (url,)).fetchone()
        return FeedState(row["url"], row["etag"], row["modified"]) if row else None

    def put_feed_state(self, state: FeedState) -> None:
        with self.transaction(), self._errors():
            self._conn.execute("INSERT OR REPLACE INTO feeds (url, etag, modified, checked_at) "
                               "VALUES (?, ?, ?, ?)", (state.url, state.etag, state.modified, _now()))

    def seen_items(self, feed_url: str) -> set[str]:
        with self._errors():
            rows = self._conn.execute("SELECT item_id FROM feed_items WHERE feed_url = ?", (feed_url,))
            return {r["item_id"] for r in rows}

    def mark_seen(self, feed_url: str, items: Iterable[tuple[str, str | None]]) -> None:
        with self.transaction(), self._errors():
            self._conn.executemany(
                "INSERT OR IGNORE INTO feed_items (feed_url, item_id, article_id, seen_at) "
                "VALUES (?, ?, ?, ?)", [(feed_url, item, article, _now()) for item, article in items])

    # -- progress ----------------------------------------------------------
    def is_ingested(self, mark: FileMark) -> bool:
        with self._errors():
            return self._conn.execute(
                "SELECT 1 FROM ingested_files WHERE path = ? AND size = ? AND sha256 = ?",
                (mark.path, mark.size, mark.sha256)).fetchone() is not None

    def mark_ingested(self, mark: FileMark) -> None:
        with self.transaction(), self._errors():
            self._conn.execute("INSERT OR REPLACE INTO ingested_files (path, size, sha256, at) "
                               "VALUES (?, ?, ?, ?)", (mark.path, mark.size, mark.sha256, _now()))

    # -- connection --------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        # the outermost level is a real transaction, inner levels are savepoints,
        # so a store method called inside a caller's transaction joins it
        savepoint = f"sp{self._depth}"
        with self._errors():
            self._conn.execute("BEGIN IMMEDIATE" if self._depth == 0 else f"SAVEPOINT {savepoint}")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth -= 1
            with self._errors():
                if self._depth == 0:
                    self._conn.execute("ROLLBACK")
                else:
                    self._conn.execute(f"ROLLBACK TO {savepoint}")
                    self._conn.execute(f"RELEASE {savepoint}")
            raise
        self._depth -= 1
        with self._errors():
            self._conn.execute("COMMIT" if self._depth == 0 else f"RELEASE {savepoint}")

    def close(self) -> None:
        self._conn.close()

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as error:
            raise StoreError(explain(self.path, error)) from error

    def __repr__(self) -> str:
        return f"SQLiteStore({str(self.path)!r})"


def _connect(path: Path) -> sqlite3.Connection:
    if not path.parent.is_dir():
        raise StoreError(f"cannot create the database {path}: the folder {path.parent} "
                         "does not exist; create it first or choose another path")
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give a file path for the database, "
                         f"e.g. {path / 'claims.db'}")
    conn = None
    try:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves (see transaction)
        conn = sqlite3.connect(path, isolation_level=None, timeout=10.0)
        conn.row_factory = sqlite3.Row
        conn.create_function("casefold", 1, _casefold, deterministic=True)
        conn.execute("PRAGMA foreign_keys = ON")
        # the first read of the file: a non-database file fails here
        conn.execute("PRAGMA journal_mode = WAL")
        # WAL makes NORMAL sync safe against a crash of the process (not of the OS);
        # a 64 MB page cache keeps the copy index's B-trees in memory as they grow
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA cache_size = -65536")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as error:
        if conn is not None:
            conn.close()
        raise StoreError(explain(path, error)) from error
    return conn


def explain(path: Path, error: sqlite3.Error) -> str:
    """A one-line message for a sqlite3 error that says what to do."""
    text = str(error)
    if "not a database" in text or "malformed" in text:
        return (f"{path} is not a claimledger database or is damaged ({text}); "
                "choose another database path, or move this file away to start afresh")
    if "no such table" in text:
        return f"the database {path} is not set up ({text}); run migrate() on it first"
    if "locked" in text or "busy" in text:
        return (f"the database {path} is busy ({text}): another process is writing; "
                "try again when it has finished")
    if "FOREIGN KEY" in text:
        return (f"{path}: a claim refers to an article that is not stored ({text}); "
                "put_article() the article before its claims")
    if "readonly" in text or "unable to open" in text:
        return f"cannot open or write {path} ({text}); check the file and folder permissions"
    return f"database {path}: {text}"


def fts_query(query: str) -> str:
    """User words as an FTS5 query: each word a quoted phrase (so punctuation and
    FTS operators are taken literally), all required; a trailing * keeps prefix search."""
    terms = []
    for word in query.replace("\0", " ").split():  # FTS5 reads a NUL as the end of the query
        prefix = word.endswith("*")
        word = word.rstrip("*")
        if re.search(r"\w", word):
            terms.append('"' + word.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " ".join(terms)


def _claims_query(article: str | None, articles: list[str] | None, category: str | None,
                  source_names: list[str] | None) -> tuple[str, list]:
    """Claims joined with their sources (one row per source), filters ANDed."""
    where, params = [], []
    if article is not None:
        where.append("c.article_id = ?")
        params.append(article)
    if articles is not None:
        where.append("c.article_id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(articles))
    if category is not None:
        where.append("c.category = ?")
        params.append(category)
    if source_names is not None:
        anyname = " OR ".join(["instr(casefold(f.name), ?) > 0"] * len(source_names))
        where.append("EXISTS (SELECT 1 FROM claim_sources f "
                     f"WHERE f.claim_id = c.id AND ({anyname}))")
        params.extend(source_names)
    sql = (f"SELECT c.id AS cid, {_prefixed('c', _CLAIM_COLUMNS)}, "
           f"{_prefixed('s', _SOURCE_COLUMNS, 's_')} "
           "FROM claims c LEFT JOIN claim_sources s ON s.claim_id = c.id "
           f"{'WHERE ' + ' AND '.join(where) if where else ''} "
           "ORDER BY c.article_id, c.start_char, c.end_char, c.id, s.position")
    return sql, params


def _statements(sql: str) -> Iterator[str]:
    """Split a script into statements; complete_statement knows trigger bodies."""
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer
            buffer = ""


def _prefixed(table: str, columns: str, alias: str = "") -> str:
    names = [c.strip() for c in columns.split(",")]
    return ", ".join(f"{table}.{n} AS {alias}{n}" for n in names)


def _casefold(value: str | None) -> str | None:
    return value.casefold() if value is not None else None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
