-- issue 3, at 100k articles: band keys are read from copy_indexed.keys into memory
-- per run (copies/index.py); a row per key cost more to insert than all else together
DROP TABLE copy_keys;
