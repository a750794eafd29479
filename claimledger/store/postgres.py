"""The PostgreSQL Store: one database shared by a team, full-text search by tsvector.

    with open_store("postgresql://me@db.example.org/ledger") as store: ...

The URL is libpq's, so its query part may carry any connection parameter, e.g.
``?options=-csearch_path%3Dmyteam`` to keep the ledger in its own schema.
"""
from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from itertools import count, groupby

import psycopg
from psycopg import errors as pgerrors
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row

from ..errors import StoreError
from ..model import Article, Claim, Failure, FileMark
from .base import PutResult, Store, check_claims, content_hash, one_batch
from . import rows as recs
from .postgres_copies import PostgresCopies
from .postgres_events import PostgresEvents
from .postgres_feeds import PostgresFeeds
from .feeds_outlets import FeedsOutlets
from .postgres_migrations import POSTGRESQL

HEADLINE = "StartSel=[, StopSel=], MaxFragments=1, MaxWords=16, MinWords=6, FragmentDelimiter=…"
CONNECT_TIMEOUT = 5  # seconds; an unreachable server fails fast with a message

_ARTICLE_COLUMNS = "id, text, published, outlet, url, title, origin, language"
_CLAIM_COLUMNS = (
    "article_id, category, value, low, high, qualifier, span, start_char, end_char, "
    "sentence, sentence_start, unit, subject, when_start, when_end, when_text, "
    "where_name, where_country, where_admin1")
_SOURCE_COLUMNS = "claim_id, position, name, name_key, verb, date, mention, start_char, end_char"
_LOCK = 0x636C61696D  # advisory lock key ("claim"): one migrating process at a time
_cursor_names = count()


def _insert(table: str, columns: str) -> str:
    marks = ", ".join(["%s"] * len(columns.split(",")))
    return f"INSERT INTO {table} ({columns}) VALUES ({marks})"


_INSERT_CLAIM = _insert("claims", "id, " + _CLAIM_COLUMNS)
_INSERT_SOURCE = _insert("claim_sources", _SOURCE_COLUMNS)
# many new articles in one statement, in the order given (seq is the ingest order)
_INSERT_ARTICLES = (
    "INSERT INTO articles (text, published, outlet, url, title, origin, language, "
    "content_hash, id) "
    "SELECT v.text, v.published, v.outlet, v.url, v.title, v.origin, v.language, v.hash, v.id "
    "FROM unnest(%s::text[], %s::date[], %s::text[], %s::text[], %s::text[], %s::text[], "
    "%s::text[], %s::text[], %s::text[]) WITH ORDINALITY "
    "AS v(text, published, outlet, url, title, origin, language, hash, id, n) ORDER BY v.n "
    "ON CONFLICT (id) DO NOTHING RETURNING id")


class PostgresStore(PostgresCopies, PostgresEvents, PostgresFeeds, FeedsOutlets, Store):
    """A Store in a PostgreSQL database (the tables go in the first schema of the search path)."""

    def __init__(self, url: str):
        self.url = url
        self.where = describe(url)
        self._conn = _connect(url, self.where)

    # -- schema ------------------------------------------------------------
    def migrate(self) -> list[str]:
        applied = []
        for migration in POSTGRESQL:
            # the lock makes concurrent migrators wait, then see the ledger row
            with self.transaction(), self._errors():
                self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
                self._conn.execute("CREATE TABLE IF NOT EXISTS migrations "
                                   "(name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
                done = self._conn.execute("SELECT 1 FROM migrations WHERE name = %s",
                                          (migration.name,)).fetchone()
                if done:
                    continue
                self._conn.execute(migration.sql)
                self._conn.execute("INSERT INTO migrations (name, applied_at) VALUES (%s, %s)",
                                   (migration.name, _now()))
            applied.append(migration.name)
        return applied

    # -- articles ----------------------------------------------------------
    def put_article(self, article: Article) -> PutResult:
        digest = content_hash(article)
        values = (article.text, article.published, article.outlet, article.url,
                  article.title, article.origin, article.language, digest, article.id)
        with self.transaction(), self._errors(article.id):
            inserted = self._conn.execute(
                "INSERT INTO articles (text, published, outlet, url, title, origin, "
                "language, content_hash, id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) "
                "ON CONFLICT (id) DO NOTHING", values).rowcount
            if inserted:
                return "new"
            row = self._conn.execute("SELECT content_hash FROM articles WHERE id = %s FOR UPDATE",
                                     (article.id,)).fetchone()
            if row["content_hash"] == digest:
                return "unchanged"
            # old claims point at offsets of the old text: they must go
            self._conn.execute("DELETE FROM claims WHERE article_id = %s", (article.id,))
            self._conn.execute(
                "UPDATE articles SET text = %s, published = %s, outlet = %s, url = %s, "
                "title = %s, origin = %s, language = %s, content_hash = %s, ingested_at = now() "
                "WHERE id = %s", values)
            return "changed"

    def put_articles(self, items: Sequence[tuple[Article, Sequence[Claim]]]) -> list[PutResult]:
        # a batch in a few round trips, not a dozen an article: new articles in one
        # INSERT (in the order given: seq is the ingest order), every claim and source
        # in two pipelined batches; articles stored before go through put_article
        items = list(items)
        if not one_batch(items):
            return super().put_articles(items)
        rows = [(a.text, a.published, a.outlet, a.url, a.title, a.origin, a.language,
                 content_hash(a), a.id) for a, _ in items]
        with self.transaction(), self._errors():
            columns = [list(column) for column in zip(*rows)]
            new = {r["id"] for r in self._conn.execute(_INSERT_ARTICLES, columns)}
            out = ["new" if a.id in new else self.put_article(a) for a, _ in items]
            self._conn.execute("DELETE FROM claims WHERE article_id = ANY(%s)",
                               ([a.id for a, _ in items],))
            self._insert_claims([c for _, claims in items for c in claims])
            self._conn.execute("DELETE FROM failures WHERE origin = ANY(%s)",
                               ([a.origin or "" for a, _ in items],))
        return out

    def article(self, id: str) -> Article | None:
        with self._errors():
            row = self._conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = %s",
                                     (id,)).fetchone()
        return recs.article(row) if row else None

    def articles(self) -> Iterator[Article]:
        for row in self._stream(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY seq", ()):
            yield recs.article(row)

    def articles_among(self, ids: Collection[str]) -> dict[str, Article]:
        with self._errors():
            rows = self._conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ANY(%s)",
                                      (list(dict.fromkeys(ids)),)).fetchall()
        return {row["id"]: recs.article(row) for row in rows}

    # -- claims ------------------------------------------------------------
    def replace_claims(self, article_id: str, claims: Sequence[Claim]) -> None:
        check_claims(article_id, claims)
        with self.transaction(), self._errors(article_id):
            self._conn.execute("DELETE FROM claims WHERE article_id = %s", (article_id,))
            self._insert_claims(claims)

    def _insert_claims(self, claims: Sequence[Claim]) -> None:
        if not claims:
            return
        # ids first (one round trip), so claims and sources go in as two batches
        ids = [r["id"] for r in self._conn.execute(
            "SELECT nextval(pg_get_serial_sequence('claims', 'id')) AS id "
            "FROM generate_series(1, %s)", (len(claims),))]
        with self._conn.cursor() as cursor:
            cursor.executemany(_INSERT_CLAIM, [(id, *recs.claim_row(c))
                                               for id, c in zip(ids, claims)])
            cursor.executemany(_INSERT_SOURCE, [
                (id, i, s.name, s.name.casefold(), s.verb, s.date, s.mention, s.start, s.end)
                for id, c in zip(ids, claims) for i, s in enumerate(c.sources)])

    def claims(self, article: str | None = None, category: str | None = None,
               source: str | None = None,
               articles: Iterable[str] | None = None) -> Iterator[Claim]:
        names = self.source_names(source) if source is not None else None
        sql, params = _claims_query(article, None if articles is None else list(articles),
                                    category, names)
        for _, group in groupby(self._stream(sql, params), key=lambda row: row["cid"]):
            group = list(group)
            sources = tuple(recs.source(r) for r in group if r["s_position"] is not None)
            yield recs.claim(group[0], sources)

    def count_claims(self) -> int:
        with self._errors():
            return self._conn.execute("SELECT count(*) AS n FROM claims").fetchone()["n"]

    def revision(self) -> tuple:
        # counts and maxima that every write moves, as SQLite's; comparable across connections
        with self._errors():
            return tuple(self._conn.execute(
                "SELECT (SELECT count(*) FROM articles) AS a, "
                "(SELECT max(ingested_at) FROM articles) AS b, (SELECT count(*) FROM claims) AS c, "
                "(SELECT max(id) FROM claims) AS d, (SELECT count(*) FROM event_claims) AS e, "
                "(SELECT count(*) FROM events) AS f, (SELECT count(*) FROM copies) AS g"
            ).fetchone().values())

    # -- failures ----------------------------------------------------------
    def add_failure(self, failure: Failure) -> None:
        with self.transaction(), self._errors():
            self._conn.execute("INSERT INTO failures (origin, line, reason) VALUES (%s, %s, %s) "
                               "ON CONFLICT DO NOTHING",
                               (failure.origin, failure.line, failure.reason))

    def failures(self) -> list[Failure]:
        with self._errors():
            rows = self._conn.execute("SELECT origin, reason, line FROM failures ORDER BY id")
            return [Failure(r["origin"], r["reason"], r["line"]) for r in rows]

    def clear_failure(self, origin: str) -> None:
        with self.transaction(), self._errors():
            self._conn.execute("DELETE FROM failures WHERE origin = %s", (origin,))

    # -- progress ----------------------------------------------------------
    def is_ingested(self, mark: FileMark) -> bool:
        with self._errors():
            return self._conn.execute(
                "SELECT 1 FROM ingested_files WHERE path = %s AND size = %s AND sha256 = %s",
                (mark.path, mark.size, mark.sha256)).fetchone() is not None

    def mark_ingested(self, mark: FileMark) -> None:
        with self.transaction(), self._errors():
            self._conn.execute(
                "INSERT INTO ingested_files (path, size, sha256) VALUES (%s, %s, %s) "
                "ON CONFLICT (path) DO UPDATE SET size = excluded.size, "
                "sha256 = excluded.sha256, at = now()", (mark.path, mark.size, mark.sha256))

    # -- search and aliases ------------------------------------------------
    def search(self, query: str, limit: int = 20) -> list[tuple[str, str]]:
        match = tsquery(query)
        if not match:
            return []
        # rank and cut first, then build headlines for the few rows kept
        with self._errors():
            rows = self._conn.execute(
                "SELECT id, ts_headline('english', concat_ws(' — ', title, text), q, %s) "
                "AS snippet FROM ("
                "  SELECT a.id, a.title, a.text, a.seq, q, ts_rank(a.search, q) AS rank "
                "  FROM articles a, to_tsquery('english', %s) AS q WHERE a.search @@ q "
                "  ORDER BY rank DESC, a.seq LIMIT %s) AS best "
                "ORDER BY rank DESC, seq",
                (HEADLINE, match, limit))
            return [(r["id"], " ".join(r["snippet"].split())) for r in rows]  # one line

    def aliases(self) -> dict[str, str]:
        with self._errors():
            rows = self._conn.execute("SELECT alias, canonical FROM aliases ORDER BY alias")
            return {r["alias"]: r["canonical"] for r in rows}

    def add_aliases(self, pairs: Iterable[tuple[str, str]]) -> None:
        with self.transaction(), self._errors(), self._conn.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO aliases (alias, canonical) VALUES (%s, %s) "
                "ON CONFLICT (alias) DO UPDATE SET canonical = excluded.canonical",
                [(alias, canonical) for alias, canonical in pairs])

    # -- connection --------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        # psycopg nests for us: the outermost level is BEGIN/COMMIT, inner levels
        # are savepoints, so a store method called in a caller's transaction joins it
        with self._errors(), self._conn.transaction():
            yield

    def close(self) -> None:
        self._conn.close()

    def _stream(self, sql: str, params: Sequence) -> Iterator[dict]:
        """Rows of a query fetched a batch at a time (a server-side cursor), so
        reading every claim of a large ledger does not load it whole."""
        with self._errors():
            with self._conn.cursor(f"claimledger_{next(_cursor_names)}",
                                   withhold=True) as cursor:
                cursor.itersize = 2000
                cursor.execute(sql, params)
                yield from cursor

    @contextmanager
    def _errors(self, article_id: str | None = None) -> Iterator[None]:
        try:
            yield
        except psycopg.Error as error:
            raise StoreError(explain(self.where, error, article_id)) from error

    def __repr__(self) -> str:
        return f"PostgresStore({self.where!r})"


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


def _claims_query(article: str | None, articles: list[str] | None, category: str | None,
                  source_names: list[str] | None) -> tuple[str, list]:
    """Claims joined with their sources (one row per source), filters ANDed."""
    where, params = [], []
    if article is not None:
        where.append("c.article_id = %s")
        params.append(article)
    if articles is not None:
        where.append("c.article_id = ANY(%s)")
        params.append(articles)
    if category is not None:
        where.append("c.category = %s")
        params.append(category)
    if source_names is not None:
        where.append("EXISTS (SELECT 1 FROM claim_sources f, unnest(%s::text[]) AS n(key) "
                     "WHERE f.claim_id = c.id AND strpos(f.name_key, n.key) > 0)")
        params.append(source_names)
    columns = ", ".join(f"s.{n.strip()} AS s_{n.strip()}" for n in _SOURCE_COLUMNS.split(","))
    sql = (f"SELECT c.id AS cid, {', '.join('c.' + n.strip() for n in _CLAIM_COLUMNS.split(','))}, "
           f"{columns} FROM claims c LEFT JOIN claim_sources s ON s.claim_id = c.id "
           f"{'WHERE ' + ' AND '.join(where) if where else ''} "
           "ORDER BY c.article_id, c.start_char, c.end_char, c.id, s.position")
    return sql, params


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
