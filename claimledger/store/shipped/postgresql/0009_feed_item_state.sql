-- issue 17: each watched item's own state (see the SQLite migration)
ALTER TABLE feed_items ADD COLUMN state TEXT NOT NULL DEFAULT 'stored';  -- seen, pending, stored, failed
ALTER TABLE feed_items ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feed_items ADD COLUMN next_try TIMESTAMPTZ;
ALTER TABLE feed_items ADD COLUMN reason TEXT;
ALTER TABLE feed_items ADD COLUMN link TEXT;
ALTER TABLE feed_items ADD COLUMN title TEXT;
ALTER TABLE feed_items ADD COLUMN published DATE;
ALTER TABLE feed_items ADD COLUMN summary TEXT;
CREATE INDEX feed_items_open ON feed_items(feed_url) WHERE state IN ('seen', 'pending');
