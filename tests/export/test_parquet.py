"""Claims out as Parquet: one folder per category, read back as written; never into a
folder that holds files already."""
from __future__ import annotations

from datetime import date

import pytest

from claimledger.errors import ClaimledgerError
from claimledger.export.parquet import row, write_claims
from claimledger.model import Claim, Place, Source, When

pytest.importorskip("pyarrow", reason="the scale extra is not installed: pip install '.[scale]'")


def _claims() -> list[Claim]:
    chain = (Source("PMOI", "said", date(2019, 12, 15)), Source("Reuters", "reported"))
    return [
        Claim("a1", "killed", 1500, 1500, 1500, "at_least", "at least 1,500", 10, 24,
              "At least 1,500 were killed.", 0, when=When(date(2019, 11, 1), date(2019, 11, 30), "in November"),
              where=Place("Iran", "IR"), sources=chain),
        Claim("a1", "arrested", None, 100, 200, "vague", "hundreds", 30, 38, "Hundreds arrested.", 28),
        Claim("b2", "killed", 3, 3, 3, "exact", "three", 0, 5, "three died", 0, where=Place("Tehran", "IR", "Tehran")),
    ]


def test_parquet_export_round_trips(tmp_path):
    import pyarrow.dataset as ds
    claims = _claims()
    assert write_claims(iter(claims), tmp_path / "out") == 3
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["category=arrested", "category=killed"]
    table = ds.dataset(tmp_path / "out", partitioning="hive").to_table()
    got = sorted(table.to_pylist(), key=lambda r: (r["article"], r["start"]))
    assert got == sorted((row(c) for c in claims), key=lambda r: (r["article"], r["start"]))
    assert got[0]["sources"] == [{"name": "PMOI", "verb": "said", "date": date(2019, 12, 15)},
                                 {"name": "Reuters", "verb": "reported", "date": None}]


def test_parquet_export_wants_a_new_folder(tmp_path):
    (tmp_path / "old.txt").write_text("x")
    with pytest.raises(ClaimledgerError, match="not an empty folder"):
        write_claims(_claims(), tmp_path)
