"""The web app's pool of stores (web/ledger.py): a few connections a worker, each lent to
one request at a time, whichever thread serves it."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient

from claimledger.model import Article
from claimledger.store import open_store
from claimledger.web.app import create_app
from claimledger.web.ledger import Stores


class _Counted:
    """Stand-in stores that record who holds them at once (the pool's bookkeeping is
    what is tested here; real stores are below)."""

    def __init__(self):
        self.opened, self.closed, self.overlaps = 0, 0, 0
        self.lock = threading.Lock()

    def open(self):
        with self.lock:
            self.opened += 1
        owner = {"busy": False}
        parent = self

        class Store:
            def use(self):
                with parent.lock:
                    if owner["busy"]:
                        parent.overlaps += 1
                    owner["busy"] = True
                time.sleep(0.002)
                owner["busy"] = False

            def revision(self):
                return 1

            def close(self):
                parent.closed += 1
        return Store()


def test_no_more_stores_than_the_pool_holds_and_none_shared_at_once():
    made = _Counted()
    stores = Stores(made.open, size=3)

    def request(_):
        with stores.lease() as ledger:
            ledger.store.use()

    with ThreadPoolExecutor(24) as pool:
        list(pool.map(request, range(300)))
    assert made.opened == 3 and made.overlaps == 0
    stores.close()
    assert made.closed == 3


def test_a_store_that_fails_to_open_gives_its_place_back():
    attempts = []

    def open_once_broken():
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("the server is down")
        return _Counted().open()

    stores = Stores(open_once_broken, size=1)
    with pytest.raises(RuntimeError):
        with stores.lease():
            pass
    with stores.lease() as ledger:  # would wait for ever had the place stayed taken
        assert ledger.store.revision() == 1


def test_an_answer_kept_until_the_revision_changes_is_shared_by_the_pool():
    made, revision, computed = _Counted(), [1], []
    stores = Stores(made.open, size=2)

    def kept():
        return stores.kept("k", revision[0], lambda: computed.append(1) or len(computed))

    assert kept() == 1 and kept() == 1
    revision[0] = 2
    assert kept() == 2 and computed == [1, 1]


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "claims.db")
    with open_store(path) as store:
        for i in range(5):
            store.put_article(Article(f"a{i}", f"Police said {i + 2} protesters were killed."))
    return path


def test_concurrent_requests_share_a_few_sqlite_connections_across_threads(db):
    app = create_app(db)
    opened, open_reader = [], app.state.ledger._open
    app.state.ledger = Stores(lambda: opened.append(1) or open_reader(), size=2)
    with TestClient(app) as client, ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(lambda i: client.get(f"/api/articles/a{i % 5}"), range(80)))
    assert [r.status_code for r in answers] == [200] * 80
    assert {r.json()["id"] for r in answers} == {f"a{i}" for i in range(5)}
    assert len(opened) <= 2  # 80 requests over 16 threads, two connections
