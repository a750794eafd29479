"""Plain-text articles with an optional ` date YYYY-MM-DD ` header.

Also the byte-level checks every reader shares: empty, binary, and decoding
(UTF-8 with or without a BOM, UTF-16/32 with a BOM).
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

from ..model import Article, Failure

EMPTY = "empty file: nothing to ingest; remove it or add the article text"

# UTF-32 first: its little-endian BOM starts with the UTF-16 one
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
         (codecs.BOM_UTF8, "utf-8-sig"))

# A header is "date" and a token that starts like a date; whether that token is a
# valid date is checked after, so "date 2020-13-45" fails instead of becoming text.
_HEADER = re.compile(r"\A(?P<lead>\s*)date:?[ \t]+(?P<date>\d[\d-]*\d)\b(?P<sep>\s*)",
                     re.IGNORECASE)


def read_text(path: Path, today: date | None = None) -> Iterator[Article | Failure]:
    """Read one text file: an Article, or a Failure saying what to fix."""
    origin = str(path)
    raw = decode(path.read_bytes(), origin)
    if isinstance(raw, Failure):
        yield raw
    else:
        yield parse_text(raw, path.stem, origin, today or date.today())


def parse_text(raw: str, article_id: str, origin: str, today: date) -> Article | Failure:
    """Split the header from the body; the body is kept exactly as it stands."""
    if not raw.strip():
        return Failure(origin, EMPTY)
    header = _HEADER.match(raw)
    if header is None:
        return Article(id=article_id, text=raw, origin=origin)
    line = header.group("lead").count("\n") + 1
    published = parse_date(header.group("date"), origin, line, today)
    if isinstance(published, Failure):
        return published
    body = raw[header.end():]
    if not body:
        return Failure(origin, "no article text after the date header; add the text "
                       "or remove the file", line)
    return Article(id=article_id, text=body, published=published, origin=origin)


def parse_date(text: str, origin: str, line: int | None, today: date) -> date | Failure:
    """A YYYY-MM-DD date (or the date part of an ISO datetime) not later than tomorrow."""
    try:
        value = datetime.fromisoformat(text).date()
    except ValueError:
        return Failure(origin, f"invalid date {text!r}: write it as YYYY-MM-DD "
                       "(a real calendar date)", line)
    # one day of slack: an article dated in a time zone ahead of ours is not an error
    if value > today + timedelta(days=1):
        return Failure(origin, f"the date {value.isoformat()} is in the future; "
                       "fix the publication date", line)
    return value


def sniff(data: bytes, origin: str) -> Failure | None:
    """A Failure for data that cannot be an article at all: empty or binary."""
    if not data.strip():
        return Failure(origin, EMPTY)
    if b"\x00" in data and not data.startswith(tuple(bom for bom, _ in _BOMS[:4])):
        offset = data.index(b"\x00")
        return Failure(origin, f"binary file (NUL byte at offset {offset}): not an article; "
                       "remove it or export its text as .txt")
    return None


def decode(data: bytes, origin: str) -> str | Failure:
    """Bytes to text: a BOM decides the encoding, otherwise it must be UTF-8."""
    problem = sniff(data, origin)
    if problem:
        return problem
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return Failure(origin, f"not valid {encoding.upper().removesuffix('-SIG')} "
                       f"at byte {error.start} (line {line}): re-save it as UTF-8", line)
    # a UTF-16/32 decoder drops its BOM itself; a stray U+FEFF can remain otherwise
    return text.removeprefix("\ufeff")
