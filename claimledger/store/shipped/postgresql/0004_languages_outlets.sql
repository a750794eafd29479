-- issue 8: each article's language; the outlet table users extend; what feeds have shown
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
