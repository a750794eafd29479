-- issue 17: each watched item's own state, apart from the feed's ETag/Last-Modified,
-- so a failed page is tried again (with backoff) while the feed answers 304, and
-- after the item has left the feed (its link, title, date and text are kept).
-- Rows from before were written only once their article was stored: 'stored'.
ALTER TABLE feed_items ADD COLUMN state TEXT NOT NULL DEFAULT 'stored';  -- seen, pending, stored, failed
ALTER TABLE feed_items ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE feed_items ADD COLUMN next_try TEXT;  -- ISO time, UTC
ALTER TABLE feed_items ADD COLUMN reason TEXT;  -- why the last attempt failed
ALTER TABLE feed_items ADD COLUMN link TEXT;
ALTER TABLE feed_items ADD COLUMN title TEXT;
ALTER TABLE feed_items ADD COLUMN published TEXT;
ALTER TABLE feed_items ADD COLUMN summary TEXT;  -- the item's own text, if its page has none
CREATE INDEX feed_items_open ON feed_items(feed_url) WHERE state IN ('seen', 'pending');
