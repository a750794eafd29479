"""The quality gate: the whole pipeline on the bundled sample sets, scored against
their gold claims, must not fall below the floors in floors.json (floors only move up)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.evaluate import load_gold, score
from claimledger.pipeline import ingest_paths as ingest
from claimledger.store import open_store

HERE = Path(__file__).parent
SAMPLES = HERE.parent.parent / "data" / "samples"
FLOORS = json.loads((HERE / "floors.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def predicted(tmp_path_factory, extractor):
    with open_store(tmp_path_factory.mktemp("golden") / "ledger.db") as store:
        report = ingest([SAMPLES], store, extractor)
        assert report.failed == 0, [f.message() for f in report.failures]
        return [c.to_record() for c in store.claims()]


@pytest.mark.parametrize("sample_set", ["seeds", "mm", "gv", "usdos", "news"])
def test_quality_stays_above_floors(predicted, sample_set):
    gold, aliases = load_gold(HERE / "gold" / sample_set)
    figures = score(gold, predicted, aliases).figures
    below = {k: (round(figures[k], 3), floor) for k, floor in FLOORS[sample_set].items() if figures[k] < floor}
    assert not below, f"{sample_set}: below the floor (got, floor): {below}"
