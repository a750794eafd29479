"""Events built again only for the countries an ingest touched (``events.rebuild.update``)
must be exactly those a full rebuild stores, whatever was added, changed or emptied."""
from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimledger.events.rebuild import rebuild, update
from claimledger.model import Article, Claim, Place, When
from claimledger.store import open_store

PLACES = [Place("Tehran", "IR", "Tehran"), Place("Iran", "IR"), Place("Shiraz", "IR", "Fars"),
          Place("Baghdad", "IQ", "Baghdad"), Place("Iraq", "IQ"), Place("Minsk", "BY", "Minsk"), None]
SENTENCES = {"killed": "Security forces shot {n} protesters in the square",
             "arrested": "Police detained {n} demonstrators after the march",
             "protesters": "About {n} people marched against the government"}

told = st.tuples(st.sampled_from(sorted(SENTENCES)), st.sampled_from([3, 12, 40, 1500]),
                 st.sampled_from(PLACES), st.integers(0, 20))  # category, figure, place, day
article_claims = st.lists(told, max_size=4)
# a ledger: articles by id; then steps, each giving some articles new claims (or none)
ledgers = st.dictionaries(st.sampled_from("abcdefgh"), article_claims, min_size=1, max_size=6)
steps = st.lists(st.dictionaries(st.sampled_from("abcdefghij"), article_claims, min_size=1, max_size=3),
                 min_size=1, max_size=3)


def article(id: str, said: list[tuple]) -> tuple[Article, list[Claim]]:
    text, claims = "", []
    for category, n, place, day in said:
        sentence = SENTENCES[category].format(n=n) + "."
        start = len(text)
        text += sentence + " "
        at = sentence.index(str(n))
        when = When(date(2020, 1, 1 + day), date(2020, 1, 1 + day), f"January {1 + day}")
        claims.append(Claim(id, category, n, n, n, "exact", str(n), start + at, start + at + len(str(n)),
                            sentence, start, when=when, where=place))
    return Article(id, text or "Nothing was counted.", published=date(2020, 2, 1)), claims


def shape(store):
    return [(e.id, e.parent, e.type, e.when, e.where, e.actors, e.evidence,
             [(c.article, c.start, c.end, c.category) for c in e.claims]) for e in store.events()]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=ledgers, changes=steps)
def test_updating_the_touched_countries_equals_a_full_rebuild(tmp_path_factory, first, changes):
    folder = tmp_path_factory.mktemp("ledger")
    with open_store(folder / "inc.db") as inc, open_store(folder / "full.db") as full:
        for store in (inc, full):
            store.put_articles([article(id, said) for id, said in sorted(first.items())])
            rebuild(store)
        for step in changes:
            for store in (inc, full):
                store.put_articles([article(id, said) for id, said in sorted(step.items())])
            update(inc, step)
            rebuild(full)
            assert shape(inc) == shape(full)


def test_articles_stored_before_a_crash_get_their_events_at_the_next_finish(tmp_path):
    from claimledger.pipeline import IngestReport, finish
    with open_store(tmp_path / "c.db") as store:
        store.put_articles([article("a", [("killed", 40, PLACES[0], 3)])])
        rebuild(store)
        assert store.events_todo() == []
        # a run stores two articles, then dies before its events are built
        store.put_articles([article("b", [("arrested", 12, PLACES[3], 4)]),
                            article("a", [("killed", 40, PLACES[5], 3)])])
    with open_store(tmp_path / "c.db") as store:
        assert store.events_todo() == ["a", "b"]
        finish(store, IngestReport())  # the next run, with nothing new of its own
        assert store.events_todo() == []
        placed = sorted((e.where.country, [c.article for c in e.claims]) for e in store.events())
        assert placed == [("BY", ["a"]), ("IQ", ["b"])]
