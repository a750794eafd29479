"""Events on the bundled mm and gv sets against the hand-made gold events (events.jsonl):
B-cubed F1 of claim-to-event assignment and the ratio of system to gold events."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.events import build_events
from claimledger.pipeline import ingest_paths
from claimledger.store import open_store

from score_events import score

SAMPLES = Path(__file__).parents[3] / "data" / "samples"
FLOORS = json.loads((Path(__file__).parent / "floors.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def figures(tmp_path_factory, extractor):
    with open_store(tmp_path_factory.mktemp("events") / "ledger.db") as store:
        ingest_paths([SAMPLES / "mm", SAMPLES / "gv"], store, extractor)
        stored = store.events()
        assert [e.id for e in stored] == [e.id for e in build_events(store.claims())]
        return score(stored)


def test_claims_to_events_above_floor(figures):
    print(figures)
    assert figures["matched"] >= FLOORS["matched"], figures
    assert figures["f1"] >= FLOORS["bcubed_f1"], figures


def test_not_many_more_events_than_gold(figures):
    assert figures["ratio"] <= FLOORS["max_ratio"], figures
