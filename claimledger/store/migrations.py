"""The SQLite schema as named, ordered migrations.

Each migration runs once, inside a transaction, and is recorded by name in the
``migrations`` table, so ``Store.migrate()`` can be re-run safely. Never edit a
migration that has shipped: new ones are written once, for both dialects, in
``schema.py`` (a test checks that the two lists name the same migrations).

Offsets are ``start_char``/``end_char`` rather than ``start``/``end`` because
``end`` is a reserved word in SQL (and a PostgreSQL schema should mirror this one).
"""
from __future__ import annotations

from .schema import Migration, later


_INITIAL = """
CREATE TABLE articles (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- ingest order; the FTS rowid
    id TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    published TEXT,
    outlet TEXT,
    url TEXT,
    title TEXT,
    origin TEXT,
    content_hash TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);

CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    value INTEGER,
    low INTEGER,
    high INTEGER,
    qualifier TEXT NOT NULL,
    span TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    sentence TEXT NOT NULL,
    sentence_start INTEGER NOT NULL,
    unit TEXT NOT NULL,
    subject TEXT NOT NULL,
    when_start TEXT,
    when_end TEXT,
    when_text TEXT,   -- NULL means the claim has no When at all
    where_name TEXT,  -- NULL means the claim has no Place at all
    where_country TEXT,
    where_admin1 TEXT
);
CREATE INDEX claims_order ON claims(article_id, start_char, end_char);
CREATE INDEX claims_category ON claims(category);

CREATE TABLE claim_sources (
    claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,  -- 0 = who first said it
    name TEXT NOT NULL,
    verb TEXT NOT NULL,
    date TEXT,
    mention TEXT NOT NULL DEFAULT '',
    start_char INTEGER,
    end_char INTEGER,
    PRIMARY KEY (claim_id, position)
);

CREATE TABLE aliases (
    alias TEXT PRIMARY KEY,
    canonical TEXT NOT NULL
);

CREATE TABLE failures (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    line INTEGER,
    reason TEXT NOT NULL,
    at TEXT NOT NULL
);
-- COALESCE because NULL lines never collide in a plain UNIQUE index
CREATE UNIQUE INDEX failures_once ON failures(origin, COALESCE(line, -1), reason);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='seq'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.seq, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
"""

# issue 8: each article's language; the outlet table users extend; what feeds have shown
_LANGUAGES_OUTLETS = """
ALTER TABLE articles ADD COLUMN language TEXT;

CREATE TABLE outlets (
    domain TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    country TEXT,
    affiliation TEXT
);

CREATE TABLE feeds (
    url TEXT PRIMARY KEY,
    etag TEXT,
    modified TEXT,  -- the Last-Modified header, as sent
    checked_at TEXT
);

CREATE TABLE feed_items (
    feed_url TEXT NOT NULL,
    item_id TEXT NOT NULL,
    article_id TEXT,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed_url, item_id)
);
"""

# issue 3: the copy index (LSH band keys per article) and the copied passages found
_COPIES = """
-- one index only (no foreign key, no index by seq): inserts stay cheap at 100k
-- articles; an article's old keys are found through copy_indexed.keys, and keys
-- of a deleted article match no article in the candidates' join
CREATE TABLE copy_keys (
    key INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (key, seq)
) WITHOUT ROWID;

CREATE TABLE copy_indexed (  -- which version of each article the index holds
    seq INTEGER PRIMARY KEY REFERENCES articles(seq) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,
    keys BLOB NOT NULL  -- its keys, little-endian int64s
);

CREATE TABLE copies (
    id INTEGER PRIMARY KEY,
    first_article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    first_start INTEGER NOT NULL,
    first_end INTEGER NOT NULL,
    copy_article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    copy_start INTEGER NOT NULL,
    copy_end INTEGER NOT NULL,
    similarity REAL NOT NULL
);
CREATE INDEX copies_first ON copies(first_article, first_start);
CREATE INDEX copies_copy ON copies(copy_article, copy_start);
"""

# issue 4: events built from claims; a claim is named by article, offsets and category
# (claim ids change when an article is extracted again)
_EVENTS = """
CREATE TABLE events (
    id TEXT PRIMARY KEY,
    parent_id TEXT,
    type TEXT NOT NULL,
    when_start TEXT,
    when_end TEXT,
    when_text TEXT NOT NULL DEFAULT '',
    where_name TEXT NOT NULL,
    where_country TEXT,
    where_admin1 TEXT,
    actors TEXT NOT NULL DEFAULT '[]'  -- JSON array
);
CREATE INDEX events_parent ON events(parent_id);

CREATE TABLE event_claims (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    category TEXT NOT NULL,
    PRIMARY KEY (article_id, start_char, end_char, category)
);
CREATE INDEX event_claims_event ON event_claims(event_id);
"""

# issue 7: input files read whole with no failure, so a re-run (after a crash, say)
# skips them while their content is the same
_PROGRESS = """
CREATE TABLE ingested_files (
    path TEXT PRIMARY KEY,  -- absolute
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    at TEXT NOT NULL
);
"""

# issue 3, at 100k articles: band keys are read from copy_indexed.keys into memory
# per run (copies/index.py); a row per key cost more to insert than all else together
_COPY_INDEX = """
DROP TABLE copy_keys;
"""

# issue 17: each watched item's own state, apart from the feed's ETag/Last-Modified,
# so a failed page is tried again (with backoff) while the feed answers 304, and
# after the item has left the feed (its link, title, date and text are kept).
# Rows from before were written only once their article was stored: 'stored'.
_FEED_ITEM_STATE = """
ALTER TABLE feed_items ADD COLUMN state TEXT NOT NULL DEFAULT 'stored';  -- seen, pending, stored, failed
ALTER TABLE feed_items ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feed_items ADD COLUMN next_try TEXT;  -- ISO time, UTC
ALTER TABLE feed_items ADD COLUMN reason TEXT;  -- why the last attempt failed
ALTER TABLE feed_items ADD COLUMN link TEXT;
ALTER TABLE feed_items ADD COLUMN title TEXT;
ALTER TABLE feed_items ADD COLUMN published TEXT;
ALTER TABLE feed_items ADD COLUMN summary TEXT;  -- the item's own text, if its page has none
CREATE INDEX feed_items_open ON feed_items(feed_url) WHERE state IN ('seen', 'pending');
"""

# issue 21: the words that decided an event's type (a JSON list), shown on its page
_EVENT_EVIDENCE = """
ALTER TABLE events ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
"""

SQLITE: tuple[Migration, ...] = (
    Migration("0001_initial", _INITIAL),
    Migration("0004_languages_outlets", _LANGUAGES_OUTLETS),
    Migration("0005_copies", _COPIES),
    Migration("0006_events", _EVENTS),
    Migration("0007_progress", _PROGRESS),
    Migration("0008_copy_index", _COPY_INDEX),
    Migration("0009_feed_item_state", _FEED_ITEM_STATE),
    Migration("0010_event_evidence", _EVENT_EVIDENCE),
) + later("sqlite")
