"""Claims out as Parquet, partitioned by category (``category=killed/part-0.parquet``).

One row per claim: the spec's fields, ``when`` and ``where`` flattened into
``when_start``/``when_end``/``when_text`` and ``where_name``/``where_country``/
``where_admin1``; ``sources`` stays a list of structs (name, verb, date), innermost
first; ``start``/``end`` are the number's offsets into the article text. Written in
record batches, so memory stays flat whatever the number of claims.

    pyarrow.dataset.dataset(folder, partitioning="hive").to_table()   # to read it back
"""
from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from pathlib import Path

from ..errors import ClaimledgerError
from ..model import Claim

ROWS = 50_000  # claims per record batch
NEEDS_PYARROW = "writing Parquet needs pyarrow: install it with pip install 'claimledger[scale]'"


def schema():
    import pyarrow as pa
    text, number, day = pa.string(), pa.int64(), pa.date32()
    return pa.schema([
        ("article", text), ("category", text), ("value", number), ("low", number),
        ("high", number), ("qualifier", text), ("span", text), ("unit", text), ("subject", text),
        ("when_start", day), ("when_end", day), ("when_text", text),
        ("where_name", text), ("where_country", text), ("where_admin1", text),
        ("sources", pa.list_(pa.struct([("name", text), ("verb", text), ("date", day)]))),
        ("sentence", text), ("start", number), ("end", number),
    ])


def row(c: Claim) -> dict:
    w, p = c.when, c.where
    return {"article": c.article, "category": c.category, "value": c.value, "low": c.low,
            "high": c.high, "qualifier": c.qualifier, "span": c.span, "unit": c.unit,
            "subject": c.subject, "when_start": w and w.start, "when_end": w and w.end,
            "when_text": w and w.text, "where_name": p and p.name,
            "where_country": p and p.country, "where_admin1": p and p.admin1,
            "sources": [{"name": s.name, "verb": s.verb, "date": s.date} for s in c.sources],
            "sentence": c.sentence, "start": c.start, "end": c.end}


def write_claims(claims: Iterable[Claim], folder: str | Path) -> int:
    """Write claims under ``folder`` (new or empty), partitioned by category; the count."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ClaimledgerError(NEEDS_PYARROW) from None
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ClaimledgerError(f"{folder}: not an empty folder; name a new folder for the "
                               "Parquet files (old partitions would mix with the new ones)")
    # written here, not by pyarrow.dataset: its threads would read the store's cursor
    # from another thread, which SQLite refuses
    writers: dict[str, pq.ParquetWriter] = {}
    it, s, count = iter(claims), schema(), 0
    try:
        while rows := [row(c) for c in islice(it, ROWS)]:
            count += len(rows)
            by_category: dict[str, list[dict]] = {}
            for r in rows:
                by_category.setdefault(r["category"], []).append(r)
            for category, part in by_category.items():
                if category not in writers:
                    (folder / f"category={category}").mkdir(parents=True, exist_ok=True)
                    writers[category] = pq.ParquetWriter(
                        folder / f"category={category}" / "part-0.parquet", s.remove(1))
                writers[category].write_table(pa.Table.from_pylist(part, schema=s).drop(["category"]))
    except OSError as e:
        raise ClaimledgerError(f"{folder}: cannot write ({e}); check the folder") from None
    finally:
        for w in writers.values():
            w.close()
    return count
