"""Event mentions: the happenings one article reports, each with the claims that describe it.

Claims of an article are grouped by country and time. A claim whose time phrase is
not in its own sentence (borrowed from its paragraph) joins the happening of the
claim before it. Within one time, claims of different kinds of happening (a protest,
an armed attack, a disappearance, an execution: ``evidence``) are different mentions,
and claims at two or more named places beside country-wide ones become a wave and its
local parts.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby
from typing import Callable, Iterable, Iterator

from ..extract.where import country_place
from ..model import Claim, Place, When
from .evidence import Kind, claim_kind, group_type, neighbour, settle, split_key, told_of
from .typology import PROTEST_CATEGORIES

_DAY = timedelta(days=1)
BORROW_CHARS = 600  # how far back a claim without a time of its own looks for one
PRECISE_DAYS = 7  # an interval this wide or narrower dates a single happening


@dataclass
class Mention:
    article: str
    country: str | None
    when: When
    where: Place
    claims: list[Claim] = field(default_factory=list)
    local: bool = False  # at a named place below the country
    parent: "Mention | None" = None  # the article's wave this local part belongs to
    type: str = "other"
    evidence: tuple[str, ...] = ()  # the words (or categories) that decided ``type``
    apart: str = ""  # a happening of its own within its family: "custody", "disappearance"


TextOf = Callable[[str], "str | None"]  # an article id -> its text (None: unknown)


def mentions(claims: Iterable[Claim], text_of: TextOf | None = None) -> Iterator[Mention]:
    """Every article's mentions, one article at a time; claims must come grouped by
    article (as the store gives them). ``text_of`` gives an article's text, so that the
    sentence before a claim's may tell what kind of happening it is."""
    for article, group in groupby(claims, key=lambda c: c.article):
        text = text_of(article) if text_of else None
        yield from article_mentions(sorted(group, key=lambda c: (c.start, c.end)), text)


def article_mentions(claims: list[Claim], text: str | None = None) -> list[Mention]:
    majority = Counter(c.where.country for c in claims if c.where and c.where.country)
    default_country = majority.most_common(1)[0][0] if majority else None
    slots: list[list[Claim]] = []
    slot_of_previous: dict[str | None, list[Claim]] = {}
    placed: list[tuple[Claim, list[Claim]]] = []
    for c in claims:
        country = _country(c, default_country)
        previous = slot_of_previous.get(country)
        slot = previous if previous and _borrows(c, previous[-1]) and not _another_day(c, _anchor(previous)) \
            else None
        if slot is None and (told_of_before := _refers_to(c)):  # "two of those deaths": the
            slot = next((s for b, s in reversed(placed)      # slot of the deaths told last
                         if b.category in told_of_before and _country(b, default_country) == country), None)
        if slot is None:
            slot = next((s for s in slots if _country(s[0], default_country) == country
                         and _same_time(_anchor(s), c.when) and not _another_day(c, _anchor(s))), None)
        if slot is None:
            slot = []
            slots.append(slot)
        slot.append(c)
        placed.append((c, slot))
        slot_of_previous[country] = slot
    near = {id(c): neighbour(text, c.sentence_start) for c in claims}
    kind_of = {id(c): claim_kind(c, near[id(c)]) for c in claims}
    result = []
    for slot in slots:
        country = _country(slot[0], default_country)
        national = country_place(country) if country else Place("place unknown")
        kinds = settle([kind_of[id(c)] for c in slot], [_local_name(c, national) for c in slot], slot)
        for key in dict.fromkeys(split_key(k) for k in kinds):
            same = [(c, k) for c, k in zip(slot, kinds) if split_key(k) == key]
            result.extend(_split_places(same, country, key, near, _slot_when(slot)))
    return result


def _split_places(told: list[tuple[Claim, Kind]], country: str | None, key: tuple[str, str],
                  near: dict[int, str], slot_when: When | None = None) -> list[Mention]:
    group, apart = key
    slot = [c for c, _ in told]
    kind_of = {id(c): k for c, k in told}

    def _mention(claims, where, local, parent=None) -> Mention:
        type_, words = group_type(group, claims, [told_of(c) for c in claims],
                                  [near[id(c)] for c in claims])
        said = tuple(dict.fromkeys(w for c in claims for w in kind_of[id(c)].words)) + words
        return Mention(claims[0].article, country, _part_when(claims, slot_when), where, list(claims),
                       local, parent, type_, tuple(dict.fromkeys(said)), apart)

    national = country_place(country) if country else Place("place unknown")
    whole = any(not _local_name(c, national) for c in slot)
    local_of = {id(c): None if whole and _subset(c) else _local_name(c, national) for c in slot}
    places = list(dict.fromkeys(n for n in local_of.values() if n))
    wide = [c for c in slot if not local_of[id(c)]]
    if not places or (len(places) == 1 and any(c.category == "protest_sites" for c in slot)):
        return [_mention(slot, national, local=False)]  # a count of cities: the wave
    local = [c for c in slot if local_of[id(c)]]
    if len(places) == 1 and not (wide and (_wider(wide, local) or all(map(_instance, local)))):
        return [_mention(slot, _place_of(slot, places[0], national), local=True)]
    if not wide:
        return [_mention([c for c in slot if local_of[id(c)] == p], _place_of(slot, p, national),
                         local=True) for p in places]
    wave = _mention(wide, national, local=False)
    parts = [_mention([c for c in slot if local_of[id(c)] == p], _place_of(slot, p, national),
                      local=True, parent=wave) for p in places]
    return [wave, *parts]


_SUBSET = re.compile(r"^\s+of\s+(?:those|these|them|the dead|the victims|the deaths|the detainees|"
                     r"the injured|the wounded|the arrested)\b", re.I)


_DEATHS = {"killed", "died"}
_FOR_THE_DEATHS = re.compile(r"\b(?:in (?:connection|conjunction) with|for|over)\s+(?:[\w-]+\s+){0,2}?(?:of\s+)?"
                             r"the\s+(?:deaths?|killings?|shootings?)\b", re.I)


def _refers_to(c: Claim) -> set[str]:
    """The categories of claims told before that this one takes from: some of those
    counted ("two of those deaths": deaths), or arrests and sentences for the deaths told
    ("three soldiers were arrested in connection with the deaths")."""
    if _subset(c):
        return _DEATHS if c.category in _DEATHS else {c.category}
    if c.category in ("arrested", "sentenced") and _FOR_THE_DEATHS.search(c.sentence):
        return _DEATHS
    return set()


def _subset(c: Claim) -> bool:
    """The claim counts some of those counted before ("Two of those deaths were in the
    city's prison"): of the same happening, wherever the extractor placed it."""
    at = c.end - c.sentence_start
    return 0 <= at <= len(c.sentence) and bool(_SUBSET.match(c.sentence[at:at + 40]))


_INSTANCE = re.compile(r"\b(?:in (?:one|another|a separate|a single) (?:incident|case|instance|attack)|"
                       r"for (?:example|instance)|in one of (?:the|these|them))\b", re.I)


def _instance(c: Claim) -> bool:
    """The claim is told as one instance of what the country-wide claims count ("In one
    incident in the city of X, police shot 100 protesters"): a part of the wave."""
    return bool(_INSTANCE.search(c.sentence))


def _wider(wide: list[Claim], local: list[Claim]) -> bool:
    """Country-wide claims over a longer time than the local ones around them ("72 killed
    since Friday" beside "3 killed in Baghdad on Monday"): a wave and its part, not one
    local happening."""
    outer, inner = _slot_when(wide) if wide else None, _slot_when(local)
    return bool(outer and width(outer) is not None and width(inner) is not None
                and width(outer) > width(inner) and contains(outer, inner)
                and not _same_count(wide, local))


def _same_count(a: list[Claim], b: list[Claim]) -> bool:
    """Both sides count something alike ("more than 80 killed" nationwide, "82 killed"
    in the town): figures of one category whose intervals meet and whose values lie
    within half of each other, so they tell one happening."""
    def bounds(c: Claim) -> tuple[int | None, int | None] | None:
        if c.low is None and c.high is None:  # a vague or exact figure without its interval
            return None if c.value is None else (c.value, c.value)
        return c.low, c.high  # None: open ("more than 80" has no upper end)

    def meet(x: Claim, y: Claim) -> bool:
        bx, by = bounds(x), bounds(y)
        if bx is None or by is None:
            return False
        vx, vy = x.value or bx[0] or bx[1], y.value or by[0] or by[1]
        near = bool(vx and vy) and max(vx, vy) <= 1.5 * min(vx, vy)  # "at least 72", "at least 3" meet
        return near and (bx[0] is None or by[1] is None or bx[0] <= by[1]) and (
            by[0] is None or bx[1] is None or by[0] <= bx[1])
    return any(x.category == y.category and meet(x, y) for x in a for y in b)


def _place_of(claims: list[Claim], name: str | None, national: Place) -> Place:
    if name is None:
        return national
    return next(c.where for c in claims if c.where and c.where.name == name)


def _local_name(c: Claim, national: Place) -> str | None:
    """The claim's place when it is below the country; counts of cities are country-wide."""
    if c.category in PROTEST_CATEGORIES - {"participants"} or not c.where:
        return None
    if c.where.name in (national.name, national.country) or c.where.country != national.country:
        return None
    return c.where.name


def _country(c: Claim, default: str | None) -> str | None:
    return (c.where.country if c.where and c.where.country else None) or default


def _borrows(c: Claim, before: Claim) -> bool:
    """A claim without its own time phrase belongs to the happening just told about
    (within a paragraph's reach), unless it counts deaths of another cause."""
    return (not _strong_time(c) and c.category != "died" and before.category != "died"
            and c.sentence_start - before.end <= BORROW_CHARS)


_ANOTHER_DAY = re.compile(r"\b(?:(?:a|one|the)\s+day\s+(?:earlier|before|later|after)|the\s+(?:previous|"
                          r"preceding|next|following)\s+day|(?:the\s+)?day\s+before)\b", re.I)


def _another_day(c: Claim, anchor: When | None) -> bool:
    """The claim is dated, by words that set it apart ("a day earlier", "the next day"),
    to another day than the happening told before it."""
    w = c.when
    return bool(w and anchor and w.text and _ANOTHER_DAY.search(w.text) and precise(w) and precise(anchor)
                and not overlaps(w, anchor))


def _strong_time(c: Claim) -> bool:
    """The claim's time phrase stands in its own sentence."""
    w = c.when
    return bool(w and (w.start or w.end) and w.text and w.text.lower() in c.sentence.lower())


def _anchor(slot: list[Claim]) -> When | None:
    return next((c.when for c in slot if _strong_time(c)), slot[0].when)


def _same_time(a: When | None, b: When | None) -> bool:
    if a is None or b is None:
        return a is b
    if (a.start, a.end) == (b.start, b.end):
        return True
    # one story's "Friday" and "Saturday" are one happening; a day's slack
    return precise(a) and precise(b) and overlaps(When(a.start - _DAY, a.end + _DAY), b)


def _slot_when(slot: list[Claim]) -> When:
    dated = [c.when for c in slot if _strong_time(c)] or [c.when for c in slot if c.when]
    if not dated:
        return When(None, None, "")
    exact = [w for w in dated if precise(w)]
    if exact:
        return When(min(w.start for w in exact), max(w.end for w in exact), exact[0].text)
    return dated[0]


def _part_when(claims: list[Claim], slot_when: When | None) -> When:
    """The claims' own dates; claims without a precise date of their own, told within a
    day's story ("at least two have been killed in Mandalay" among Wednesday's news),
    take the day of the story they are told in."""
    own = _slot_when(claims)
    if (slot_when is not None and not precise(own) and precise(slot_when)
            and not any(_strong_time(c) for c in claims) and overlaps(own, slot_when)):
        return slot_when
    return own


def width(w: When) -> int | None:
    return (w.end - w.start).days if w.start and w.end else None


def precise(w: When | None) -> bool:
    n = width(w) if w else None
    return n is not None and n <= PRECISE_DAYS


def overlaps(a: When, b: When) -> bool:
    lo_a, hi_a = a.start or date.min, a.end or date.max
    lo_b, hi_b = b.start or date.min, b.end or date.max
    return lo_a <= hi_b and lo_b <= hi_a


def contains(outer: When, inner: When) -> bool:
    return bool(outer.start and outer.end and inner.start and inner.end
                and outer.start <= inner.start and inner.end <= outer.end)
