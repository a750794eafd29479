"""What differs between SQLite and PostgreSQL in the queries both run, as data.

Every shared query (``sql.SQLStore``) is written once with ``?`` placeholders; a
``Dialect`` turns it into the driver's form and supplies the few phrases that are
spelt differently: list membership, a substring test, a far-future date, byte order
for ids, and how dates and times travel (SQLite keeps ISO text, PostgreSQL the
``date`` and ``datetime`` themselves).
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Dialect:
    name: str
    param: str  # the driver's placeholder: "?" or "%s"
    contains: str  # SQL function f(haystack, needle) > 0 when needle is in haystack
    fold: str  # SQL function folding case as Python's str.casefold does (lower() on PostgreSQL)
    last_day: str  # a date after every real one, for "undated last" orderings
    by_bytes: str  # appended to an ORDER BY term: compare text byte by byte
    for_update: str  # appended to a SELECT that locks the rows it reads
    member: Callable[[str], str]  # "column is in the list bound to one placeholder"
    pack: Callable[[Iterable], Any]  # that list as the driver binds it
    put: Callable[[Any], Any]  # a date or time as the driver stores it
    day: Callable[[Any], date | None]  # a stored date back as a date
    now: Callable[[], Any]  # the current time as the driver stores it

    def sql(self, text: str) -> str:
        """A query written with ``?`` placeholders in this driver's style."""
        return _convert(text, self.param)


@lru_cache(maxsize=512)
def _convert(text: str, param: str) -> str:
    if param == "?":
        return text
    return text.replace("%", "%%").replace("?", param)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def _parse_day(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


SQLITE = Dialect(
    name="sqlite", param="?", contains="instr", fold="casefold", last_day="'9999-12-31'", by_bytes="",
    for_update="",
    member=lambda column: f"{column} IN (SELECT value FROM json_each(?))",
    pack=lambda values: json.dumps(list(values), ensure_ascii=False),
    put=_iso, day=_parse_day,
    now=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

POSTGRESQL = Dialect(
    name="postgresql", param="%s", contains="strpos", fold="lower", last_day="DATE '9999-12-31'",
    by_bytes=' COLLATE "C"', for_update=" FOR UPDATE",
    member=lambda column: f"{column} = ANY(?)",
    pack=list,
    put=lambda value: value, day=lambda value: value,
    now=lambda: datetime.now(UTC))
