-- issue 7: input files read whole with no failure (see the SQLite migration)
CREATE TABLE ingested_files (
    path TEXT PRIMARY KEY,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL DEFAULT now()
);
