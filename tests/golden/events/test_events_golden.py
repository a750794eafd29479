"""Events on the bundled sample sets against the hand-made gold events (events.jsonl),
one gold set at a time (mm+gv, usdos, news): B-cubed F1 of claim-to-event assignment,
event type accuracy and the ratio of system to gold events, against floors.json."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.events import build_events, texts
from claimledger.pipeline import ingest_paths
from claimledger.store import open_store

from score_events import gold_sets, score

SAMPLES = Path(__file__).parents[3] / "data" / "samples"
FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text("utf-8"))
FOLDERS = {"mm+gv": ["mm", "gv"], "usdos": ["usdos"], "news": ["news"]}


def test_every_gold_set_has_floors_and_samples():
    assert set(gold_sets()) == set(FOLDERS) == set(FLOORS) - {"_doc"}


@pytest.fixture(scope="module", params=list(FOLDERS))
def figures(request, tmp_path_factory, extractor):
    with open_store(tmp_path_factory.mktemp("events") / "ledger.db") as store:
        ingest_paths([SAMPLES / f for f in FOLDERS[request.param]], store, extractor)
        stored = store.events()
        assert [e.id for e in stored] == [e.id for e in build_events(store.claims(), texts(store))]
        return request.param, score(stored, request.param)


def test_claims_to_events_above_floor(figures):
    set_, found = figures
    print(set_, found)
    assert found["matched"] >= FLOORS[set_]["matched"], found
    assert found["f1"] >= FLOORS[set_]["bcubed_f1"], found


def test_event_types_above_floor(figures):
    set_, found = figures
    assert found["type_accuracy"] >= FLOORS[set_]["type_accuracy"], found["type_misses"]


def test_not_many_more_events_than_gold(figures):
    set_, found = figures
    assert found["ratio"] <= FLOORS[set_]["max_ratio"], found
