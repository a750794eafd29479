"""The SQLite Store: one file, WAL journal, foreign keys on, FTS5 for search.

The queries are ``base.Store``'s; here is only what SQLite does its own way.
"""
from __future__ import annotations

import os
import re
import sqlite3
from urllib.parse import quote
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..errors import StoreError
from .dialect import SQLITE
from .schema import migrations
from .base import INSERT_ARTICLE, Store, read_only_message



class SQLiteStore(Store):
    """A Store in one SQLite file (created when missing; its folder must exist).
    ``read_only``: the file opened with ``mode=ro``, for readers beside a writer."""

    dialect = SQLITE
    migrations = migrations("sqlite")
    _SEARCH = ("SELECT a.id, snippet(articles_fts, -1, '[', ']', '…', 16) AS snippet "
               "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
               "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?")
    _SEARCH_IDS = ("SELECT a.id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
                   "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?")
    # FTS5 walks its doclists in rowid (= seq) order, backwards here, and stops at the limit
    _LATEST_IDS = ("SELECT a.id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
                   "WHERE articles_fts MATCH ? ORDER BY articles_fts.rowid DESC LIMIT ?")

    _driver_error = sqlite3.Error

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False):
        self.path = Path(path)
        self.where = str(self.path)
        self.read_only = read_only
        self._depth = 0  # transaction nesting: 0 = none open
        self._conn = _connect(self.path, read_only)

    @staticmethod
    def _words(query: str) -> str:
        return fts_query(query)

    def _many(self, sql: str, rows: Iterable[Sequence]) -> None:
        self._conn.executemany(sql, rows)

    def _stream(self, sql: str, params: Sequence = ()) -> Iterator[sqlite3.Row]:
        with self._errors():  # a cursor steps through the rows as they are read
            yield from self._conn.execute(sql, params)

    def _script(self, sql: str) -> None:
        for statement in _statements(sql):
            self._conn.execute(statement)

    def _lock_migrations(self) -> None:
        pass  # BEGIN IMMEDIATE has taken the write lock already

    def _claim_ids(self, n: int) -> list[int]:
        # those SQLite would give the rows one by one: after the highest stored
        top = self._conn.execute("SELECT COALESCE(MAX(id), 0) FROM claims").fetchone()[0]
        return list(range(top + 1, top + n + 1))

    def _insert_new(self, rows: list[tuple]) -> set[str]:
        stored = {r[0] for r in self._conn.execute(
            "SELECT id FROM articles WHERE id IN (SELECT value FROM json_each(?))",
            (self.dialect.pack([row[-1] for row in rows]),))}
        new = [row for row in rows if row[-1] not in stored]
        self._many(self.dialect.sql(INSERT_ARTICLE), new)
        return {row[-1] for row in new}

    def refresh_statistics(self) -> None:
        with self._errors():
            self._conn.execute("PRAGMA optimize")

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

    def _explain(self, error: Exception, article_id: str | None) -> str:
        if self.read_only and "readonly" in str(error):
            return read_only_message(self.path, error)
        return explain(self.path, error)


def _connect(path: Path, read_only: bool = False) -> sqlite3.Connection:
    if not path.parent.is_dir():
        raise StoreError(f"cannot create the database {path}: the folder {path.parent} "
                         "does not exist; create it first or choose another path")
    if path.is_dir():
        raise StoreError(f"{path} is a folder; give a file path for the database, "
                         f"e.g. {path / 'claims.db'}")
    conn = None
    try:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves (see transaction);
        # mode=ro still reads a WAL database, beside a process that writes it
        target = f"file:{quote(str(path.absolute()))}?mode=ro" if read_only else path
        # check_same_thread off: the web app lends a store to one request at a time, whichever
        # of its threads serves it (web/ledger.py); SQLite itself is built serialized
        conn = sqlite3.connect(target, isolation_level=None, timeout=10.0, uri=read_only,
                               check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.create_function("casefold", 1, _casefold, deterministic=True)
        conn.execute("PRAGMA foreign_keys = ON")
        # the first read of the file: a non-database file fails here
        conn.execute("PRAGMA journal_mode" if read_only else "PRAGMA journal_mode = WAL")
        # WAL makes NORMAL sync safe against a crash of the process (not of the OS);
        # a 64 MB page cache keeps the copy index's B-trees in memory as they grow; a
        # reader (the web app opens one a thread, dozens a worker) keeps 8 MB, the OS's
        # page cache holding the file for all of them
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA cache_size = {-8192 if read_only else -65536}")
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


def _statements(sql: str) -> Iterator[str]:
    """Split a script into statements; complete_statement knows trigger bodies."""
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer
            buffer = ""


def _casefold(value: str | None) -> str | None:
    return value.casefold() if value is not None else None
