"""What the command modules share: the --db help and the store in force.

``cli.py`` imports the feature command modules (copies/cli.py, events/cli.py, export/cli.py,
cli_feeds_outlets.py, web/cli.py) and registers them; they import this module and the
library, never ``cli.py``, so nothing imports the CLI back.
"""
from __future__ import annotations

DB_HELP = "Database: a file path (SQLite, default claimledger.db; env CLAIMLEDGER_DB) or a postgresql:// URL."


def open_db(db: str | None, must_exist: bool = True):
    """The store in force (--db, else the settings); reading commands refuse to create an
    empty database."""
    from .settings import settings
    from .store import open_store
    return open_store(settings({"db": db})["db"], create=not must_exist)
