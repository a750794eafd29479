"""Source names: clean a mention and map it to its canonical name through the alias table.

The shipped table is ``claimledger/data/aliases.tsv``; users extend it with their own
pairs (from the database or a TSV file) without touching code.

In code a pair is always ``(alias, canonical)``, as the store keeps it
(``Store.add_aliases``, ``Store.aliases()``). Only what users write puts the canonical
name first: ``claimledger aliases add CANONICAL ALIAS...`` and the lines of an alias file
(``canonical<TAB>alias``, as the shipped ``aliases.tsv``); ``_parse_tsv`` turns them round.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Iterable

_LEADING = re.compile(r"^(?:the|a|an|iranian opposition|iran s|iran's)\s+", re.I)
_PAREN = re.compile(r"\s*\(([^()]*)\)\s*")


def key(name: str) -> str:
    """A comparison key: case, quotes, punctuation and spacing do not matter."""
    s = name.casefold().replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"[^\w@'/ ]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def read_alias_file(path: str | Path) -> list[tuple[str, str]]:
    """(alias, canonical) pairs from a TSV file of ``canonical<TAB>alias`` lines; '#'
    starts a comment."""
    return _parse_tsv(Path(path).read_text("utf-8"))


def _parse_tsv(text: str) -> list[tuple[str, str]]:
    pairs = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].rstrip() if line.lstrip().startswith("#") else line.rstrip()
        if "\t" in line:
            canon, alias = (p.strip() for p in line.split("\t", 1))
            if canon and alias:
                pairs.append((alias, canon))
    return pairs


@cache
def shipped_aliases() -> tuple[tuple[str, str], ...]:
    """The shipped (alias, canonical) pairs: aliases.tsv, then the Persian names of
    fa_aliases.tsv."""
    data = resources.files("claimledger.data")
    return tuple(pair for name in ("aliases.tsv", "fa_aliases.tsv")
                 for pair in _parse_tsv(data.joinpath(name).read_text("utf-8")))


@dataclass
class Names:
    """Canonical names through an alias table (shipped pairs plus the user's)."""
    table: dict[str, str] = field(default_factory=dict)

    @classmethod
    def with_aliases(cls, extra: Iterable[tuple[str, str]] = ()) -> "Names":
        """The shipped table plus ``extra`` (alias, canonical) pairs, e.g.
        ``store.aliases().items()``; a later pair wins."""
        names = cls()
        for alias, canon in (*shipped_aliases(), *extra):
            names.table[key(alias)] = canon
            names.table.setdefault(key(canon), canon)
        return names

    def canonical(self, mention: str) -> str:
        """The canonical name of a mention: "the People's Mojahedin ... (PMOI / MEK Iran)" -> PMOI's name."""
        base = clean(mention)
        for candidate in (base, *_PAREN.findall(mention), _PAREN.sub(" ", mention)):
            c = _LEADING.sub("", candidate.strip())
            if key(c) in self.table:
                return self.table[key(c)]
        return base


def clean(mention: str) -> str:
    """The mention without articles, parentheses or stray punctuation."""
    s = _PAREN.sub(" ", mention).strip(" ,;:.-—–\"“”'")
    s = _LEADING.sub("", s)
    s = re.sub(r"\s+", " ", s)
    return s or mention.strip()
