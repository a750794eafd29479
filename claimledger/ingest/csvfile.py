"""CSV exports of news databases: a header row, then one article per row.

Columns are named like the article fields (id, url, outlet, published, title,
text) or mapped to them with ``--map text=body,published=date``. Every row is
checked against the header: a bad row (a field that fails, a wrong number of
fields, a quote left open that runs into the next lines) is a Failure naming its
line, and reading goes on at the next line that has a record's shape, so the other
rows land. A file with a header and no row says so.
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

HEADER_ONLY = "a header row and no article under it: add one row per article"
_QUOTES = ("a quote is left open or stray: write a field holding commas, quotes or line "
           'breaks in double quotes, and a quote inside it twice ("")')


def read_csv(path: Path, today: date | None = None,
             fields: FieldMap = NO_MAP) -> Iterator[Article | Failure]:
    """Every row of one CSV file: an Article or a Failure."""
    origin, today = str(path), today or date.today()
    text = decode(path.read_bytes(), origin)
    if isinstance(text, Failure):
        yield text
        return
    lines = io.StringIO(text, newline="").readlines()  # \n, \r\n or \r, as csv splits
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, [])
    except csv.Error as error:
        yield Failure(origin, f"not a readable CSV header ({error}): fix the first line", 1)
        return
    if fields.column("text") not in header:
        yield Failure(origin, f"no column {fields.column('text')!r} for the article text "
                      f"(columns: {', '.join(header) or 'none'}); name it with "
                      "--map text=COLUMN", 1)
        return
    rows = _checked_rows(lines, reader.line_num, header, origin)
    yield from _articles(rows, path.stem, origin, today, fields)


def _checked_rows(lines: list[str], start: int, header: list[str],
                  origin: str) -> Iterator[tuple[int, dict | Failure]]:
    """(first line, the row as a dict, or a Failure) for every row after the header."""
    width, rows = len(header), 0
    while start < len(lines):
        reader = csv.reader(lines[start:], strict=True)
        while True:
            first = start + reader.line_num + 1  # the row's first line, 1-based
            try:
                row = next(reader, None)
            except csv.Error as error:
                rows += 1
                yield first, Failure(origin, f"not valid CSV from here ({error}): {_QUOTES}", first)
                start = _resume(lines, first, start + reader.line_num, width)
                break
            if row is None:
                start = len(lines)
                break
            if not row:  # a blank line
                continue
            rows += 1
            last = start + reader.line_num
            if len(row) != width:
                yield first, Failure(origin, f"{len(row)} fields where the header has {width}: "
                                     + (_QUOTES if last > first else "a field holding a comma "
                                        'belongs in double quotes ("a, b")'), first)
                if last > first:  # it ran on over lines that may be rows of their own
                    start = _resume(lines, first, last, width)
                    break
                continue
            yield first, dict(zip(header, row))
    if rows == 0:
        yield 1, Failure(origin, HEADER_ONLY, 1)


def _resume(lines: list[str], first: int, last: int, width: int) -> int:
    """Where to read on after a bad row on lines first..last (1-based): the first line
    after its first that reads alone as a whole row, else the line after it all."""
    for number in range(first + 1, last + 1):
        line = lines[number - 1]
        if line.count('"') % 2 == 0:
            try:
                parsed = next(csv.reader([line], strict=True), [])
            except csv.Error:
                continue
            if len(parsed) == width:
                return number - 1  # an index into lines
    return max(last, first)


def _articles(rows: Iterator[tuple[int, dict | Failure]], stem: str, origin: str, today: date,
              fields: FieldMap) -> Iterator[Article | Failure]:
    seen: dict[str, int] = {}  # id -> line it was first seen on
    for number, record in rows:
        if isinstance(record, Failure):
            yield record
            continue
        result = parse_record(fields.apply(record), number, stem, origin, today, fields)
        if isinstance(result, Article) and result.id in seen:
            result = Failure(origin, f"duplicate id {result.id!r} (first on line "
                             f"{seen[result.id]}): give each article its own id", number)
        elif isinstance(result, Article):
            seen[result.id] = number
        yield result
