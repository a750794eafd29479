-- issue 3: the copy index (LSH band keys per article) and the copied passages found
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
