"""The Store contract: every backend must pass these (they take only `store`)."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from storedata import FULL_CLAIM, make_article, make_claim

from claimledger.errors import StoreError
from claimledger.model import Failure, Place, Source, When


def test_migrate_twice_applies_nothing(store):
    assert store.migrate() == []
    assert store.migrate() == []


# -- articles ---------------------------------------------------------------

def test_article_round_trip(store):
    article = make_article(outlet="Reuters", url="https://example.org/a", title="Toll rises",
                           origin="seeds/a1.txt")
    assert store.put_article(article) == "new"
    assert store.article("a1") == article
    assert store.article("missing") is None


def test_article_with_only_required_fields(store):
    article = make_article(published=None)
    store.put_article(article)
    assert store.article("a1") == article


def test_same_article_again_is_unchanged(store):
    store.put_article(make_article())
    assert store.put_article(make_article()) == "unchanged"


def test_moved_file_is_unchanged(store):
    store.put_article(make_article(origin="old/a1.txt"))
    assert store.put_article(make_article(origin="new/a1.txt")) == "unchanged"


@pytest.mark.parametrize("change", [dict(text="Now 1600 were killed."),
                                    dict(published=date(2020, 11, 6)),
                                    dict(title="A title now"),
                                    dict(outlet="AP"), dict(url="https://example.org/b")])
def test_changed_article_replaces_row_and_drops_claims(store, change):
    store.put_article(make_article())
    store.replace_claims("a1", [make_claim()])
    changed = make_article(**change)
    assert store.put_article(changed) == "changed"
    assert store.article("a1") == changed
    assert list(store.claims(article="a1")) == []
    assert [a.id for a in store.articles()] == ["a1"]


def test_articles_among_gives_the_stored_ones_of_the_ids_by_id(store):
    for id in ["b", "a", "c"]:
        store.put_article(make_article(id=id, text=f"Article {id}: 5 were killed."))
    many = [f"x{k}" for k in range(1200)] + ["c", "a", "c"]  # past SQLite's 999 variables
    assert store.articles_among(many) == {"a": store.article("a"), "c": store.article("c")}
    assert store.articles_among([]) == {}


def test_articles_in_ingest_order(store):
    for id in ["b", "a", "c"]:
        store.put_article(make_article(id))
    assert [a.id for a in store.articles()] == ["b", "a", "c"]


# -- claims -----------------------------------------------------------------

def test_claim_round_trip_is_equal(store):
    store.put_article(make_article())
    store.replace_claims("a1", [FULL_CLAIM])
    [back] = store.claims()
    assert back == FULL_CLAIM
    assert isinstance(back.when.start, date) and isinstance(back.sources, tuple)
    assert isinstance(back.sources[0].date, date)


@pytest.mark.parametrize("claim", [
    make_claim(),
    make_claim(value=None, low=2000, high=9999, qualifier="vague", span="thousands"),
    make_claim(when=When(None, None, ""), where=Place("Tehran", None, None)),
    make_claim(when=When(date(2019, 11, 1), date(2019, 11, 30), "last November"),
               where=Place("Shiraz", "IR", "Fars")),
    make_claim(sources=(Source("@SFundamentalism", "tweeted", mention="@SFundamentalism",
                               start=1, end=17),)),
])
def test_claim_variants_round_trip(store, claim):
    store.put_article(make_article())
    store.replace_claims("a1", [claim])
    assert list(store.claims()) == [claim]


def test_claims_come_in_article_then_offset_order(store):
    for id in ["b", "a"]:
        store.put_article(make_article(id))
    store.replace_claims("b", [make_claim("b", 30), make_claim("b", 5)])
    store.replace_claims("a", [make_claim("a", 40), make_claim("a", 2)])
    assert [(c.article, c.start) for c in store.claims()] == [
        ("a", 2), ("a", 40), ("b", 5), ("b", 30)]


def test_repeated_identical_claims_are_all_kept(store):
    store.put_article(make_article())
    store.replace_claims("a1", [make_claim(), make_claim()])
    assert store.count_claims() == 2


def test_replace_claims_replaces(store):
    store.put_article(make_article())
    store.replace_claims("a1", [make_claim(start=0), make_claim(start=5)])
    store.replace_claims("a1", [make_claim(start=9)])
    assert [c.start for c in store.claims()] == [9]
    store.replace_claims("a1", [])
    assert store.count_claims() == 0


def test_claims_of_an_unknown_article_are_refused(store):
    with pytest.raises(StoreError, match="put_article"):
        store.replace_claims("nope", [make_claim("nope")])


def test_failed_replace_keeps_the_old_claims(store):
    store.put_article(make_article())
    store.replace_claims("a1", [make_claim(start=1)])
    with pytest.raises(StoreError):
        store.replace_claims("a1", [make_claim(start=2), make_claim("other", start=3)])
    assert [c.start for c in store.claims()] == [1]


def _three_articles(store):
    for id in ["a", "b", "c"]:
        store.put_article(make_article(id))
    store.replace_claims("a", [make_claim("a", 0,
                                          sources=(Source("Amnesty International", "said"),))])
    store.replace_claims("b", [make_claim("b", 0, category="arrested"),
                               make_claim("b", 9, sources=(Source("MEK", "said"),
                                                           Source("Reuters", "reported")))])
    store.replace_claims("c", [make_claim("c", 0, sources=(Source("Iran Human Rights", "said"),))])


def test_filter_by_article_and_category(store):
    _three_articles(store)
    assert [c.start for c in store.claims(article="b")] == [0, 9]
    assert [c.article for c in store.claims(category="arrested")] == ["b"]
    assert [c.start for c in store.claims(article="b", category="killed")] == [9]
    assert list(store.claims(category="sentenced")) == []


def test_filter_by_a_set_of_articles(store):
    _three_articles(store)
    assert [c.article for c in store.claims(articles=iter(["c", "a"]))] == ["a", "c"]
    assert list(store.claims(articles=[])) == []
    assert [c.article for c in store.claims(articles=["a", "b"], category="arrested")] == ["b"]


@pytest.mark.parametrize("query, expected", [
    ("amnesty", ["a"]), ("AMNESTY INTERNATIONAL", ["a"]), ("reuters", ["b"]),
    ("mek", ["b"]), ("human rights", ["c"]), ("nobody", []),
])
def test_filter_by_any_source_in_the_chain(store, query, expected):
    _three_articles(store)
    assert [c.article for c in store.claims(source=query)] == expected


def test_source_filter_follows_aliases(store):
    _three_articles(store)
    store.add_aliases([("MEK", "People's Mojahedin Organization of Iran"),
                       ("PMOI", "People's Mojahedin Organization of Iran")])
    assert [c.article for c in store.claims(source="pmoi")] == ["b"]
    canonical = "People's Mojahedin Organization of Iran"
    assert [c.article for c in store.claims(source=canonical)] == ["b"]


def test_count_claims(store):
    assert store.count_claims() == 0
    _three_articles(store)
    assert store.count_claims() == 4


# -- failures ---------------------------------------------------------------

def test_failures_are_kept_once(store):
    broken = Failure("in/feed.jsonl", "not valid JSON", line=3)
    empty = Failure("in/empty.txt", "empty file")
    for failure in [broken, empty, broken, empty]:
        store.add_failure(failure)
    assert store.failures() == [broken, empty]


def test_a_later_success_clears_the_failure(store):
    store.add_failure(Failure("in/a.txt", "empty file"))
    store.add_failure(Failure("in/b.txt", "binary"))
    store.clear_failure("in/a.txt")
    store.clear_failure("in/never-failed.txt")
    assert store.failures() == [Failure("in/b.txt", "binary")]


# -- aliases ----------------------------------------------------------------

def test_aliases_are_idempotent_and_last_canonical_wins(store):
    pairs = [("MEK", "PMOI"), ("Mujahedin-e Khalq", "PMOI")]
    store.add_aliases(pairs)
    store.add_aliases(iter(pairs))
    assert store.aliases() == {"MEK": "PMOI", "Mujahedin-e Khalq": "PMOI"}
    store.add_aliases([("MEK", "People's Mojahedin Organization of Iran")])
    assert store.aliases()["MEK"] == "People's Mojahedin Organization of Iran"


# -- search -----------------------------------------------------------------

def _searchable(store):
    store.put_article(make_article("a", "Security forces killed 1500 protesters in Tehran.",
                                   title="Crackdown"))
    store.put_article(make_article("b", "Strikers gathered in Abadan; police arrested dozens.",
                                   title="Oil workers strike"))


def test_search_text_and_title(store):
    _searchable(store)
    [(id, snippet)] = store.search("tehran")
    assert id == "a" and "[Tehran]" in snippet
    assert [id for id, _ in store.search("oil workers")] == ["b"]
    assert [id for id, _ in store.search("protest*")] == ["a"]
    assert store.search("tehran abadan") == []


@pytest.mark.parametrize("query", ['"', "AND", "NOT OR", "(", "*", "a-b", "col:x", "   ", ""])
def test_search_takes_any_words_literally(store, query):
    _searchable(store)
    assert isinstance(store.search(query), list)


def test_search_limit(store):
    for i in range(5):
        store.put_article(make_article(f"x{i}", f"Protest number {i} in Tehran."))
    assert len(store.search("tehran", limit=3)) == 3


def test_search_follows_changed_articles(store):
    _searchable(store)
    store.put_article(make_article("a", "Nothing happened in Qom.", title="Calm"))
    assert store.search("tehran") == []
    assert [id for id, _ in store.search("qom")] == ["a"]


# -- transactions -----------------------------------------------------------

def test_transaction_rolls_back_on_error(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.put_article(make_article())
            store.replace_claims("a1", [make_claim()])
            raise RuntimeError("boom")
    assert store.article("a1") is None
    assert store.count_claims() == 0


def test_transaction_commits(store):
    with store.transaction():
        store.put_article(make_article())
        store.add_failure(Failure("x.txt", "empty file"))
    assert store.article("a1") is not None
    assert len(store.failures()) == 1


def test_inner_failure_keeps_the_outer_transaction(store):
    with store.transaction():
        store.put_article(make_article("kept"))
        with pytest.raises(StoreError):
            store.replace_claims("unknown", [make_claim("unknown")])
    assert store.article("kept") is not None


def test_usable_as_a_context_manager(store):
    with store as same:
        assert same is store
        store.put_article(make_article())
    with pytest.raises(StoreError):
        store.article("a1")


def test_put_article_of_an_equal_but_new_object_is_unchanged(store):
    article = make_article()
    store.put_article(article)
    assert store.put_article(replace(article)) == "unchanged"


def test_put_articles_stores_a_batch_as_one_article_at_a_time_would(store):
    store.put_article(make_article("old", text="Five were hurt."))
    store.put_article(make_article("same", text="Nothing new here."))
    store.add_failure(Failure("in/b.txt", "binary"))
    store.add_failure(Failure("in/c.txt", "empty file"))
    batch = [(make_article("b", origin="in/b.txt"),
              [make_claim("b"), replace(FULL_CLAIM, article="b")]),
             (make_article("old", text="At least 1500 people were killed."), [make_claim("old")]),
             (make_article("same", text="Nothing new here."), []),
             (make_article("a", origin="in/a.txt"), [])]
    assert store.put_articles(batch) == ["new", "changed", "unchanged", "new"]
    assert [c.to_record() for c in store.claims(article="b")] == \
        [c.to_record() for c in batch[0][1]]
    assert [c.article for c in store.claims()] == ["b", "b", "old"]
    assert store.failures() == [Failure("in/c.txt", "empty file")]
    order = store.ingest_order(["old", "same", "b", "a"])
    assert order["old"] < order["same"] < order["b"] < order["a"]  # new ones in the order given
    assert store.put_articles([]) == []


def test_put_articles_rejects_a_claim_of_another_article_and_stores_nothing(store):
    with pytest.raises(StoreError, match="pass each article's claims separately"):
        store.put_articles([(make_article("a"), []), (make_article("b"), [make_claim("a")])])
    assert store.article("a") is None and store.article("b") is None


def test_a_migration_written_once_runs_on_both_backends(store):
    from claimledger.store.schema import render
    text = ("CREATE TABLE written_once (id {serial}, name {key} NOT NULL, day {date}, "
            "at {time}, n {int}, raw {bytes});")
    with store.transaction():
        store._script(render(text, store.dialect.name))
        store._run("INSERT INTO written_once (name, day, at, n, raw) VALUES (?, ?, ?, ?, ?)",
                   ("b", store.dialect.put(date(2020, 1, 2)), store.dialect.now(), 2**40, b"\x00\x01"))
        row = store._run("SELECT name, day, n, raw FROM written_once").fetchone()
        store._run("DROP TABLE written_once")
    assert (row["name"], store.dialect.day(row["day"]), row["n"], bytes(row["raw"])) == \
        ("b", date(2020, 1, 2), 2**40, b"\x00\x01")


def test_events_of_some_countries_are_replaced_alone(store):
    from claimledger.events.rebuild import rebuild, update
    from claimledger.model import Article, Claim, Place, When

    def told(id, n, place):
        when = When(date(2020, 1, 5), date(2020, 1, 5), "January 5")
        sentence = f"Police shot {n} protesters."
        return Article(id, sentence, published=date(2020, 1, 6)), [
            Claim(id, "killed", n, n, n, "exact", str(n), 12, 12 + len(str(n)), sentence, 0,
                  when=when, where=place)]
    store.put_articles([told("a", 40, Place("Tehran", "IR", "Tehran")),
                        told("b", 12, Place("Baghdad", "IQ", "Baghdad")), told("c", 7, None)])
    rebuild(store)
    assert store.countries_of_events_of(["a", "c"]) == {"IR", ""}
    assert store.articles_in_countries({"IQ"}) == ["b"]
    assert store.articles_in_countries({"", "IR"}) == ["a", "c"]
    # "a" moves from Iran to Iraq: both countries are built again, the rest kept
    store.put_articles([told("a", 40, Place("Basra", "IQ", "Basra"))])
    update(store, ["a"])
    by_country = sorted((e.where.country or "", [c.article for c in e.claims]) for e in store.events())
    assert by_country == [("", ["c"]), ("IQ", ["a"]), ("IQ", ["b"])]
