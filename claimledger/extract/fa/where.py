"""Places in Persian text: countries, Iran's provinces (after «استان») and main cities,
mapped to the same English names, ISO country and admin1 as the English extractor."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from claimledger.model import Place

from . import lexicon
from .normalise import START, alternation


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    place: Place


@cache
def _index():
    rows = lexicon.places()
    provinces = {fa: (en, cc) for fa, en, cc, _, kind in rows if kind == "province"}
    bare = {}
    for fa, en, cc, admin1, kind in rows:
        if kind != "province":
            bare.setdefault(fa, Place(en, cc, admin1 if kind == "region" else None))
    names = alternation(provinces, whole=True).replace(START, "", 1)
    return (re.compile(rf"استان\s?({names})"),
            {k.replace(" ", ""): v for k, v in provinces.items()},
            re.compile(alternation(bare, whole=True)), {k.replace(" ", ""): v for k, v in bare.items()})


def find_places(text: str, masked=()) -> list[PlaceMention]:
    """Place mentions of normalised ``text``, none inside ``masked`` spans (outlets'
    names such as «صدای آمریکا»)."""
    province_re, provinces, bare_re, bare = _index()
    found: list[PlaceMention] = []
    taken = list(masked)
    for m in province_re.finditer(text):
        en, cc = provinces[re.sub(r"\s", "", m.group(1))]
        found.append(PlaceMention(m.start(), m.end(), Place(f"{en} province", cc, en)))
        taken.append((m.start(), m.end()))
    for m in bare_re.finditer(text):
        if not any(m.start() < b and a < m.end() for a, b in taken):
            found.append(PlaceMention(m.start(), m.end(), bare[re.sub(r"\s", "", m.group())]))
    return sorted(found, key=lambda p: p.start)


def main_place(found: list[PlaceMention]) -> Place | None:
    """The country the article names most (its first on a tie), else the country of its places."""
    countries = Counter(p.place.country for p in found if p.place.country)
    if not countries:
        return None
    best = max(countries.values())
    cc = next(p.place.country for p in found if countries[p.place.country] == best)
    named = next((p.place for p in found if p.place.country == cc and _is_country(p.place)), None)
    return named or Place(_country_name(cc), cc, None)


def _is_country(place: Place) -> bool:
    return _country_name(place.country) == place.name


@cache
def _countries() -> dict[str, str]:
    return {cc: en for _, en, cc, _, kind in lexicon.places() if kind == "country"}


def _country_name(cc: str | None) -> str:
    return _countries().get(cc or "", cc or "")
