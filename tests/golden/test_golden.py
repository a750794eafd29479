"""The quality gate: the whole pipeline on the bundled sample sets, scored against
their gold claims, must not fall below the floors in floors.json (floors only move up)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimledger.evaluate import score_sets
from claimledger.pipeline import ingest_paths as ingest
from claimledger.store import open_store

HERE = Path(__file__).parent
SAMPLES = HERE.parent.parent / "data" / "samples"
FLOORS = json.loads((HERE / "floors.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def results(tmp_path_factory, extractor):
    """Every gold set scored the way `claimledger evaluate --all` scores it."""
    with open_store(tmp_path_factory.mktemp("golden") / "ledger.db") as store:
        report = ingest([SAMPLES], store, extractor)
        assert report.failed == 0, [f.message() for f in report.failures]
        return score_sets(HERE / "gold", lambda ids: [c.to_record() for c in store.claims(articles=ids)])


def test_every_gold_set_has_floors(results):
    assert set(results) == {k for k in FLOORS if not k.startswith("_")}


@pytest.mark.parametrize("sample_set", [k for k in FLOORS if not k.startswith("_")])
def test_quality_stays_above_floors(results, sample_set):
    figures = results[sample_set].figures
    below = {k: (round(figures[k], 3), floor) for k, floor in FLOORS[sample_set].items() if figures[k] < floor}
    assert not below, f"{sample_set}: below the floor (got, floor): {below}"
