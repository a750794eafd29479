"""How counts read in messages: "1 claim", "2 claims", "3 tries"."""
from __future__ import annotations


def plural(n: int, noun: str, nouns: str | None = None) -> str:
    """ "1 new item", "2 new items"; "3 tries" given the plural."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {nouns or noun + 's'}"
