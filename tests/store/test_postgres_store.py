"""What only the PostgreSQL backend has: connecting, its migrations, its search.

Each test gets a fresh schema on a real server (`pg_url`, see conftest); they skip,
with the reason, when no server answers.
"""
from __future__ import annotations

import threading
from datetime import date
from urllib.parse import urlsplit, urlunsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from postgres_server import server_url
from storedata import make_article, make_claim

from claimledger.errors import StoreError
from claimledger.model import CATEGORIES, QUALIFIERS, Claim, Place, Source, When
from claimledger.store import open_store
from claimledger.store.schema import migrations

SQLITE, POSTGRESQL = migrations("sqlite"), migrations("postgresql")


def test_both_dialects_name_the_same_migrations():
    assert [m.name for m in POSTGRESQL] == [m.name for m in SQLITE]


@pytest.mark.parametrize("url", ["postgresql://127.0.0.1:1/test", "postgres://u@127.0.0.1:1/db"])
def test_unreachable_server_is_a_one_line_error_that_says_what_to_do(url):
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert message.startswith("cannot connect to PostgreSQL at postgresql://")
    assert "start the server" in message and "\n" not in message


def test_the_password_never_shows():
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://me:hunter2@127.0.0.1:1/test")
    assert "hunter2" not in str(caught.value)
    assert "postgresql://me@127.0.0.1:1/test" in str(caught.value)


def test_a_missing_database_says_to_create_it():
    server = urlsplit(server_url())
    with pytest.raises(StoreError, match="create it first"):
        open_store(urlunsplit(server._replace(path="/claimledger_no_such_db", query="")))


def test_unknown_url_names_both_backends():
    with pytest.raises(StoreError, match="postgresql://user@host/dbname"):
        open_store("mysql://localhost/claims")


def test_reopening_keeps_the_data_and_the_ledger(pg_url):
    with open_store(pg_url) as store:
        store.put_article(make_article())
        store.replace_claims("a1", [make_claim()])
    with open_store(pg_url, migrate=False) as store:
        assert store.migrate() == []
        assert store.article("a1") == make_article()
        assert store.count_claims() == 1
        names = [r["name"] for r in store._conn.execute("SELECT name FROM migrations ORDER BY name")]
    assert names == [m.name for m in SQLITE]


def test_unmigrated_store_says_to_migrate(pg_url):
    with open_store(pg_url, migrate=False) as store:
        with pytest.raises(StoreError, match="run migrate"):
            store.article("a1")


def test_two_processes_migrating_at_once_apply_each_migration_once(pg_url):
    stores = [open_store(pg_url, migrate=False) for _ in range(2)]
    results = [None, None]

    def run(i):
        results[i] = stores[i].migrate()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores:
        s.close()
    applied = results[0] + results[1]  # each in its own transaction: they may share the work
    assert sorted(applied) == sorted(m.name for m in POSTGRESQL)


def test_nul_characters_get_a_clear_error(pg_store):
    store = pg_store  # the PostgreSQL store only
    with pytest.raises(StoreError, match="NUL"):
        store.put_article(make_article("nul", "killed\x00 12"))
    assert store.article("nul") is None


def test_search_stems_english_words(pg_store):
    store = pg_store  # the PostgreSQL store only
    store.put_article(make_article("a", "Security forces killed 1500 protesters."))
    assert [id for id, _ in store.search("killing protester")] == ["a"]


def test_a_title_match_ranks_above_a_text_match(pg_store):
    store = pg_store  # the PostgreSQL store only
    store.put_article(make_article("text", "The strike went on in Abadan."))
    store.put_article(make_article("title", "Workers stayed home.", title="Abadan strike"))
    assert [id for id, _ in store.search("abadan")] == ["title", "text"]


def test_reading_while_iterating_is_allowed(pg_store):
    store = pg_store  # the PostgreSQL store only
    for id in ["a", "b", "c"]:
        store.put_article(make_article(id))
        store.replace_claims(id, [make_claim(id)])
    seen = [(c.article, store.article(c.article).id) for c in store.claims()]
    assert seen == [("a", "a"), ("b", "b"), ("c", "c")]


# -- any claim survives the round trip (as for SQLite, but text without NUL) ---

_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
                max_size=30)
_opt_text = st.none() | _text
_int = st.integers(-(2**62), 2**62)
_opt_int = st.none() | _int
_dates = st.none() | st.dates(date(1900, 1, 1), date(2100, 1, 1))
_claims = st.builds(
    Claim, article=st.just("a1"), category=st.sampled_from(CATEGORIES), value=_opt_int,
    low=_opt_int, high=_opt_int, qualifier=st.sampled_from(QUALIFIERS), span=_text,
    start=_int, end=_int, sentence=_text, sentence_start=_int, unit=_text, subject=_text,
    when=st.none() | st.builds(When, _dates, _dates, _text),
    where=st.none() | st.builds(Place, _text, _opt_text, _opt_text),
    sources=st.lists(st.builds(Source, _text, _text, _dates, _text, _opt_int, _opt_int),
                     max_size=3).map(tuple))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(claims=st.lists(_claims, max_size=4))
def test_any_claims_round_trip(pg_store, claims):
    pg_store.put_article(make_article())
    pg_store.replace_claims("a1", claims)
    expected = sorted(claims, key=lambda c: (c.start, c.end))
    assert sorted(pg_store.claims(), key=lambda c: (c.start, c.end)) == expected


def test_revision_moves_with_every_write(pg_store):
    before = pg_store.revision()
    pg_store.put_article(make_article())
    after_article = pg_store.revision()
    pg_store.replace_claims("a1", [make_claim()])
    assert len({before, after_article, pg_store.revision()}) == 3
    assert pg_store.revision() == pg_store.revision()


def test_a_reader_sees_the_revision_move_when_another_connection_commits(pg_store):
    # the reader keeps its counts while the server's snapshot stays the same: a write
    # begun elsewhere must not be taken for the revision before it commits, nor missed after
    from claimledger.store import open_store
    with open_store(pg_store.url, read_only=True, migrate=False) as reader:
        first = reader.revision()
        assert reader.revision() == first
        with pg_store.transaction():
            pg_store.put_article(make_article())
            during = reader.revision()  # not committed yet: the counts are the old ones
            assert during == first
        after = reader.revision()
        assert after != first and reader.revision() == after
        pg_store.replace_claims("a1", [make_claim()])
        assert reader.revision() not in (first, after)
