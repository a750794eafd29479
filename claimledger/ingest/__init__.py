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
from .html import read_html
from .jsonl import read_jsonl
from .text import read_text
from .walk import KINDS, Walked, kind_of, walk

__all__ = ["read_paths", "read_file", "walk", "Walked", "KINDS"]

Reader = Callable[[Path, date | None], Iterator[Article | Failure]]
READERS: dict[str, Reader] = {"text": read_text, "jsonl": read_jsonl, "html": read_html}


def read_paths(paths: Iterable[str | os.PathLike],
               today: date | None = None) -> Iterator[Article | Failure]:
    """Every article in these files and folders (see ``walk`` for which files).

    ``today`` is for tests: dates later than today + 1 day are failures.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]  # one path, not an iterable of characters
    found = walk(paths)
    yield from found.failures
    for path in found.files:
        yield from read_file(path, today)


def read_file(path: str | os.PathLike, today: date | None = None) -> Iterator[Article | Failure]:
    """One file, by its extension (unknown extensions are read as text)."""
    path = Path(path)
    try:
        yield from READERS[kind_of(path)](path, today)
    except OSError as error:
        yield Failure(str(path), f"cannot read the file ({error.strerror}); "
                      "check that it exists and that you may read it")
