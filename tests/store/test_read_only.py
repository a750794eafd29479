"""A store opened with read_only=True: it reads what a writer stores, and refuses to write."""
from __future__ import annotations

import pytest
from storedata import make_article, make_claim

from claimledger.errors import StoreError
from claimledger.store import open_store


def _reader(store):
    return open_store(getattr(store, "url", None) or store.path, read_only=True)


def test_reads_what_the_writer_stores_meanwhile(store):
    store.put_article(make_article("a1"))
    with _reader(store) as reader:
        assert reader.article("a1") is not None
        store.put_article(make_article("a2", text="Police arrested 40 people, the ministry said."))
        store.replace_claims("a1", [make_claim("a1")])
        assert reader.article("a2") is not None  # WAL / MVCC: no reopening needed
        assert [c.value for c in reader.claims(article="a1")] == [1500]


@pytest.mark.parametrize("write", [
    lambda s: s.put_article(make_article("a9")),
    lambda s: s.replace_claims("a1", []),
    lambda s: s.replace_events([]),
])
def test_a_write_fails_with_a_clear_error(store, write):
    store.put_article(make_article("a1"))
    store.replace_claims("a1", [make_claim("a1")])
    with _reader(store) as reader:
        with pytest.raises(StoreError, match="opened read-only") as raised:
            write(reader)
        assert "\n" not in str(raised.value)
        assert reader.article("a9") is None  # nothing half-written, and it still reads
        assert len(list(reader.claims(article="a1"))) == 1
    store.put_article(make_article("a9"))  # the writer is unaffected
    assert store.article("a9") is not None


def test_read_only_neither_creates_nor_migrates(tmp_path):
    missing = tmp_path / "none.db"
    with pytest.raises(StoreError, match="no database at"):
        open_store(missing, read_only=True)
    assert not missing.exists()


def test_a_sqlite_reader_keeps_a_small_page_cache(tmp_path):
    # the web app opens a reader a thread: dozens a worker, each with its own cache
    db = tmp_path / "c.db"
    with open_store(db) as writer, open_store(db, read_only=True) as reader:
        cache = {s: s._conn.execute("PRAGMA cache_size").fetchone()[0] for s in (writer, reader)}
    assert cache[reader] == -8192 and cache[writer] == -65536
