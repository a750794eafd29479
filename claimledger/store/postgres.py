"""The PostgreSQL Store: one database shared by a team, full-text search by tsvector.

The queries are ``base.Store``'s; here is only what PostgreSQL does its own way.

    with open_store("postgresql://me@db.example.org/ledger") as store: ...

The URL is libpq's, so its query part may carry any connection parameter, e.g.
``?options=-csearch_path%3Dmyteam`` to keep the ledger in its own schema.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import count

import psycopg
from psycopg import errors as pgerrors
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row

from ..errors import StoreError
from .dialect import POSTGRESQL
from .schema import migrations
from .base import Store, read_only_message

CONNECT_TIMEOUT = 5  # seconds; an unreachable server fails fast with a message
_LOCK = 0x636C61696D  # advisory lock key ("claim"): one migrating process at a time
_cursor_names = count()
# many new articles in one statement, in the order given (seq is the ingest order)
_INSERT_ARTICLES = (
    "INSERT INTO articles (text, published, outlet, url, title, origin, language, "
    "content_hash, ingested_at, id) "
    "SELECT v.text, v.published, v.outlet, v.url, v.title, v.origin, v.language, v.hash, v.at, v.id "
    "FROM unnest(%s::text[], %s::date[], %s::text[], %s::text[], %s::text[], %s::text[], "
    "%s::text[], %s::text[], %s::timestamptz[], %s::text[]) WITH ORDINALITY "
    "AS v(text, published, outlet, url, title, origin, language, hash, at, id, n) ORDER BY v.n "
    "ON CONFLICT (id) DO NOTHING RETURNING id")


class PostgresStore(Store):
    """A Store in a PostgreSQL database (the tables go in the first schema of the search path).
    ``read_only``: a session whose transactions are read-only (``default_transaction_read_only``)."""

    dialect = POSTGRESQL
    migrations = migrations("postgresql")
    # rank and cut first, then build headlines for the few rows kept
    _SEARCH = ("SELECT id, ts_headline('english', concat_ws(' — ', title, text), q, 'StartSel=[, "
               "StopSel=], MaxFragments=1, MaxWords=16, MinWords=6, FragmentDelimiter=…') AS snippet "
               "FROM (SELECT a.id, a.title, a.text, a.seq, q, ts_rank(a.search, q) AS rank "
               "FROM articles a, to_tsquery('english', ?) AS q WHERE a.search @@ q "
               "ORDER BY rank DESC, a.seq LIMIT ?) AS best ORDER BY rank DESC, seq")
    _SEARCH_IDS = ("SELECT a.id FROM articles a, to_tsquery('english', ?) AS q WHERE a.search @@ q "
                   "ORDER BY ts_rank(a.search, q) DESC, a.seq LIMIT ?")
    # a common word: down the seq key until the limit; a rare one: its index entries, sorted
    _LATEST_IDS = ("SELECT a.id FROM articles a WHERE a.search @@ to_tsquery('english', ?) "
                   "ORDER BY a.seq DESC LIMIT ?")

    _driver_error = psycopg.Error

    def __init__(self, url: str, *, read_only: bool = False):
        self.url = url
        self.where = describe(url)
        self.read_only = read_only
        self._revision: tuple | None = None  # (snapshot, counts) when last read
        self._conn = _connect(url, self.where)
        if read_only:  # set on the session, so the URL's own options stay in force
            self._conn.execute("SET default_transaction_read_only = on")

    @staticmethod
    def _words(query: str) -> str:
        return tsquery(query)

    @staticmethod
    def _snippet(text: str) -> str:
        return " ".join(text.split())  # one line

    def _many(self, sql: str, rows: Iterable[Sequence]) -> None:
        with self._conn.cursor() as cursor:
            cursor.executemany(self.dialect.sql(sql), rows)

    def _stream(self, sql: str, params: Sequence = ()) -> Iterator[dict]:
        # a server-side cursor fetched a batch at a time, so reading every claim of a
        # large ledger does not load it whole
        with self._errors():
            with self._conn.cursor(f"claimledger_{next(_cursor_names)}",
                                   withhold=True) as cursor:
                cursor.itersize = 2000
                cursor.execute(self.dialect.sql(sql), params)
                yield from cursor

    def _script(self, sql: str) -> None:
        self._conn.execute(sql)

    def _lock_migrations(self) -> None:
        # concurrent migrators wait here, then see the ledger row
        self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))

    def _claim_ids(self, n: int) -> list[int]:
        return [r["id"] for r in self._conn.execute(
            "SELECT nextval(pg_get_serial_sequence('claims', 'id')) AS id "
            "FROM generate_series(1, %s)", (n,))]

    def _insert_new(self, rows: list[tuple]) -> set[str]:
        return {r["id"] for r in self._conn.execute(_INSERT_ARTICLES,
                                                    [list(column) for column in zip(*rows)])}

    def refresh_statistics(self) -> None:
        # autovacuum does it too, in its own time, if the server runs it; VACUUM lets
        # the planner read an index alone (a list of countries, a count)
        with self._errors():
            self._conn.execute("VACUUM ANALYZE")

    def revision(self) -> tuple:
        # counts and maxima that every write moves, as SQLite's; comparable across
        # connections. Two of them count a million rows at a million claims (140 ms), so
        # they are read again only when the server's snapshot of running transactions
        # has changed since: while it is the same, no transaction has begun writing or
        # ended, and the counts stand (a commit between the snapshot and the counts
        # changes the next snapshot, so the counts are read again then)
        with self._errors():
            snapshot = self._conn.execute("SELECT pg_current_snapshot()::text AS s").fetchone()["s"]
            if self._revision is not None and snapshot == self._revision[0]:
                return self._revision[1]
            counts = tuple(self._conn.execute(
                "SELECT (SELECT count(*) FROM articles) AS a, "
                "(SELECT max(ingested_at) FROM articles) AS b, (SELECT count(*) FROM claims) AS c, "
                "(SELECT max(id) FROM claims) AS d, (SELECT count(*) FROM event_claims) AS e, "
                "(SELECT count(*) FROM events) AS f, (SELECT count(*) FROM copies) AS g"
            ).fetchone().values())
        self._revision = (snapshot, counts)
        return counts

    @contextmanager
    def transaction(self) -> Iterator[None]:
        # psycopg nests for us: the outermost level is BEGIN/COMMIT, inner levels
        # are savepoints, so a store method called in a caller's transaction joins it
        with self._errors(), self._conn.transaction():
            yield

    def _explain(self, error: Exception, article_id: str | None) -> str:
        if isinstance(error, pgerrors.ReadOnlySqlTransaction):
            return read_only_message(self.where, error)
        return explain(self.where, error, article_id)


def describe(url: str) -> str:
    """user@host:port/dbname of a URL, never its password (for messages)."""
    try:
        info = conninfo_to_dict(url)
    except psycopg.ProgrammingError as error:
        raise StoreError(f"not a valid PostgreSQL URL ({_one_line(error)}); "
                         "write it as postgresql://user@host:port/dbname") from None
    host = info.get("host") or "localhost"
    user = f"{info['user']}@" if info.get("user") else ""
    port = f":{info['port']}" if info.get("port") else ""
    return f"postgresql://{user}{host}{port}/{info.get('dbname', '')}"


def _connect(url: str, where: str) -> psycopg.Connection:
    try:
        # autocommit: transaction() issues BEGIN/COMMIT itself, as the SQLite store does
        return psycopg.connect(url, autocommit=True, row_factory=dict_row,
                               connect_timeout=CONNECT_TIMEOUT)
    except psycopg.OperationalError as error:
        text = _one_line(error)
        if "does not exist" in text and "database" in text:
            advice = "create it first (createdb, or CREATE DATABASE) or fix the URL"
        elif "authentication" in text or "password" in text or "role" in text:
            advice = "check the user and password in the URL (or ~/.pgpass)"
        else:
            advice = ("start the server (e.g. `pg_ctlcluster 15 main start`) or fix the "
                      "host and port in the URL; or use a file path for SQLite")
        raise StoreError(f"cannot connect to PostgreSQL at {where} ({text}); {advice}") from None


def explain(where: str, error: psycopg.Error, article_id: str | None = None) -> str:
    """A one-line message for a psycopg error that says what to do."""
    text = _one_line(error)
    if isinstance(error, pgerrors.UndefinedTable):
        return f"the database {where} is not set up ({text}); run migrate() on it first"
    if isinstance(error, pgerrors.ForeignKeyViolation):
        return (f"{where}: a claim refers to an article that is not stored ({text}); "
                "put_article() the article before its claims")
    if isinstance(error, pgerrors.UntranslatableCharacter | pgerrors.CharacterNotInRepertoire) \
            or "NUL" in text:
        return (f"{where}: article {article_id!r} holds a character PostgreSQL cannot store "
                f"({text}); remove NUL characters from the input and ingest it again")
    if isinstance(error, pgerrors.InsufficientPrivilege):
        return f"{where}: not allowed ({text}); ask the database owner to grant access"
    if isinstance(error, pgerrors.SerializationFailure | pgerrors.DeadlockDetected):
        return f"{where}: busy ({text}): another process is writing; try again"
    if isinstance(error, psycopg.OperationalError | psycopg.InterfaceError):
        return f"lost the connection to {where} ({text}); check the server and try again"
    return f"database {where}: {text}"


def tsquery(query: str) -> str:
    """User words as a to_tsquery expression: each word a phrase of its letters and
    digits (so punctuation and operators are taken literally), all required; a
    trailing * keeps prefix search."""
    terms = []
    for word in query.split():
        tokens = re.findall(r"[^\W_]+", word)
        if not tokens:
            continue
        if word.endswith("*"):
            tokens[-1] += ":*"
        terms.append("(" + " <-> ".join(tokens) + ")")
    return " & ".join(terms)


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())
