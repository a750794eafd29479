"""Which kind of event a group of claims describes, and who took part.

The typology is ACLED's (protests: peaceful, with intervention, excessive force;
riots; violence against civilians; armed clashes; arrests) plus strikes, internet
shutdowns and ``other``. Types, their ACLED names and the words that decide them are
data (``claimledger/data/event_types.json``); ``evidence`` reads the words of the
claims' sentences, this module holds the table and what follows from a type.
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


def _has(text: str, words: Iterable[str], runs: frozenset[str] | None = None) -> bool:
    """Whether one of ``words`` stands in ``text`` as a whole word, in any case.

    ``runs``: the text's ``word_runs``, when the caller has them: a list none of whose
    first words is among them cannot match, and its pattern is not searched."""
    words = tuple(words)
    if not words:
        return False
    heads = _heads(words) if runs is not None else None
    if heads is not None and runs.isdisjoint(heads):
        return False
    return bool(_pattern(words).search(text))


_RUN = re.compile(r"\w+")


def word_runs(text: str) -> frozenset[str] | None:
    """The lower-cased runs of word characters of an ASCII text (None for another).

    A match of ``\\b(?:entry)\\b``, for an entry that begins with a word character (as
    every entry of the lists does), begins with a whole run of the text equal to the
    entry's first run. That holds for str.lower() as for the pattern's case-insensitivity
    only where both are ASCII (beyond it, re.I also folds the Kelvin sign to k, the
    long s to s...), so another text is searched as it is."""
    return frozenset(_RUN.findall(text.lower())) if text.isascii() else None


@cache
def _heads(words: tuple[str, ...]) -> frozenset[str] | None:
    """The first run of word characters of each entry, lower-cased; None when an entry
    does not begin with one, or is not ASCII (then the list is always searched)."""
    firsts = [_RUN.match(w.lower()) if w.isascii() else None for w in words]
    if any(m is None or m.start() != 0 for m in firsts):
        return None
    return frozenset(m.group(0) for m in firsts)


def event_type(claims: Iterable[Claim]) -> str:
    """The type of claims told together, from their words alone (no neighbours): the
    gravest type among the kinds of happening they tell of (``evidence``)."""
    from .evidence import claim_kind, group_type, settle, told_of
    claims = list(claims)
    kinds = settle([claim_kind(c) for c in claims])
    types = [group_type(g, [c for c, k in zip(claims, kinds) if k.group == g],
                        [told_of(c) for c, k in zip(claims, kinds) if k.group == g])[0]
             for g in dict.fromkeys(k.group for k in kinds)]
    return gravest(types) if types else "other"


def acled(type_: str, evidence: Iterable[str] = ()) -> tuple[str, str]:
    """ACLED's (event_type, sub_event_type) for one of our types; the words that decided
    it may choose another sub-type of the same ACLED type (a disappearance is ACLED's
    "Abduction/forced disappearance", a brawl "Mob violence")."""
    spec = table()["types"].get(type_) or table()["types"]["other"]
    said = {w.lower() for w in evidence}
    for sub, words in spec.get("acled_by_words", {}).items():
        if said & {w.lower() for w in words}:
            return spec["acled"][0], sub
    return spec["acled"][0], spec["acled"][1]


def family(type_: str) -> str:
    return (table()["types"].get(type_) or {}).get("family", "other")


def compatible(a: str, b: str) -> bool:
    """Whether two mentions' types can describe one happening: the same kind of
    happening (a protest of any sub-type, violence against civilians, an armed clash,
    arrests, ...), never only the same country and dates."""
    return family(a) == family(b)


def gravest(types: Iterable[str]) -> str:
    order = table()["severity"]
    return min(types, key=lambda t: order.index(t) if t in order else len(order))


def actors(claims: Iterable[Claim]) -> tuple[str, ...]:
    """Security forces, protesters and named groups the claims' sentences speak of."""
    text = " ".join(dict.fromkeys(c.sentence for c in claims))
    runs = word_runs(text)
    found = [name for name, words in table()["actors"].items() if _has(text, words, runs)]
    folded = text.casefold()  # a cheap substring test first: most groups are not there
    found += [g for g in table()["groups"]
              if (g in text if g.isupper() else g.casefold() in folded) and _group(g).search(text)]
    return tuple(found)


@cache
def _group(name: str) -> re.Pattern:
    """A group's name as a word; an acronym ("MEK") in capitals only."""
    return re.compile(rf"\b{re.escape(name)}\b", 0 if name.isupper() else re.I)
