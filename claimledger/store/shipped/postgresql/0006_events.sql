-- issue 4: events built from claims; a claim is named by article, offsets and category.
-- seq stands in for SQLite's rowid: events come back in the order they were stored.
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
