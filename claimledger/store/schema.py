"""The schema as named, ordered migrations, the same names in both dialects.

Each migration runs once, inside a transaction, and is recorded by name in the
``migrations`` table, so ``Store.migrate()`` can be re-run safely. The migrations
shipped before 0011 are files, one per dialect (``shipped/sqlite/``,
``shipped/postgresql/``), kept as they shipped: databases in use have applied them.
Where the dialects differ, and why: PostgreSQL's dates are ``DATE`` and times
``TIMESTAMPTZ`` (SQLite keeps ISO text); its ids are ``COLLATE "C"`` so that claims
sort by article id exactly as SQLite's binary order does, whatever the locale; its
full-text search is a generated ``tsvector`` column (English stemming, the title
weighted above the text) with a GIN index, in place of the FTS5 table and triggers.
Offsets are ``start_char``/``end_char`` because ``end`` is a reserved word in SQL.

From 0011 on a migration is written once, here (``LATER``): one text whose column
types are words in braces, rendered per dialect; only a step that closes a drift
between the two may give each dialect its own text (a mapping from dialect name to
SQL, empty where nothing is to be done). Never edit a migration that has shipped.
"""
from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib.resources import files
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
    "sqlite": "ALTER TABLE claim_sources ADD COLUMN name_key TEXT NOT NULL DEFAULT '';\n"
              "UPDATE claim_sources SET name_key = casefold(name);\n",
    "postgresql": "",
}

# the articles whose claims were written since their events were built: events are
# built again for their countries alone, and a crash before that loses nothing
_EVENTS_TODO = "CREATE TABLE events_todo (article_id {key} PRIMARY KEY);\n"

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

# every name in a claim's chain with how many claims name it, how many first, in how
# many articles: counted once by 0014, kept up to date since (``Listing.count_sources``)
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

# the days a claim is about: its own time, else its article's date (``day_first`` ..
# ``day_last``), written with the claim, so that a claims list filtered by dates needs
# no join to articles; with category and country (the usual filters) one index is walked
# in the list's order and holds the days, so a page, and its bounded count, read only
# index entries of that category and country, however few of them the dates keep
_CLAIM_DAYS = """
ALTER TABLE claims ADD COLUMN day_first {date};
ALTER TABLE claims ADD COLUMN day_last {date};
UPDATE claims SET
    day_first = COALESCE(when_start, when_end, (SELECT a.published FROM articles a WHERE a.id = claims.article_id)),
    day_last = COALESCE(when_end, when_start, (SELECT a.published FROM articles a WHERE a.id = claims.article_id));
CREATE INDEX claims_filter ON claims(category, where_country, article_id, start_char, end_char, id,
                                   day_last, day_first);
"""

# an event's parts, in the events' order; only parts are indexed: every event but a
# part has no parent, and an index holding them all told SQLite's statistics that a
# parent had 100,000 parts, so an event page scanned every event (130 ms at 1M claims)
_EVENT_PARTS = """
DROP INDEX events_parent;
CREATE INDEX events_parent ON events(parent_id, sort_key) WHERE parent_id IS NOT NULL;
"""

# what each write of claims adds to or takes off each name's counts in source_counts,
# until ``Listing.count_sources`` adds it up: the counts are no longer made again from
# every claim source on every write of events (1.3-1.6 s at a million claims)
_SOURCE_CHANGES = """
CREATE TABLE source_changes (
    name {key} NOT NULL,
    name_key TEXT NOT NULL,
    claims {int} NOT NULL,
    first_source {int} NOT NULL,
    articles {int} NOT NULL
);
"""

# a source filter finds a rarely named source's claims by its index entries (Store._named)
_SOURCE_KEYS = """
CREATE INDEX claim_sources_key ON claim_sources(name_key, claim_id);
"""

LATER: tuple[tuple[str, str | Mapping[str, str]], ...] = (
    ("0011_source_name_key", _SOURCE_NAME_KEY),
    ("0012_events_todo", _EVENTS_TODO),
    ("0013_event_places", _EVENT_PLACES),
    ("0014_pages", _PAGES),
    ("0015_claim_days", _CLAIM_DAYS),
    ("0016_event_parts", _EVENT_PARTS),
    ("0017_source_changes", _SOURCE_CHANGES),
    ("0018_source_keys", _SOURCE_KEYS),
)


def render(sql: str | Mapping[str, str], dialect: str) -> str:
    """A migration's text for one dialect: its own text, or the shared one with the
    type words filled in (``{date}``, ``{time}``, ``{int}``, ``{bytes}``, ``{key}``,
    ``{serial}``, ``{real}``)."""
    if isinstance(sql, Mapping):
        return sql[dialect]
    return sql.format_map(TYPES[dialect])


@cache
def migrations(dialect: str) -> tuple[Migration, ...]:
    """Every migration of a dialect ("sqlite" or "postgresql"), in order: the shipped
    files, then the later ones rendered for it."""
    shipped = sorted((p for p in files(__package__).joinpath("shipped", dialect).iterdir()
                      if p.name.endswith(".sql")), key=lambda p: p.name)
    return (tuple(Migration(p.name.removesuffix(".sql"), p.read_text("utf-8")) for p in shipped)
            + tuple(Migration(name, render(sql, dialect)) for name, sql in LATER))
