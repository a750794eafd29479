"""JSON Lines articles: one object per line with id, url, outlet, published, title, text.

A bad line becomes a Failure with its line number; the other lines go on.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..model import Article, Failure
from .fields import NO_MAP, FieldMap
from .lines import numbered_lines
from .text import EMPTY, parse_date


def read_jsonl(path: Path, today: date | None = None,
               fields: FieldMap = NO_MAP) -> Iterator[Article | Failure]:
    """Every line of one JSON Lines file: an Article or a Failure; ``fields`` renames keys."""
    origin, today = str(path), today or date.today()
    seen: dict[str, int] = {}  # id -> line it was first seen on
    found = False
    for number, line in numbered_lines(path, origin):  # streamed, never read whole
        if isinstance(line, Failure):
            found = True
            yield line
            continue
        if not line.strip():
            continue
        found = True
        result = parse_line(line, number, path.stem, origin, today, fields)
        if isinstance(result, Article):
            if result.id in seen:
                result = Failure(origin, f"duplicate id {result.id!r} (first on line "
                                 f"{seen[result.id]}): give each article its own id", number)
            else:
                seen[result.id] = number
        yield result
    if not found:
        yield Failure(origin, EMPTY)


def parse_line(line: str, number: int, stem: str, origin: str,
               today: date, fields: FieldMap = NO_MAP) -> Article | Failure:
    """One line to an Article; ``id`` defaults to ``<file stem>:<line number>``."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return Failure(origin, f"not valid JSON ({error.msg} at column {error.colno}): "
                       "fix or remove the line", number)
    if not isinstance(record, dict):
        return Failure(origin, f"expected a JSON object with a \"text\" field, found "
                       f"{type(record).__name__}: one article per line", number)
    return parse_record(fields.apply(record), number, stem, origin, today, fields)


def parse_record(record: dict, number: int, stem: str, origin: str, today: date,
                 fields: FieldMap = NO_MAP) -> Article | Failure:
    """A record keyed by article field (JSON Lines, CSV) to an Article."""
    text, key = record.get("text"), fields.column("text")
    if not isinstance(text, str) or not text.strip():
        return Failure(origin, f'no "{key}": every record needs the article text in a '
                       f'"{key}" field (or name its field with --map text=FIELD)', number)
    published = record.get("published")
    if published not in (None, ""):
        published = parse_date(str(published), origin, number, today)
        if isinstance(published, Failure):
            return Failure(origin, f'"{fields.column("published")}": {published.reason}', number)
    record_id = record.get("id")
    return Article(
        id=f"{stem}:{number}" if record_id in (None, "") else str(record_id),
        text=text, published=published or None, outlet=_optional(record.get("outlet")),
        url=_optional(record.get("url")), title=_optional(record.get("title")),
        origin=f"{origin}:{number}")


def _optional(value: object) -> str | None:
    return None if value in (None, "") else str(value)
