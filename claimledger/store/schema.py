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
               "key": "TEXT", "serial": "INTEGER PRIMARY KEY"},
    "postgresql": {"date": "DATE", "time": "TIMESTAMPTZ", "int": "BIGINT", "bytes": "BYTEA",
                   "key": 'TEXT COLLATE "C"', "serial": "BIGSERIAL PRIMARY KEY"},
}

# each source name case-folded by Python, kept beside it: PostgreSQL has had it from
# the start; SQLite called a Python function on every row of the source filter
_SOURCE_NAME_KEY = {
    "sqlite": "ALTER TABLE claim_sources ADD COLUMN name_key TEXT;\n"
              "UPDATE claim_sources SET name_key = casefold(name);\n",
    "postgresql": "",
}

# every name in a claim's chain with how many claims name it, how many first, in how
# many articles: rewritten whenever events are (``Listing.count_sources``)
COUNT_SOURCES = """
DELETE FROM source_counts;
INSERT INTO source_counts (name, name_key, claims, first_source, articles)
    SELECT s.name, min(s.name_key), count(*), sum(CASE WHEN s.position = 0 THEN 1 ELSE 0 END),
           count(DISTINCT c.article_id)
    FROM claim_sources s JOIN claims c ON c.id = s.claim_id GROUP BY s.name;
"""

# issue 19: what the web pages show of an event, written when events are (store/listing.py),
# and the indexes behind the pages' filtered, ordered lists. ``sort_key`` is the event
# order (parents first, then date, undated last, then id) as one byte-ordered text;
# ``summarized`` is 0 until the summary is written, and again once copies found since
# may change its voices.
_PAGES = """
ALTER TABLE events ADD COLUMN sort_key {key};
ALTER TABLE events ADD COLUMN claim_count {int} NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN articles TEXT NOT NULL DEFAULT '[]';
ALTER TABLE events ADD COLUMN ranges TEXT NOT NULL DEFAULT '{{}}';
ALTER TABLE events ADD COLUMN figures TEXT;
ALTER TABLE events ADD COLUMN summarized {int} NOT NULL DEFAULT 0;
UPDATE events SET sort_key = CASE WHEN parent_id IS NULL THEN '0' ELSE '1' END
    || COALESCE(CAST(when_start AS TEXT), CAST(when_end AS TEXT), '9999-12-31') || id;
CREATE INDEX events_sort ON events(sort_key);
CREATE INDEX events_country ON events(where_country, sort_key);
CREATE INDEX events_type ON events(type, sort_key);
CREATE INDEX events_due ON events(summarized, id);
DROP INDEX claims_order;
CREATE INDEX claims_order ON claims(article_id, start_char, end_char, id);
DROP INDEX claims_category;
CREATE INDEX claims_category ON claims(category, article_id, start_char, end_char, id);
CREATE INDEX claims_country ON claims(where_country, article_id, start_char, end_char, id);
DROP INDEX event_claims_event;
CREATE INDEX event_claims_event ON event_claims(event_id, category, article_id, start_char, end_char);
CREATE TABLE source_counts (
    name {key} PRIMARY KEY,
    name_key TEXT NOT NULL,
    claims {int} NOT NULL,
    first_source {int} NOT NULL,
    articles {int} NOT NULL
);
CREATE INDEX source_counts_order ON source_counts(claims DESC, name);
""" + COUNT_SOURCES

LATER: tuple[tuple[str, str | Mapping[str, str]], ...] = (
    ("0011_source_name_key", _SOURCE_NAME_KEY),
    ("0012_pages", _PAGES),
)


def render(sql: str | Mapping[str, str], dialect: str) -> str:
    """A migration's text for one dialect: its own text, or the shared one with the
    type words filled in (``{date}``, ``{time}``, ``{int}``, ``{bytes}``, ``{key}``,
    ``{serial}``)."""
    if isinstance(sql, Mapping):
        return sql[dialect]
    return sql.format_map(TYPES[dialect])


def later(dialect: str) -> tuple[Migration, ...]:
    return tuple(Migration(name, render(sql, dialect)) for name, sql in LATER)
