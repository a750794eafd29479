-- issue 7: input files read whole with no failure, so a re-run (after a crash, say)
-- skips them while their content is the same
CREATE TABLE ingested_files (
    path TEXT PRIMARY KEY,  -- absolute
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    at TEXT NOT NULL
);
