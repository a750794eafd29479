"""What the pipeline checks around reading a file: its fingerprint, and the size limit.

    mark = fingerprint(path)                 # FileMark, to skip a file read whole before
    for item in read_limited(path, max_bytes, fields=fields):
        ...  # as read_file, but no article over the limit gets through

The limit bounds the time and memory one article may take: a file that is a single
article (text, HTML) over it is not even read; a record of a container file (JSON
Lines, CSV, feed, WARC) whose text is over it becomes a Failure.
"""
from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

from ..model import Article, Failure, FileMark
from . import read_file
from .walk import kind_of

DEFAULT_MAX_MB = 5  # the default of the max_article_mb setting
_ONE_ARTICLE = {"text", "html"}  # kinds whose whole file is one article
_CHUNK = 1 << 20
_SURROGATE = re.compile("[\ud800-\udfff]")


def fingerprint(path: str | os.PathLike) -> FileMark | None:
    """The file's absolute path, size and SHA-256; None when it cannot be read
    (reading it will then say why)."""
    path = Path(path)
    digest = hashlib.sha256()
    try:
        with path.open("rb") as f:
            while chunk := f.read(_CHUNK):
                digest.update(chunk)
            size = f.tell()
    except OSError:
        return None
    return FileMark(str(path.resolve()), size, digest.hexdigest())


def read_limited(path: str | os.PathLike, max_bytes: int,
                 **options) -> Iterator[Article | Failure]:
    """``read_file(path, **options)``, with no article of more than ``max_bytes``."""
    path = Path(path)
    if kind_of(path) in _ONE_ARTICLE:
        try:
            size = path.stat().st_size
        except OSError:
            size = 0  # read_file says why it cannot be read
        if size > max_bytes:
            yield Failure(str(path), _too_big(f"the file is {_mb(size)}", max_bytes))
            return
    for item in read_file(path, **options):
        if isinstance(item, Article):
            item = _checked(item, str(path), max_bytes)
        yield item


def _checked(article: Article, path: str, max_bytes: int) -> Article | Failure:
    """The article, or a Failure when it is too big or holds text no file can hold."""
    origin = article.origin or path
    if len(article.text) > max_bytes:
        return Failure(origin, _too_big(f"the article text is {_mb(len(article.text))}", max_bytes))
    for name in ("id", "text", "title", "outlet", "url"):
        value = getattr(article, name)
        bad = _SURROGATE.search(value) if isinstance(value, str) else None
        if bad:
            # a JSON escape such as "\ud800" standing alone: no encoding can store it
            return Failure(origin, f"the {name} holds an unpaired surrogate "
                           f"(\\u{ord(bad.group()):04x}) at character {bad.start()}: "
                           "fix that escape in the source")
    return article


def _too_big(what: str, max_bytes: int) -> str:
    return (f"{what}, over the limit of {_mb(max_bytes)} for one article: split it into "
            "articles, or raise the limit (setting max_article_mb)")


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"
