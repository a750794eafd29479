"""Which kind of event a group of claims describes, and who took part.

The typology is ACLED's (protests: peaceful, with intervention, excessive force;
riots; violence against civilians; arrests) plus strikes and internet shutdowns.
Types, their ACLED names and the words that decide them are data:
``claimledger/data/event_types.json``.
"""
from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files
from typing import Iterable

from ..model import Claim

PROTEST_CATEGORIES = {"participants", "protest_sites"}


@cache
def table() -> dict:
    return json.loads(files("claimledger.data").joinpath("event_types.json").read_text("utf-8"))


@cache
def _pattern(words: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternatives})\b", re.I)


def _has(text: str, words: Iterable[str]) -> bool:
    words = tuple(words)
    return bool(words) and bool(_pattern(words).search(text))


def event_type(claims: Iterable[Claim]) -> str:
    """The first type of the table whose conditions the claims and their sentences meet."""
    claims = list(claims)
    text = " ".join(dict.fromkeys(c.sentence for c in claims))
    categories = {c.category for c in claims}
    protest = bool(categories & PROTEST_CATEGORIES) or _has(text, table()["protest_words"])
    for name, spec in table()["types"].items():
        if spec.get("needs_protest") and not protest:
            continue
        if name == "protest_peaceful" or name == "other":
            return name
        by_category = bool(categories & set(spec.get("categories", ())))
        if by_category or _has(text, spec.get("words", ())):
            return name
    return "other"


def acled(type_: str) -> tuple[str, str]:
    """ACLED's (event_type, sub_event_type) for one of our types."""
    spec = table()["types"].get(type_) or table()["types"]["other"]
    return spec["acled"][0], spec["acled"][1]


def family(type_: str) -> str:
    return (table()["types"].get(type_) or {}).get("family", "other")


def compatible(a: str, b: str) -> bool:
    """Whether two mentions' types can describe one happening: a crackdown reported
    without protest words still fits the protest it broke up; shutdowns and other
    happenings fit only their own kind."""
    fa, fb = family(a), family(b)
    return fa == fb or {fa, fb} == {"protest", "violence"}


def gravest(types: Iterable[str]) -> str:
    order = table()["severity"]
    return min(types, key=lambda t: order.index(t) if t in order else len(order))


def actors(claims: Iterable[Claim]) -> tuple[str, ...]:
    """Security forces, protesters and named groups the claims' sentences speak of."""
    text = " ".join(dict.fromkeys(c.sentence for c in claims))
    found = [name for name, words in table()["actors"].items() if _has(text, words)]
    folded = text.casefold()  # a cheap substring test first: most groups are not there
    found += [g for g in table()["groups"]
              if (g in text if g.isupper() else g.casefold() in folded) and _group(g).search(text)]
    return tuple(found)


@cache
def _group(name: str) -> re.Pattern:
    """A group's name as a word; an acronym ("MEK") in capitals only."""
    return re.compile(rf"\b{re.escape(name)}\b", 0 if name.isupper() else re.I)
