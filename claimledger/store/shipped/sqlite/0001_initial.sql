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
