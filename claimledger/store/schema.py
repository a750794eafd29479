"""Migrations from 0011 on, each written once for both dialects.

The shipped migrations (``migrations.py`` for SQLite, ``postgres_migrations.py`` for
PostgreSQL) stay as they are: databases in use have applied them. A new migration is
one text here whose column types are written as words in braces, each rendered per
dialect; only a step that closes a drift between the two may give each dialect its
own text (a mapping from dialect name to SQL, empty where nothing is to be done).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple


class Migration(NamedTuple):
    name: str
    sql: str  # one or more statements separated by ';' (may be empty: nothing to do)

TYPES = {
    "sqlite": {"date": "TEXT", "time": "TEXT", "int": "INTEGER", "bytes": "BLOB",
               "key": "TEXT", "serial": "INTEGER PRIMARY KEY", "real": "REAL"},
    "postgresql": {"date": "DATE", "time": "TIMESTAMPTZ", "int": "BIGINT", "bytes": "BYTEA",
                   "key": 'TEXT COLLATE "C"', "serial": "BIGSERIAL PRIMARY KEY",
                   "real": "DOUBLE PRECISION"},
}

# each source name case-folded by Python, kept beside it: PostgreSQL has had it from
# the start; SQLite called a Python function on every row of the source filter
_SOURCE_NAME_KEY = {
    "sqlite": "ALTER TABLE claim_sources ADD COLUMN name_key TEXT;\n"
              "UPDATE claim_sources SET name_key = casefold(name);\n",
    "postgresql": "",
}

# issue 19: an event's point and day as columns, so the map asks for a box and the
# timeline counts by week or month in SQL (filled when events are written; events
# written before this are filled by ``Store.fill_places``)
_EVENT_PLACES = """
ALTER TABLE events ADD COLUMN lat {real};
ALTER TABLE events ADD COLUMN lon {real};
ALTER TABLE events ADD COLUMN geo_precision {int};
ALTER TABLE events ADD COLUMN day {int};
ALTER TABLE events ADD COLUMN month {int};
CREATE INDEX events_point ON events(lat, lon);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_unplaced ON events(geo_precision, where_country, id);
"""

LATER: tuple[tuple[str, str | Mapping[str, str]], ...] = (
    ("0011_source_name_key", _SOURCE_NAME_KEY),
    ("0012_event_places", _EVENT_PLACES),
)


def render(sql: str | Mapping[str, str], dialect: str) -> str:
    """A migration's text for one dialect: its own text, or the shared one with the
    type words filled in (``{date}``, ``{time}``, ``{int}``, ``{bytes}``, ``{key}``,
    ``{serial}``, ``{real}``)."""
    if isinstance(sql, Mapping):
        return sql[dialect]
    return sql.format_map(TYPES[dialect])


def later(dialect: str) -> tuple[Migration, ...]:
    return tuple(Migration(name, render(sql, dialect)) for name, sql in LATER)
