"""Readers: files and folders in, Articles (or Failures saying what to fix) out.

    for item in read_paths(["articles/"]):
        ...  # an Article, or a Failure; readers never raise on bad input
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from ..model import Article, Failure
from .csvfile import read_csv
from .feed import read_feed
from .fields import NO_MAP, FieldMap
from .html import read_html
from .jsonl import read_jsonl
from .parquet import read_parquet
from .text import read_text
from .walk import KINDS, Walked, kind_of, walk
from .warc import read_warc

__all__ = ["read_paths", "read_file", "walk", "Walked", "KINDS", "FieldMap"]

Reader = Callable[[Path, date | None], Iterator[Article | Failure]]
READERS: dict[str, Reader] = {"text": read_text, "jsonl": read_jsonl, "html": read_html,
                              "csv": read_csv, "feed": read_feed, "warc": read_warc,
                              "parquet": read_parquet}
MAPPED = {"jsonl", "csv", "parquet"}  # the readers that take a FieldMap (--map)


def read_paths(paths: Iterable[str | os.PathLike], today: date | None = None,
               fields: FieldMap = NO_MAP) -> Iterator[Article | Failure]:
    """Every article in these files and folders (see ``walk`` for which files).

    ``today`` is for tests: dates later than today + 1 day are failures.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]  # one path, not an iterable of characters
    found = walk(paths)
    yield from found.failures
    for path in found.files:
        yield from read_file(path, today, fields)


def read_file(path: str | os.PathLike, today: date | None = None,
              fields: FieldMap | None = None) -> Iterator[Article | Failure]:
    """One file, by its extension (unknown extensions are read as text);
    ``fields`` maps CSV columns and JSON keys to article fields."""
    path = Path(path)
    kind = kind_of(path)
    try:
        if kind in MAPPED:
            yield from READERS[kind](path, today, fields or NO_MAP)
        else:
            yield from READERS[kind](path, today)
    except OSError as error:
        yield Failure(str(path), f"cannot read the file ({error.strerror}); "
                      "check that it exists and that you may read it")
