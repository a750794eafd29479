"""What differs between SQLite and PostgreSQL in the queries both run, as data.

Every shared query (``sql.SQLStore``) is written once with ``?`` placeholders; a
``Dialect`` turns it into the driver's form and supplies the few phrases that are
spelt differently: list membership, a substring test, a far-future date, byte order
for ids, and how dates and times travel (SQLite keeps ISO text, PostgreSQL the
``date`` and ``datetime`` themselves).
"""
from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Dialect:
    name: str
    param: str  # the driver's placeholder: "?" or "%s"
    contains: str  # SQL function f(haystack, needle) > 0 when needle is in haystack
    last_day: str  # a date after every real one, for "undated last" orderings
    by_bytes: str  # appended to an ORDER BY term: compare text byte by byte
    for_update: str  # appended to a SELECT that locks the rows it reads
    _in: Callable[[str], str]  # "column IN the list bound to one placeholder"
    _pack: Callable[[Sequence], Any]  # that list as the driver binds it
    _put: Callable[[Any], Any]  # a date or time as the driver stores it
    _day: Callable[[Any], date | None]  # a stored date back as a date
    _now: Callable[[], Any]  # the current time as the driver stores it

    def sql(self, text: str) -> str:
        """A query written with ``?`` placeholders in this driver's style."""
        return _convert(text, self.param)

    def member(self, column: str) -> str:
        """``column`` is one of the values bound (by ``pack``) to one placeholder."""
        return self._in(column)

    def pack(self, values) -> Any:
        return self._pack(list(values))

    def put(self, value: Any) -> Any:
        return self._put(value)

    def day(self, value: Any) -> date | None:
        return self._day(value)

    def now(self) -> Any:
        return self._now()


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
    name="sqlite", param="?", contains="instr", last_day="'9999-12-31'", by_bytes="",
    for_update="",
    _in=lambda column: f"{column} IN (SELECT value FROM json_each(?))",
    _pack=lambda values: json.dumps(values, ensure_ascii=False),
    _put=_iso, _day=_parse_day,
    _now=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

POSTGRESQL = Dialect(
    name="postgresql", param="%s", contains="strpos", last_day="DATE '9999-12-31'",
    by_bytes=' COLLATE "C"', for_update=" FOR UPDATE",
    _in=lambda column: f"{column} = ANY(?)",
    _pack=lambda values: values,
    _put=lambda value: value, _day=lambda value: value,
    _now=lambda: datetime.now(UTC))
