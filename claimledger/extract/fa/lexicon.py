"""The Persian word lists, read once from claimledger/data (fa_lexicon.json,
fa_sources.json, fa_places.tsv, fa_aliases.tsv) and compiled into regexes."""
from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from .normalise import alternation, normalise, squash


def _data(name: str) -> str:
    return resources.files("claimledger.data").joinpath(name).read_text("utf-8")


@cache
def words() -> dict:
    return json.loads(_data("fa_lexicon.json"))


@cache
def attribution() -> dict:
    return json.loads(_data("fa_sources.json"))


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in _data(name).splitlines() if line.strip() and not line.startswith("#")]


@cache
def aliases() -> tuple[tuple[str, str], ...]:
    """(Persian alias, English canonical) pairs; the file's lines are canonical<TAB>alias."""
    return tuple((alias.strip(), canon.strip()) for canon, alias in _rows("fa_aliases.tsv"))


@cache
def alias_index() -> tuple[dict[str, str], re.Pattern]:
    """Squashed alias -> canonical name, and one regex that finds any alias in normalised text."""
    table = {squash(alias): canon for alias, canon in aliases()}
    return table, re.compile(alternation([a for a, _ in aliases()], whole=True))


@cache
def places() -> list[tuple[str, str, str, str | None, str]]:
    """(Persian, English, country, admin1 or None, kind) rows."""
    return [(normalise(fa), en, cc, admin1 or None, kind) for fa, en, cc, admin1, kind in _rows("fa_places.tsv")]
