"""The error tree. Every message says what to do next.

    ClaimledgerError
    ├── InputError      a file or record we cannot read (names file and line)
    ├── StoreError      the database cannot be opened, migrated or written
    └── SettingsError   a bad setting, flag or config file value
"""
from __future__ import annotations


class ClaimledgerError(Exception):
    """Base of every error the CLI turns into a one-line message."""


class InputError(ClaimledgerError):
    def __init__(self, origin: str, reason: str, line: int | None = None):
        self.origin, self.reason, self.line = origin, reason, line
        where = f"{origin}:{line}" if line else origin
        super().__init__(f"{where}: {reason}")


class StoreError(ClaimledgerError):
    pass


class SettingsError(ClaimledgerError):
    pass
