-- issue 4: events built from claims; a claim is named by article, offsets and category
-- (claim ids change when an article is extracted again)
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
