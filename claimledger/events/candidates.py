"""Which pairs of mentions could be one happening, found without comparing every pair.

``resolve.same_happening`` decides; this module only proposes, and proposes every
pair the decision could accept (a superset), so events come out as if all pairs
were compared. A pair can be one happening only inside one *block* (same country,
same level, same local place, types of one family), and then only if

- both come from one article, or
- both are dated to at most a season (``SEASON_DAYS``) and their dates overlap
  (the week and season rules), or
- they share a figure and their dates lie within a week of each other, or one of
  them is not fully dated (the figure rule: "dates do not exclude each other"), or
- both are country-wide tallies "so far" whose days lie within a week of each other.

Blocks and sweeps over sorted dates keep the work near the number of real
candidates: a corpus of a million articles spread over years compares mentions of
the same weeks, not every mention of a country with every other.
"""
from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Iterator
from datetime import date, timedelta

from .mentions import PRECISE_DAYS, Mention, width
from .typology import family

SEASON_DAYS = 92  # a country-wide interval this long still names one wave
ANCHOR_MIN = 10  # smaller figures (two killed) recur by chance
_SLACK = timedelta(days=PRECISE_DAYS)
SEASON = timedelta(days=SEASON_DAYS)


def candidate_pairs(found: list[Mention]) -> Iterator[tuple[int, int]]:
    """Index pairs (i, j) of ``found`` that may be one happening; a pair may repeat."""
    for members in blocks(found).values():
        if len(members) < 2:
            continue
        yield from _same_article(found, members)
        yield from _overlapping(found, members)
        yield from _same_figure(found, members)
        yield from _tallies(found, members)


def blocks(found: list[Mention]) -> dict[tuple, list[int]]:
    """Mention indices by what every pair of one happening shares; undated countries
    (``country`` None) are never clustered."""
    out: dict[tuple, list[int]] = defaultdict(list)
    for i, m in enumerate(found):
        if m.country is not None:
            out[(m.country, m.local, m.where.name if m.local else None, _group(m.type))].append(i)
    return out


def figures(m: Mention) -> set[tuple[str, float]]:
    """The figures that can tie two mentions: (category, value), 10 or more, not vague."""
    return {(c.category, c.value) for c in m.claims
            if c.value is not None and c.value >= ANCHOR_MIN and c.qualifier != "vague"}


def within_season(w) -> bool:
    """Dated at both ends, and no wider than a season."""
    n = width(w)
    return n is not None and n <= SEASON_DAYS


def _group(type_: str) -> str:
    """Types that ``typology.compatible`` lets meet: those of one family."""
    return family(type_)


def _same_article(found, members) -> Iterator[tuple[int, int]]:
    by_article: dict[str, list[int]] = defaultdict(list)
    for i in members:
        by_article[found[i].article].append(i)
    for group in by_article.values():
        yield from _all_pairs(group)


def _overlapping(found, members) -> Iterator[tuple[int, int]]:
    """Pairs of mentions dated to a season or less whose dates overlap."""
    dated = sorted((i for i in members if within_season(found[i].when)), key=lambda i: found[i].when.start)
    active: deque[int] = deque()  # by start; none is wider than a season
    for i in dated:
        start = found[i].when.start
        while active and found[active[0]].when.start < start - SEASON:
            active.popleft()
        for j in active:
            if found[j].when.end >= start:
                yield j, i
        active.append(i)


def _same_figure(found, members) -> Iterator[tuple[int, int]]:
    """Pairs sharing a figure whose dates may lie within a week of each other."""
    by_figure: dict[tuple, list[int]] = defaultdict(list)
    for i in members:
        for f in figures(found[i]):
            by_figure[f].append(i)
    for group in by_figure.values():
        if len(group) < 2:
            continue
        full = [i for i in group if found[i].when.start and found[i].when.end]
        partial = [i for i in group if not (found[i].when.start and found[i].when.end)]
        yield from _all_pairs(partial)
        yield from ((i, j) for i in partial for j in full)
        yield from _within_a_week(found, full)


def _within_a_week(found, full: list[int]) -> Iterator[tuple[int, int]]:
    """Fully dated mentions whose gap is a week or less (overlapping ones included)."""
    active: list[tuple[date, int]] = []  # (end, index) of those that began before
    for i in sorted(full, key=lambda i: found[i].when.start):
        start = found[i].when.start
        active = [(end, j) for end, j in active if end + _SLACK >= start]
        yield from ((j, i) for _, j in active)
        active.append((found[i].when.end, i))


_SO_FAR = re.compile(r"\b(?:have|has)\s+(?:now\s+|so\s+far\s+|reportedly\s+|also\s+)?(?:been\s+)?"
                     r"(?:\w+ed|died|hurt|held|shot|seen)\b|\bso\s+far\b|\bto\s+date\b", re.I)


def tally_end(m: Mention) -> date | None:
    """The latest day a country-wide tally "so far" of the mention runs to: a claim dated
    up to a day, with no start, told as a count so far ("at least 21 people have died in
    the unrest"), not a claim whose article tells no time at all."""
    if m.local:
        return None
    ends = [c.when.end for c in m.claims
            if c.when and c.when.start is None and c.when.end and _SO_FAR.search(c.sentence)]
    return max(ends, default=None)


def _tallies(found, members) -> Iterator[tuple[int, int]]:
    """Pairs of country-wide tallies "so far" whose days lie within a week of each other."""
    yield from _within_a_week_of(sorted((end, i) for i in members if (end := tally_end(found[i]))))


def _within_a_week_of(dated: list[tuple[date, int]]) -> Iterator[tuple[int, int]]:
    active: deque[tuple[date, int]] = deque()
    for day, i in dated:
        while active and active[0][0] + _SLACK < day:
            active.popleft()
        yield from ((j, i) for _, j in active)
        active.append((day, i))


def _all_pairs(group: list[int]) -> Iterator[tuple[int, int]]:
    for a in range(len(group)):
        for b in range(a + 1, len(group)):
            yield group[a], group[b]
