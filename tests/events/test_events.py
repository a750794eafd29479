"""Events from claims: typing, resolution across articles, wave and part, figures side by side."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimledger.cli import main
from claimledger.events import build_events, texts
from claimledger.events.figures import Context, figures
from claimledger.events.rebuild import context
from claimledger.events.typology import acled, event_type, family
from claimledger.model import Claim, Place, When
from claimledger.pipeline import ingest_paths
from claimledger.store import open_store

SEEDS = Path(__file__).parents[2] / "data" / "samples" / "seeds"


def claim(article, category, value, sentence, day, place=("Iran", "IR"), start=0):
    when = When(date.fromisoformat(day), date.fromisoformat(day), day)
    return Claim(article, category, value, value, value, "exact", str(value), start, start + 3,
                 sentence + " on " + day, start, when=when, where=Place(place[0], place[1]))


def test_types_follow_the_words():
    shot = claim("a", "killed", 4, "police shot 4 protesters", "2020-01-26")
    assert event_type([shot]) == "protest_excessive_force"
    assert acled("protest_excessive_force") == ("Protests", "Excessive force against protesters")
    gas = claim("a", "participants", 300, "police fired tear gas at 300 demonstrators", "2020-01-26")
    assert event_type([gas]) == "protest_intervention"
    plane = claim("a", "killed", 176, "the missile downed the airliner, killing 176 people", "2020-01-08")
    assert event_type([plane]) == "violence_against_civilians"


def test_same_day_same_country_is_one_event_and_a_local_part_is_not_merged():
    wave = [claim("a", "protest_sites", 21, "protests in 21 cities", "2019-11-16"),
            claim("b", "killed", 106, "106 protesters killed across the country", "2019-11-16")]
    local = [claim("c", "protest_sites", 40, "protests in 40 cities", "2019-11-16"),
             claim("c", "killed", 12, "12 killed in Mahshahr", "2019-11-16", ("Mahshahr", "IR"), 50),
             claim("c", "killed", 3, "3 killed in Shiraz", "2019-11-16", ("Shiraz", "IR"), 100)]
    events = build_events(sorted(wave + local, key=lambda c: (c.article, c.start)))
    whole = [e for e in events if e.parent is None]
    assert len(whole) == 1 and {c.article for c in whole[0].claims} == {"a", "b", "c"}
    parts = {e.where.name: e for e in events if e.parent}
    assert set(parts) == {"Mahshahr", "Shiraz"}
    assert all(p.parent == whole[0].id for p in parts.values())
    assert sum(len(e.claims) for e in events) == 5  # nothing lost, nothing twice


def test_other_countries_and_days_stay_apart():
    events = build_events([claim("a", "killed", 10, "10 protesters killed", "2019-11-16"),
                           claim("b", "killed", 10, "10 protesters killed", "2019-12-30"),
                           claim("c", "killed", 10, "10 protesters killed", "2019-11-16", ("Iraq", "IQ"))])
    assert len(events) == 3


@pytest.fixture(scope="module")
def seeds(tmp_path_factory, extractor):
    db = tmp_path_factory.mktemp("seeds") / "ledger.db"
    with open_store(db) as store:
        ingest_paths([SEEDS], store, extractor)
        yield db, store.events(), context(store)


def test_november_2019_claims_of_both_articles_are_one_event(seeds):
    _, events, _ = seeds
    holding = {e.id for e in events for c in e.claims
               if c.category == "killed" and c.value == 1500}
    assert len(holding) == 1
    event = next(e for e in events if e.id in holding)
    assert {c.article for c in event.claims} == {"000_e40b1d751717fdce", "002_64e4dc12b39a7a61"}
    assert any(c.category == "protest_sites" and c.low == 191 for c in event.claims)


def test_the_coronavirus_toll_is_in_no_protest_event(seeds):
    _, events, _ = seeds
    holding = [e for e in events for c in e.claims if "coronavirus" in c.sentence.lower()]
    assert holding, "the seeds' coronavirus claim is extracted"
    assert all(family(e.type) != "protest" for e in holding), [(e.type, e.evidence) for e in holding]
    assert all(e.type == "other" and "coronavirus" in e.evidence for e in holding)


def test_1500_once_per_chain_and_the_copied_sentence_is_one_voice(seeds):
    _, events, ctx = seeds
    event = next(e for e in events if any(c.value == 1500 for c in e.claims))
    killed = next(s for s in figures(event, ctx) if s.category == "killed")
    rows = [f for f in killed.figures if f.value == 1500]
    chains = [f.chain for f in rows]
    assert len(chains) == len(set(chains))  # once per distinct chain
    relayed = next(f for f in rows if f.chain[-1:] == ("Reuters",))
    assert len({c.article for c in relayed.claims}) == 2 and len(relayed.voices) == 1
    assert killed.conservative.value is None or killed.conservative.value <= 1500 <= (killed.high or 0)


def test_voices_fall_back_to_identical_sentences():
    a = claim("a", "killed", 50, "Police killed 50 people", "2019-11-16")
    b = claim("b", "killed", 50, "Police killed 50 people", "2019-11-16")
    event = build_events([a, b])[0]
    ctx = Context(published={"a": date(2019, 11, 17), "b": date(2019, 11, 18)}, outlet={"a": "Wire"})
    (summary,) = figures(event, ctx)
    assert summary.figures[0].voices == ("Wire",)


def test_cli_json_csv_event_and_acled_export(seeds, tmp_path):
    db, events, _ = seeds
    run = CliRunner().invoke
    out = run(main, ["events", "--db", str(db), "--format", "json", "--country", "IR"])
    assert out.exit_code == 0, out.output
    records = json.loads(out.output)
    assert records and {"id", "type", "when", "where", "parent", "claims"} <= set(records[0])
    assert all(c["article"] for r in records for c in r["claims"])
    wave = next(r for r in records if any(c["value"] == 1500 for c in r["claims"]))
    shown = run(main, ["event", wave["id"], "--db", str(db)])
    assert shown.exit_code == 0 and "Reuters" in shown.output and "voices: 1" in shown.output
    acled_csv = tmp_path / "events.csv"
    done = run(main, ["export", "events", "--format", "acled-csv", "-o", str(acled_csv), "--db", str(db)])
    assert done.exit_code == 0, done.output
    header = acled_csv.read_text("utf-8").splitlines()[0].split(",")
    for column in ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
                   "location", "latitude", "longitude", "geo_precision", "time_precision", "source",
                   "fatalities", "notes"):
        assert column in header
    from claimledger.events.acled import COLUMNS
    assert header == list(COLUMNS)  # ACLED's 31 in ACLED's order, then ours
    bad = run(main, ["events", "--since", "last week", "--db", str(db)])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output
    geo = run(main, ["export", "events", "--format", "geojson", "--db", str(db)])
    assert json.loads(geo.output)["type"] == "FeatureCollection"


def test_rebuilt_one_country_at_a_time_equals_one_pass_over_every_claim(tmp_path, extractor):
    """rebuild() resolves each country's mentions on its own (bounded memory); the stored
    events, in the stores' order, must be those of resolving every claim at once."""
    from claimledger.events.rebuild import rebuild
    with open_store(tmp_path / "all.db") as store:
        ingest_paths([SEEDS.parent], store, extractor)
        assert len({c.where.country for c in store.claims() if c.where}) >= 5
        assert rebuild(store) == len(build_events(store.claims(), texts(store)))

        def shape(events):
            return [(e.id, e.parent, e.type, e.when, e.where, e.actors, e.evidence,
                     [(c.article, c.start, c.end, c.category) for c in e.claims]) for e in events]
        assert shape(store.events()) == shape(build_events(store.claims(), texts(store)))


def test_mentions_held_in_memory_or_spilled_to_a_file_come_out_alike(tmp_path, extractor):
    """by_country() keeps a small corpus's mentions in memory and spills a large one's
    to a temporary file: both must give every country's mentions, in the same order."""
    from claimledger.events.mentions import mentions
    from claimledger.events.rebuild import by_country
    with open_store(tmp_path / "all.db") as store:
        ingest_paths([SEEDS.parent], store, extractor)

        def countries(spill_after):
            with by_country(mentions(store.claims()), spill_after) as found:
                return [[(m.article, m.country, m.when, m.where, m.local, m.type,
                          m.parent.claims[0].start if m.parent else None,
                          [(c.start, c.category) for c in m.claims]) for m in group] for group in found]
        held, spilled, halfway = countries(10**9), countries(0), countries(5)
        assert len(held) >= 5 and held == spilled == halfway
