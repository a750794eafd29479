-- issue 3: the copy index (LSH band keys per article) and the copied passages found
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
