"""The PostgreSQL dialect of each migration in ``migrations.SQLITE``, under the same name.

The two lists must name the same migrations in the same order (a test checks), so
both backends keep the same ledger in their ``migrations`` table. Where the
dialects differ, and why:

- dates are ``DATE`` and times ``TIMESTAMPTZ`` (SQLite keeps ISO text);
- ids are ``COLLATE "C"`` so that claims sort by article id exactly as SQLite's
  binary order does, whatever the database's locale;
- ``claim_sources.name_key`` holds the name case-folded by Python, so the source
  filter matches exactly as SQLite's (which calls Python's ``str.casefold``);
- full-text search is a generated ``tsvector`` column (English stemming, the title
  weighted above the text) with a GIN index, in place of the FTS5 table and triggers.
"""
from __future__ import annotations

from .schema import Migration, later

_INITIAL = """
CREATE TABLE articles (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,  -- ingest order
    id TEXT COLLATE "C" NOT NULL UNIQUE,
    text TEXT NOT NULL,
    published DATE,
    outlet TEXT,
    url TEXT,
    title TEXT,
    origin TEXT,
    content_hash TEXT NOT NULL,
    ingested_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    search TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', text), 'B')) STORED
);
CREATE INDEX articles_search ON articles USING GIN (search);

CREATE TABLE claims (
    id BIGSERIAL PRIMARY KEY,
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    value BIGINT,
    low BIGINT,
    high BIGINT,
    qualifier TEXT NOT NULL,
    span TEXT NOT NULL,
    start_char BIGINT NOT NULL,
    end_char BIGINT NOT NULL,
    sentence TEXT NOT NULL,
    sentence_start BIGINT NOT NULL,
    unit TEXT NOT NULL,
    subject TEXT NOT NULL,
    when_start DATE,
    when_end DATE,
    when_text TEXT,   -- NULL means the claim has no When at all
    where_name TEXT,  -- NULL means the claim has no Place at all
    where_country TEXT,
    where_admin1 TEXT
);
CREATE INDEX claims_order ON claims(article_id, start_char, end_char);
CREATE INDEX claims_category ON claims(category);

CREATE TABLE claim_sources (
    claim_id BIGINT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,  -- 0 = who first said it
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,     -- name.casefold(), for the source filter
    verb TEXT NOT NULL,
    date DATE,
    mention TEXT NOT NULL DEFAULT '',
    start_char BIGINT,
    end_char BIGINT,
    PRIMARY KEY (claim_id, position)
);

CREATE TABLE aliases (
    alias TEXT COLLATE "C" PRIMARY KEY,
    canonical TEXT NOT NULL
);

CREATE TABLE failures (
    id BIGSERIAL PRIMARY KEY,
    origin TEXT NOT NULL,
    line INTEGER,
    reason TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- COALESCE because NULL lines never collide in a plain UNIQUE index
CREATE UNIQUE INDEX failures_once ON failures(origin, COALESCE(line, -1), reason);
"""

# issue 8: each article's language; the outlet table users extend; what feeds have shown
_LANGUAGES_OUTLETS = """
ALTER TABLE articles ADD COLUMN language TEXT;

CREATE TABLE outlets (
    domain TEXT COLLATE "C" PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT,
    affiliation TEXT
);

CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    modified TEXT,  -- the Last-Modified header, as sent
    checked_at TIMESTAMPTZ
);

CREATE TABLE feed_items (
    feed_url TEXT NOT NULL,
    item_id TEXT NOT NULL,
    article_id TEXT,
    seen_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (feed_url, item_id)
);
"""

# issue 3: the copy index (LSH band keys per article) and the copied passages found
_COPIES = """
CREATE TABLE copy_keys (
    key BIGINT NOT NULL,
    seq BIGINT NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
    PRIMARY KEY (key, seq)
);
CREATE INDEX copy_keys_seq ON copy_keys(seq);

CREATE TABLE copy_indexed (  -- which version of each article the index holds
    seq BIGINT PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
    content_hash TEXT NOT NULL
);

CREATE TABLE copies (
    id BIGSERIAL PRIMARY KEY,
    first_article TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    first_start BIGINT NOT NULL,
    first_end BIGINT NOT NULL,
    copy_article TEXT COLLATE "C" NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    copy_start BIGINT NOT NULL,
    copy_end BIGINT NOT NULL,
    similarity DOUBLE PRECISION NOT NULL  -- SQLite's REAL is 8 bytes; PostgreSQL's is 4
);
CREATE INDEX copies_first ON copies(first_article, first_start);
CREATE INDEX copies_copy ON copies(copy_article, copy_start);
"""

# issue 4: events built from claims; a claim is named by article, offsets and category.
# seq stands in for SQLite's rowid: events come back in the order they were stored.
_EVENTS = """
CREATE TABLE events (
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    id TEXT PRIMARY KEY,
    parent_id TEXT,
    type TEXT NOT NULL,
    when_start DATE,
    when_end DATE,
    when_text TEXT NOT NULL DEFAULT '',
    where_name TEXT NOT NULL,
    where_country TEXT,
    where_admin1 TEXT,
    actors TEXT NOT NULL DEFAULT '[]'  -- JSON array
);
CREATE INDEX events_parent ON events(parent_id);

CREATE TABLE event_claims (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT COLLATE "C" NOT NULL,
    start_char BIGINT NOT NULL,
    end_char BIGINT NOT NULL,
    category TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (article_id, start_char, end_char, category)
);
CREATE INDEX event_claims_event ON event_claims(event_id);
"""

# issue 7: input files read whole with no failure (see the SQLite migration)
_PROGRESS = """
CREATE TABLE ingested_files (
    path TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL DEFAULT now()
);
"""

# issue 3, at 100k articles: each article's band keys in one row (see the SQLite
# migration); articles indexed before have no keys stored, so they are checked again
_COPY_INDEX = """
DROP TABLE copy_keys;
DELETE FROM copy_indexed;
ALTER TABLE copy_indexed ADD COLUMN keys BYTEA NOT NULL;  -- little-endian int64s
"""

# issue 17: each watched item's own state (see the SQLite migration)
_FEED_ITEM_STATE = """
ALTER TABLE feed_items ADD COLUMN state TEXT NOT NULL DEFAULT 'stored';  -- seen, pending, stored, failed
ALTER TABLE feed_items ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feed_items ADD COLUMN next_try TIMESTAMPTZ;
ALTER TABLE feed_items ADD COLUMN reason TEXT;
ALTER TABLE feed_items ADD COLUMN link TEXT;
ALTER TABLE feed_items ADD COLUMN title TEXT;
ALTER TABLE feed_items ADD COLUMN published DATE;
ALTER TABLE feed_items ADD COLUMN summary TEXT;
CREATE INDEX feed_items_open ON feed_items(feed_url) WHERE state IN ('seen', 'pending');
"""

# issue 21: the words that decided an event's type (a JSON list), shown on its page
_EVENT_EVIDENCE = """
ALTER TABLE events ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
"""

POSTGRESQL: tuple[Migration, ...] = (
    Migration("0001_initial", _INITIAL),
    Migration("0004_languages_outlets", _LANGUAGES_OUTLETS),
    Migration("0005_copies", _COPIES),
    Migration("0006_events", _EVENTS),
    Migration("0007_progress", _PROGRESS),
    Migration("0008_copy_index", _COPY_INDEX),
    Migration("0009_feed_item_state", _FEED_ITEM_STATE),
    Migration("0010_event_evidence", _EVENT_EVIDENCE),
) + later("postgresql")
