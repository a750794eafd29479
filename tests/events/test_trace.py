"""A figure's genealogy: first sayer, relays, copies, unattributed repeats, changed sayers."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimledger.cli import main
from claimledger.events.figures import Context
from claimledger.events.resolve import claim_key
from claimledger.events.trace import SAYER_CHANGED, UNATTRIBUTED_REPEAT, genealogies
from claimledger.model import Claim, Event, Passage, Place, Source, When

SEEDS = Path(__file__).parents[2] / "data" / "samples" / "seeds"
WAVE = When(date(2021, 3, 1), date(2021, 3, 3), "early March")


def said(article, value, start, *chain, qualifier="exact", category="killed"):
    """A claim of ``value`` at ``start``; ``chain``: (name, "YYYY-MM-DD" or None), first sayer first."""
    sources = tuple(Source(n, "said", date.fromisoformat(d) if d else None) for n, d in chain)
    high = None if qualifier == "at_least" else value
    return Claim(article, category, value, value, high, qualifier, str(value), start, start + 3,
                 f"sentence at {start}", start, when=WAVE, where=Place("Iran", "IR"), sources=sources)


CTX = Context(published={"a": date(2021, 3, 4), "b": date(2021, 3, 10), "c": date(2021, 4, 1)})


def trace_of(*claims, copied=None, category="killed"):
    event = Event("ev-x", "protest_excessive_force", WAVE, Place("Iran", "IR"), claims=claims)
    return genealogies(event, CTX, copied, category)


def test_first_sayer_relays_and_repeats_in_date_order():
    group = said("a", 40, 100, ("Hengaw", "2021-03-03"))
    relay = said("b", 40, 50, ("Hengaw", "2021-03-03"), ("AFP", "2021-03-09"))
    bare = said("c", 40, 10)
    (g,) = trace_of(bare, relay, group)
    assert [m.article for m in g.mentions] == ["a", "b", "c"]
    assert (g.first_said.name, g.first_said.date, g.first_said.article) == ("Hengaw", date(2021, 3, 3), "a")
    assert g.mentions[1].to_record()["sources"] == ["Hengaw", "AFP"]
    assert g.mentions[2].flags == (UNATTRIBUTED_REPEAT,) and g.mentions[2].repeats.article == "a"
    assert g.unattributed_repeats == ["c"] and not g.sayer_changed


def test_a_bare_figure_before_any_credit_is_no_repeat():
    bare = said("a", 40, 10)
    later = said("b", 40, 10, ("Hengaw", None))  # credited only on 2021-03-10, after "a"
    (g,) = trace_of(bare, later)
    assert g.mentions[0].flags == () and g.unattributed_repeats == []


def test_the_same_number_told_years_later_is_no_repeat():
    old = said("a", 40, 10, ("Hengaw", None))
    years_later = Claim("c", "killed", 40, 40, 40, "exact", "40", 5, 8, "40 killed", 5,
                        when=When(date(2023, 5, 1), date(2023, 5, 1), "1 May 2023"), where=Place("Iran", "IR"))
    (g,) = trace_of(old, years_later)
    assert g.unattributed_repeats == []


def test_credit_earlier_in_the_same_article_counts():
    credited = said("a", 40, 10, ("Hengaw", None))
    bare = said("a", 40, 200)
    before = said("b", 7, 5)  # another figure: never credited
    found = trace_of(credited, bare, before)
    forty = next(g for g in found if g.value == 40)
    assert forty.mentions[1].flags == (UNATTRIBUTED_REPEAT,)
    assert next(g for g in found if g.value == 7).first_said is None


def test_agreeing_intervals_are_one_figure_and_others_stay_apart():
    exact = said("a", 40, 10, ("Hengaw", "2021-03-03"))
    at_least = said("b", 40, 10, qualifier="at_least")
    other = said("b", 41, 30)
    found = trace_of(exact, at_least, other)
    assert [len(g.mentions) for g in found] == [2, 1]
    assert found[0].low == 40 and found[0].high == 40


def test_sayer_changed_and_copies():
    first = said("a", 40, 10, ("Hengaw", "2021-03-03"))
    other = said("b", 40, 10, ("Iran Human Rights", None), ("AFP", None))
    copied = {claim_key(other): Passage("a", 0, 60)}
    (g,) = trace_of(first, other, copied=copied)
    changed = g.mentions[1]
    assert changed.flags == (SAYER_CHANGED,) and g.sayer_changed
    record = changed.to_record()
    assert record["copied"] and record["copied_from"] == {"article": "a", "start": 0, "end": 60}
    assert record["attributed"] and record["flags"] == ["sayer_changed"]


def test_category_filter_and_the_record_shape():
    found = trace_of(said("a", 40, 10), said("a", 3, 40, category="injured"), category="injured")
    assert [g.category for g in found] == ["injured"]
    record = found[0].to_record()
    assert {"category", "value", "low", "high", "first_said", "mentions", "unattributed_repeats"} <= set(record)
    assert {"article", "published", "sources", "attributed", "copied", "flags"} <= set(record["mentions"][0])


# -- the seeds, through the pipeline -------------------------------------------------------
@pytest.fixture(scope="module")
def seeds(tmp_path_factory, extractor):
    from claimledger.pipeline import ingest_paths
    from claimledger.store import open_store
    db = tmp_path_factory.mktemp("trace") / "ledger.db"
    with open_store(db) as store:
        ingest_paths([SEEDS], store, extractor)
        wave = next(e for e in store.events() if any(c.value == 1500 for c in e.claims))
    return str(db), wave.id


def test_seeds_1500_killed_first_said_by_the_pmoi_relayed_by_reuters(seeds):
    db, event_id = seeds
    out = CliRunner().invoke(main, ["trace", event_id, "--category", "killed", "--format", "json", "--db", db])
    assert out.exit_code == 0, out.output
    g = next(g for g in json.loads(out.output) if g["value"] == 1500)
    assert g["first_said"]["name"] == "People's Mojahedin Organization of Iran"
    assert g["first_said"]["date"] == "2019-12-15"
    relays = [m for m in g["mentions"] if m["sources"][-1:] == ["Reuters"]]
    assert relays and all(m["said"] == "2019-12-23" for m in relays)
    assert any(m["copied"] for m in relays)  # the Reuters sentence copied from one seed to the other
    assert sorted(g["unattributed_repeats"]) == ["000_e40b1d751717fdce", "002_64e4dc12b39a7a61"]


def test_cli_table_and_unknown_event(seeds):
    db, event_id = seeds
    run = CliRunner().invoke
    table = run(main, ["trace", event_id, "--db", db])
    assert table.exit_code == 0, table.output
    assert "killed 1500: first said by People's Mojahedin Organization of Iran (2019-12-15" in table.output
    assert "unattributed_repeat" in table.output and "copied from" in table.output
    missing = run(main, ["trace", "ev-nope", "--db", db])
    assert missing.exit_code != 0 and "claimledger events" in missing.output
