"""JSON Lines articles: one object per line with id, url, outlet, published, title, text.

A bad line becomes a Failure with its line number; the other lines go on.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..model import Article, Failure
from .text import EMPTY, decode, parse_date, sniff

_UTF8_BOM = b"\xef\xbb\xbf"


def read_jsonl(path: Path, today: date | None = None) -> Iterator[Article | Failure]:
    """Every line of one JSON Lines file: an Article or a Failure."""
    origin, today = str(path), today or date.today()
    seen: dict[str, int] = {}  # id -> line it was first seen on
    found = False
    for number, line in _lines(path.read_bytes(), origin):
        if isinstance(line, Failure):
            found = True
            yield line
            continue
        if not line.strip():
            continue
        found = True
        result = parse_line(line, number, path.stem, origin, today)
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
               today: date) -> Article | Failure:
    """One line to an Article; ``id`` defaults to ``<file stem>:<line number>``."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return Failure(origin, f"not valid JSON ({error.msg} at column {error.colno}): "
                       "fix or remove the line", number)
    if not isinstance(record, dict):
        return Failure(origin, f"expected a JSON object with a \"text\" field, found "
                       f"{type(record).__name__}: one article per line", number)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Failure(origin, 'no "text": every line needs the article text in a '
                       '"text" field', number)
    published = record.get("published")
    if published not in (None, ""):
        published = parse_date(str(published), origin, number, today)
        if isinstance(published, Failure):
            return Failure(origin, f'"published": {published.reason}', number)
    record_id = record.get("id")
    return Article(
        id=f"{stem}:{number}" if record_id in (None, "") else str(record_id),
        text=text, published=published or None, outlet=_optional(record.get("outlet")),
        url=_optional(record.get("url")), title=_optional(record.get("title")),
        origin=f"{origin}:{number}")


def _lines(data: bytes, origin: str) -> Iterator[tuple[int, str | Failure]]:
    """Numbered lines; UTF-8 is decoded line by line so one bad line spares the rest."""
    problem = sniff(data, origin)
    if problem:
        yield 1, problem
        return
    if not data.startswith(_UTF8_BOM) and data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        whole = decode(data, origin)  # UTF-16/32: only whole-file decoding makes sense
        if isinstance(whole, Failure):
            yield whole.line or 1, whole
            return
        # split on \n only: str.splitlines would also break at U+2028 inside strings
        yield from enumerate(whole.split("\n"), start=1)
        return
    for number, raw in enumerate(data.removeprefix(_UTF8_BOM).split(b"\n"), start=1):
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError as error:
            yield number, Failure(origin, f"not valid UTF-8 at byte {error.start} of the "
                                  "line: re-save the file as UTF-8", number)


def _optional(value: object) -> str | None:
    return None if value in (None, "") else str(value)
