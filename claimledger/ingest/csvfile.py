"""CSV exports of news databases: a header row, then one article per row.

Columns are named like the article fields (id, url, outlet, published, title,
text) or mapped to them with ``--map text=body,published=date``. A bad row is a
Failure naming its line; the other rows go on.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..model import Article, Failure
from .fields import NO_MAP, FieldMap
from .jsonl import parse_record
from .text import decode

csv.field_size_limit(2**31 - 1)  # an article's text can be longer than the 128 KiB default


def read_csv(path: Path, today: date | None = None,
             fields: FieldMap = NO_MAP) -> Iterator[Article | Failure]:
    """Every row of one CSV file: an Article or a Failure."""
    origin, today = str(path), today or date.today()
    text = decode(path.read_bytes(), origin)
    if isinstance(text, Failure):
        yield text
        return
    rows = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = rows.fieldnames or []
    except csv.Error as error:
        yield Failure(origin, f"not a readable CSV header ({error}): fix the first line", 1)
        return
    if fields.column("text") not in header:
        yield Failure(origin, f"no column {fields.column('text')!r} for the article text "
                      f"(columns: {', '.join(header) or 'none'}); name it with "
                      "--map text=COLUMN", 1)
        return
    yield from _rows(rows, path.stem, origin, today, fields)


def _rows(rows: csv.DictReader, stem: str, origin: str, today: date,
          fields: FieldMap) -> Iterator[Article | Failure]:
    seen: dict[str, int] = {}  # id -> line it was first seen on
    while True:
        number = rows.line_num + 1  # the row's first line (a quoted field may span lines)
        try:
            record = next(rows)
        except StopIteration:
            return
        except csv.Error as error:
            yield Failure(origin, f"not valid CSV ({error}): fix or remove the row",
                          rows.line_num)
            return  # the reader cannot resynchronise after a broken quote
        result = parse_record(fields.apply(record), number, stem, origin, today, fields)
        if isinstance(result, Article) and result.id in seen:
            result = Failure(origin, f"duplicate id {result.id!r} (first on line "
                             f"{seen[result.id]}): give each article its own id", number)
        elif isinstance(result, Article):
            seen[result.id] = number
        yield result
