"""The `store` fixture: every contract test runs once per backend.

PostgreSQL joins when its backend lands: set CLAIMLEDGER_TEST_POSTGRES to a
URL of a throwaway database.
"""
from __future__ import annotations

import os

import pytest

from claimledger.store import open_store

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("CLAIMLEDGER_TEST_POSTGRES") else [])


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    if request.param == "sqlite":
        target = tmp_path / "claims.db"
    else:
        target = os.environ["CLAIMLEDGER_TEST_POSTGRES"]
    with open_store(target) as opened:
        yield opened
