-- issue 3, at 100k articles: each article's band keys in one row (see the SQLite
-- migration); articles indexed before have no keys stored, so they are checked again
DROP TABLE copy_keys;
DELETE FROM copy_indexed;
ALTER TABLE copy_indexed ADD COLUMN keys BYTEA NOT NULL;  -- little-endian int64s
