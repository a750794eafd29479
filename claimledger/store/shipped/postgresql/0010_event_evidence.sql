-- issue 21: the words that decided an event's type (a JSON list), shown on its page
ALTER TABLE events ADD COLUMN evidence TEXT NOT NULL DEFAULT '[]';
