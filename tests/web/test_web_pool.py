"""The web app's pool of stores (web/ledger.py): a few connections a worker, each lent to
one request at a time, whichever thread serves it."""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait

import anyio

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


def _in_tasks(stores: Stores, n: int, use) -> None:
    """``n`` requests at once on one event loop, each leasing a store and using it in a
    worker thread, as a route does."""
    async def request(i):
        async with stores.lease() as ledger:
            await anyio.to_thread.run_sync(use, ledger)

    async def main():
        async with anyio.create_task_group() as tg:
            for i in range(n):
                tg.start_soon(request, i)
    anyio.run(main)


def test_no_more_stores_than_the_pool_holds_and_none_shared_at_once():
    made = _Counted()
    stores = Stores(made.open, size=3)
    _in_tasks(stores, 300, lambda ledger: ledger.store.use())
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

    async def lease_twice():
        with pytest.raises(RuntimeError):
            async with stores.lease():
                pass
        with anyio.fail_after(5):  # would wait for ever had the place stayed taken
            async with stores.lease() as ledger:
                return ledger.store.revision()
    assert anyio.run(lease_twice) == 1


def test_an_answer_kept_until_the_revision_changes_is_shared_by_the_pool():
    stores, revision, computed = Stores(_Counted().open, size=2), [1], []

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


def test_more_requests_at_once_than_threads_share_a_few_sqlite_connections(db):
    # 120 requests at once, more than the 40 threads Starlette runs routes on, over two
    # stores: a request waiting for a store must not hold a thread the holders need
    app = create_app(db)
    opened, open_reader = [], app.state.ledger._open
    app.state.ledger = Stores(lambda: opened.append(1) or open_reader(), size=2)
    with TestClient(app) as client, ThreadPoolExecutor(120) as pool:
        futures = [pool.submit(client.get, f"/api/articles/a{i % 5}") for i in range(240)]
        done, late = wait(futures, timeout=120)
        assert not late, f"{len(late)} requests never answered"
    answers = [f.result() for f in futures]
    assert [r.status_code for r in answers] == [200] * 240
    assert {r.json()["id"] for r in answers} == {f"a{i}" for i in range(5)}
    assert len(opened) <= 2
