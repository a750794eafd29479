"""The `store` fixture: every contract test runs once per backend.

PostgreSQL runs on a real server (see tests/postgres_server.py: CLAIMLEDGER_TEST_POSTGRES
or 127.0.0.1:5432/test): one migrated schema per session, emptied before each test
and dropped at the end (`pg_url` gives a test a brand-new schema of its own);
without a server those tests skip and say why.
"""
from __future__ import annotations

import pytest
from postgres_server import Ledger, fresh_schema, server_url

from claimledger.store import open_store

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    if request.param == "sqlite":
        with open_store(tmp_path / "claims.db") as opened:
            yield opened
    else:
        ledger = request.getfixturevalue("pg_ledger")
        ledger.empty()
        with open_store(ledger.url) as opened:
            yield opened


@pytest.fixture
def pg_store(pg_ledger):
    """A migrated, empty PostgreSQL store (skips without a server)."""
    pg_ledger.empty()
    with open_store(pg_ledger.url) as opened:
        yield opened


@pytest.fixture(scope="session")
def pg_ledger():
    """A migrated schema on the test server for the session (skips without one)."""
    with fresh_schema(server_url()) as url:
        ledger = Ledger(url)
        try:
            yield ledger
        finally:
            ledger.close()


@pytest.fixture
def pg_url():
    """The URL of a fresh, empty schema on the test server (skips without one)."""
    with fresh_schema(server_url()) as url:
        yield url
