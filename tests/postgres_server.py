"""The real PostgreSQL server the tests use, and a fresh schema per test.

The server is CLAIMLEDGER_TEST_POSTGRES (a URL) or, when that is unset, the
machine's own at postgresql://127.0.0.1:5432/test if it accepts a connection.
Without one the PostgreSQL tests skip and say why; a URL that was set on purpose
but does not answer fails them instead, so a broken CI server is not mistaken for
a green run.
"""
from __future__ import annotations

import functools
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import pytest

ENV = "CLAIMLEDGER_TEST_POSTGRES"
DEFAULT = "postgresql://127.0.0.1:5432/test"


@functools.cache
def _probe() -> tuple[str | None, str]:
    """(url, "") when a server answers, else (None, why)."""
    url = os.environ.get(ENV) or DEFAULT
    try:
        import psycopg
    except ImportError:
        return None, "psycopg is not installed (pip install 'psycopg[binary]')"
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.Error as error:
        return None, f"no PostgreSQL server answers at {url} ({' '.join(str(error).split())})"
    return url, ""


def server_url() -> str:
    """The server's URL, or skip (fail, if CLAIMLEDGER_TEST_POSTGRES was set) the test."""
    url, why = _probe()
    if url is None:
        if os.environ.get(ENV):
            pytest.fail(f"{ENV} is set but {why}")
        pytest.skip(f"PostgreSQL tests skipped: {why}; start a server (`.ci/postgres` does) "
                    f"or set {ENV} to a postgresql:// URL")
    return url


@contextmanager
def fresh_schema(url: str) -> Iterator[str]:
    """A URL whose search path is a new, empty schema; the schema is dropped afterwards."""
    import psycopg
    schema = f"claimledger_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"SET synchronous_commit = off; CREATE SCHEMA {schema}")
    try:
        yield with_search_path(url, schema)
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"SET synchronous_commit = off; DROP SCHEMA {schema} CASCADE")


class Ledger:
    """One migrated schema for a whole test session, emptied before each test.

    Creating and dropping a schema's ~40 tables, indexes and sequences costs this
    machine's disk 0.3-0.5 s, too slow for a hundred tests; deleting every row
    and restarting every sequence gives each test the same state (a migrated,
    empty ledger) in a few milliseconds. Tests of migrating itself use
    ``fresh_schema`` instead.
    """

    def __init__(self, url: str):
        import psycopg

        from claimledger.store import open_store
        self.url = url
        open_store(url).close()  # migrate once
        self._admin = psycopg.connect(url, autocommit=True)
        self._tables = _children_first(self._admin)

    def empty(self) -> None:
        with self._admin.transaction():
            for table in self._tables:
                self._admin.execute(f'DELETE FROM "{table}"')
            self._admin.execute("SELECT setval(format('%I.%I', schemaname, sequencename), 1, false) "
                                "FROM pg_sequences WHERE schemaname = current_schema()")

    def close(self) -> None:
        self._admin.close()


def _children_first(conn) -> list[str]:
    """The schema's tables (but the migration ledger), each after those referring to it."""
    tables = [r[0] for r in conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
        "AND tablename <> 'migrations' ORDER BY tablename")]
    parents = {t: set() for t in tables}
    for child, parent in conn.execute(
            "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint "
            "WHERE contype = 'f' AND connamespace = current_schema()::regnamespace"):
        if child != parent and child in parents:
            parents[child].add(parent)
    ordered: list[str] = []
    while parents:  # take a table no remaining table refers to
        free = [t for t in parents if not any(t in ps for c, ps in parents.items() if c != t)]
        for t in free or list(parents):  # a cycle: any order, DELETE will say
            ordered.append(t)
            del parents[t]
    return ordered


def with_search_path(url: str, schema: str) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    # synchronous_commit off: the migrations' commits need not wait for the disk in
    # a schema that lives for one test (it roughly halves a test's setup)
    query["options"] = f"-csearch_path={schema} -csynchronous_commit=off"
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote)))
