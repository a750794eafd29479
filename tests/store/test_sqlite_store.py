"""What only the SQLite backend promises: the file, its pragmas, its errors."""
from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from storedata import make_article

from claimledger.errors import StoreError
from claimledger.model import CATEGORIES, QUALIFIERS, Claim, Place, Source, When
from claimledger.store import SQLiteStore, Store, open_store
from claimledger.store.schema import migrations

SQLITE = migrations("sqlite")


def test_migrations_are_named_ordered_and_recorded(tmp_path):
    names = [m.name for m in SQLITE]
    assert names == sorted(names) and len(set(names)) == len(names)
    with SQLiteStore(tmp_path / "c.db") as store:
        assert store.migrate() == names
        assert store.migrate() == []
    with SQLiteStore(tmp_path / "c.db") as store:
        assert store.migrate() == []


def test_open_store_migrates_unless_told_not_to(tmp_path):
    with open_store(tmp_path / "a.db") as store:
        assert isinstance(store, Store) and store.migrate() == []
    with open_store(str(tmp_path / "b.db"), migrate=False) as store:
        assert store.migrate() == [m.name for m in SQLITE]


def test_wal_and_foreign_keys(tmp_path):
    with open_store(tmp_path / "c.db") as store:
        conn = store._conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_data_survives_reopening(tmp_path):
    with open_store(tmp_path / "c.db") as store:
        store.put_article(make_article())
    with open_store(tmp_path / "c.db") as store:
        assert store.article("a1") == make_article()
        assert store.put_article(make_article()) == "unchanged"


def test_unmigrated_store_says_to_migrate(tmp_path):
    with SQLiteStore(tmp_path / "c.db") as store:
        with pytest.raises(StoreError, match="migrate"):
            store.article("a1")


def test_not_a_database_names_the_file(tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="notes.db is not a claimledger database") as caught:
        open_store(junk)
    assert "move this file away" in str(caught.value)


def test_missing_folder(tmp_path):
    with pytest.raises(StoreError, match="does not exist; create it first"):
        open_store(tmp_path / "no" / "such" / "c.db")


def test_folder_instead_of_file(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)


def test_unknown_url():
    with pytest.raises(StoreError, match="unknown database URL"):
        open_store("mysql://localhost/claims")


def test_public_names():
    import claimledger.store as module
    assert set(module.__all__) >= {"Store", "open_store", "SQLiteStore"}


# -- any claim survives the round trip ---------------------------------------

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
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


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(claims=st.lists(_claims, max_size=4))
def test_any_claims_round_trip(tmp_path, claims):
    with open_store(tmp_path / "prop.db") as store:
        store.put_article(make_article())
        store.replace_claims("a1", claims)
        expected = sorted(claims, key=lambda c: (c.start, c.end))
        assert sorted(store.claims(), key=lambda c: (c.start, c.end)) == expected


def test_items_remembered_before_item_states_count_as_stored(tmp_path, monkeypatch):
    before = tuple(m for m in SQLITE if m.name < "0009")  # a ledger from before 0009
    monkeypatch.setattr(SQLiteStore, "migrations", before)
    with SQLiteStore(tmp_path / "c.db") as store:
        store.migrate()
        store.mark_seen("http://127.0.0.1/feed.xml", [("a", "a")])
    monkeypatch.setattr(SQLiteStore, "migrations", SQLITE)
    with SQLiteStore(tmp_path / "c.db") as store:
        assert store.migrate() == [m.name for m in SQLITE if m.name >= "0009"]
        assert store.seen_items("http://127.0.0.1/feed.xml") == {"a"}
        assert store.open_items("http://127.0.0.1/feed.xml") == []  # not fetched again


def test_sources_stored_before_name_keys_are_found_by_the_source_filter(tmp_path, monkeypatch):
    # 0011 gives SQLite the case-folded name PostgreSQL kept from the start: the
    # sources of a ledger from before it must be filled in, not left unfindable
    monkeypatch.setattr(SQLiteStore, "migrations", tuple(m for m in SQLITE if m.name < "0011"))
    with SQLiteStore(tmp_path / "c.db") as store:
        store.migrate()
        store.put_article(make_article())
        store._conn.execute(
            "INSERT INTO claims (id, article_id, category, qualifier, span, start_char, end_char, "
            "sentence, sentence_start, unit, subject) "
            "VALUES (1, 'a1', 'killed', 'exact', '5', 0, 1, 's', 0, 'people', '')")
        store._conn.execute("INSERT INTO claim_sources (claim_id, position, name, verb) "
                            "VALUES (1, 0, 'STRASSE Watch', 'said')")
    monkeypatch.setattr(SQLiteStore, "migrations", SQLITE)
    with SQLiteStore(tmp_path / "c.db") as store:
        assert store.migrate() == [m.name for m in SQLITE if m.name >= "0011"]
        assert [c.sources[0].name for c in store.claims(source="straße")] == ["STRASSE Watch"]
        assert list(store.claims(source="nobody")) == []


def test_an_events_parts_are_looked_up_by_index_whatever_the_statistics_say(tmp_path):
    # nearly every event has no parent; statistics that counted those once said a parent
    # had thousands of parts, and the event page scanned every event for them
    from claimledger.model import Event
    with SQLiteStore(tmp_path / "c.db") as store:
        store.migrate()
        where = Place("Tehran", "IR", None)
        store.replace_events([Event(f"ev-{i:04d}", "protest", When(None, None, ""), where)
                              for i in range(2000)]
                             + [Event("ev-part", "protest", When(None, None, ""), where, "ev-0001")])
        store._conn.execute("ANALYZE")
        plan = " ".join(r[3] for r in store._conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM events WHERE parent_id = ? ORDER BY sort_key", ("ev-0001",)))
        assert "events_parent" in plan and "SCAN" not in plan
        assert store.event_parts("ev-0001") == ["ev-part"]
