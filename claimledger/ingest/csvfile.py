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
import itertools
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
    lines = _Lines(io.StringIO(text, newline=""))  # \n, \r\n or \r, as csv splits
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
    yield from _articles(_checked_rows(lines, header, origin), path.stem, origin, today, fields)


class _Lines:
    """The file's lines for csv.reader, numbered, keeping those of the row being read
    so that reading can go on from one of them after a bad row."""

    def __init__(self, source: Iterator[str]):
        self.source, self.number, self.row = source, 0, []

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = next(self.source)
        self.number += 1
        self.row.append(line)
        return line

    def start_row(self) -> int:
        """Forget the last row's lines; the number of the next row's first line."""
        self.row = []
        return self.number + 1

    def resume(self, first: int, width: int) -> None:
        """After a bad row that began on line ``first``: read on from the first of its
        later lines that reads alone as a whole row, else from the line after it."""
        for offset, line in enumerate(self.row[1:], 1):
            if _whole_row(line, width):
                self.source = itertools.chain(self.row[offset:], self.source)
                self.number = first + offset - 1
                return


def _whole_row(line: str, width: int) -> bool:
    if line.count('"') % 2:
        return False
    try:
        return len(next(csv.reader([line], strict=True), [])) == width
    except csv.Error:
        return False


def _checked_rows(lines: _Lines, header: list[str],
                  origin: str) -> Iterator[tuple[int, dict | Failure]]:
    """(first line, the row as a dict, or a Failure) for every row after the header."""
    width, rows = len(header), 0
    reader = csv.reader(lines, strict=True)
    while True:
        first = lines.start_row()
        try:
            row = next(reader, None)
        except csv.Error as error:
            rows += 1
            yield first, Failure(origin, f"not valid CSV from here ({error}): {_QUOTES}", first)
            lines.resume(first, width)
            reader = csv.reader(lines, strict=True)  # a fresh one: no half-read field
            continue
        if row is None:
            break
        if not row:  # a blank line
            continue
        rows += 1
        if len(row) == width:
            yield first, dict(zip(header, row))
            continue
        spans = lines.number > first
        yield first, Failure(origin, f"{len(row)} fields where the header has {width}: "
                             + (_QUOTES if spans else 'a field holding a comma belongs in '
                                'double quotes ("a, b")'), first)
        if spans:  # it ran on over lines that may be rows of their own
            lines.resume(first, width)
            reader = csv.reader(lines, strict=True)
    if rows == 0:
        yield 1, Failure(origin, HEADER_ONLY, 1)


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
