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
