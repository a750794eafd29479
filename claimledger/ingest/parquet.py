"""Parquet articles: one row per article, columns like JSON Lines keys (or --map).

Read one row group at a time (pyarrow), so a file of any size streams; rows are
numbered from 1 and a bad row is a Failure naming that number.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..model import Article, Failure
from .fields import NO_MAP, FieldMap
from .jsonl import parse_record

NEEDS_PYARROW = ("reading Parquet needs pyarrow: install it with "
                 "pip install 'claimledger[scale]' (or pip install pyarrow)")


def read_parquet(path: Path, today: date | None = None,
                 fields: FieldMap = NO_MAP) -> Iterator[Article | Failure]:
    """Every row of one Parquet file: an Article or a Failure."""
    origin, today = str(path), today or date.today()
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield Failure(origin, NEEDS_PYARROW)
        return
    try:
        file = pq.ParquetFile(path)
    except OSError as error:  # pyarrow's ArrowInvalid is an OSError too
        yield Failure(origin, f"not a readable Parquet file ({error}): re-export it")
        return
    if fields.column("text") not in file.schema_arrow.names:
        yield Failure(origin, f"no column {fields.column('text')!r} for the article text "
                      f"(columns: {', '.join(file.schema_arrow.names)}); name it with "
                      "--map text=COLUMN")
        return
    seen: dict[str, int] = {}  # id -> row it was first seen on
    number = 0
    for group in range(file.num_row_groups):
        for record in file.read_row_group(group).to_pylist():
            number += 1
            result = parse_record(fields.apply(record), number, path.stem, origin, today, fields)
            if isinstance(result, Article) and result.id in seen:
                result = Failure(origin, f"duplicate id {result.id!r} (first on row "
                                 f"{seen[result.id]}): give each article its own id", number)
            elif isinstance(result, Article):
                seen[result.id] = number
            yield result
