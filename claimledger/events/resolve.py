"""Mentions of one happening across articles become one event; a local incident
inside a country-wide wave becomes its part (``parent``), neither merged nor repeated.

Two mentions are the same happening when they are in the same country, their types
fit, their places nest at the same level, and one of these holds:
- both are dated to within a week and the dates overlap;
- both are country-wide and one's dates lie inside the other's season (<= 3 months);
- they give the same figure (category and number of 10 or more) and their dates
  do not exclude each other;
- both are country-wide tallies "so far" (claims dated up to a day, with no start)
  whose days lie within a week of each other.
"""
from __future__ import annotations

import bisect
import hashlib
from datetime import date
from collections import defaultdict
from typing import Iterable

from ..model import Claim, Event, Place, When
from .candidates import SEASON, SEASON_DAYS, candidate_pairs, figures, tally_end, within_season
from .mentions import PRECISE_DAYS, Mention, TextOf, contains, mentions, overlaps, precise, width
from .evidence import found
from .typology import PROTEST_CATEGORIES, actors, compatible, family, gravest, table


def build_events(claims: Iterable[Claim], text_of: TextOf | None = None) -> list[Event]:
    """Claims (grouped by article, as the store gives them) -> events, parents first.
    ``text_of`` (an article id -> its text) lets the sentence before a claim's tell
    what kind of happening it is."""
    return resolve(list(mentions(claims, text_of)))


def resolve(found: list[Mention]) -> list[Event]:
    """Mentions -> events, parents first (``event_order``). Mentions of different countries
    never meet, so the mentions of one country at a time give the same events."""
    clusters = _cluster(found)
    events = {id(cluster): _event(cluster) for cluster in clusters}
    cluster_of = {id(m): cluster for cluster in clusters for m in cluster}
    waves = _waves(clusters, events)
    parents = {}
    for cluster in clusters:
        parent = _parent(cluster, waves, cluster_of, events)
        parents[id(cluster)] = parent.id if parent else None
    out = [Event(e.id, e.type, e.when, e.where, parents[key], e.actors, e.claims, e.evidence)
           for key, e in events.items()]
    return sorted(out, key=event_order)


def event_order(e: Event) -> tuple:
    """Parents before parts, then by date (undated last), then by id: the stores list
    events in this order too."""
    return e.parent is not None, e.when.start or e.when.end or _FAR, e.id


def claim_key(c: Claim) -> str:
    """A claim's identity that survives re-extraction: article, offsets, category."""
    return f"{c.article}:{c.start}-{c.end}:{c.category}"


def _cluster(found: list[Mention]) -> list[list[Mention]]:
    boss = list(range(len(found)))

    def root(i: int) -> int:
        while boss[i] != i:
            boss[i] = boss[boss[i]]
            i = boss[i]
        return i

    for i, j in candidate_pairs(found):  # every pair same_happening could accept
        if root(i) != root(j) and same_happening(found[i], found[j]):
            boss[root(i)] = root(j)
    groups: dict[int, list[Mention]] = defaultdict(list)
    for i, m in enumerate(found):
        groups[root(i)].append(m)
    return list(groups.values())


def same_happening(a: Mention, b: Mention) -> bool:
    if a.country != b.country or not compatible(a.type, b.type) or a.apart != b.apart:
        return False
    if a.local != b.local or (a.local and a.where.name != b.where.name):
        return False
    if a.article == b.article:  # the article's own slots already separate its happenings
        return ((_shared_figure(a, b) and not _exclusive(a.when, b.when)) or _nested_year(a.when, b.when)
                or _one_sit_in(a, b))
    if precise(a.when) and precise(b.when) and overlaps(a.when, b.when):
        return True
    if not a.local and _season(a.when, b.when) and not _counted_apart(a, b):
        return True
    if _one_tally(a, b):
        return True
    return _shared_figure(a, b) and not _exclusive(a.when, b.when)


def _one_tally(a: Mention, b: Mention) -> bool:
    """Country-wide tallies "so far" of two articles a week or less apart ("at least 21
    have died in the unrest", "3,700 have been arrested in the protests" a week on) count
    one wave as it grows."""
    ends = tally_end(a), tally_end(b)
    return None not in ends and abs((ends[0] - ends[1]).days) <= PRECISE_DAYS


def _one_sit_in(a: Mention, b: Mention) -> bool:
    """One article's days of a sit-in at one place ("thousands have camped at the gates
    since Thursday", "thousands are still camped out" a week on) are one protest that
    lasts, within a season; a march told beside it on one of its days is not, nor the
    day it was broken up with deaths or injuries."""
    if family(a.type) != "protest" or not (a.when.start and b.when.start):
        return False
    if any(c.category in ("killed", "died", "injured") for m in (a, b) for c in m.claims):
        return False
    apart = abs((a.when.start - b.when.start).days)
    return apart <= SEASON_DAYS and all(
        found(" ".join(c.sentence for c in m.claims), table()["evidence"]["sit_in"]) for m in (a, b))


def _counted_apart(a: Mention, b: Mention) -> bool:
    """Both count the same thing (killed, arrested...) with no figure in common: a day's
    toll beside a season's ("9 killed on Wednesday", "40 killed since the coup") is a
    part and its whole, not one happening told twice."""
    counted = lambda m: {c.category for c in m.claims if c.category not in PROTEST_CATEGORIES}
    return bool(counted(a) & counted(b)) and not _shared_figure(a, b)


def _season(a: When, b: When) -> bool:
    outer, inner = (a, b) if (width(a) or 0) >= (width(b) or 0) else (b, a)
    return precise(inner) and (width(outer) or SEASON_DAYS + 1) <= SEASON_DAYS and contains(outer, inner)


def _exclusive(a: When, b: When) -> bool:
    """Dates too far apart for one happening (a week's slack: reports date late)."""
    if overlaps(a, b):
        return False
    if not (a.start and a.end and b.start and b.end):
        return True
    gap = max(a.start, b.start) - min(a.end, b.end)
    return gap.days > PRECISE_DAYS


def _nested_year(a: When, b: When) -> bool:
    """In one article, "in 2010" and "in May 2010" tell of the same happening, and so do
    "protests that began in 2019" (no end told) and "591 killed from October 2019"."""
    for outer, inner in ((a, b), (b, a)):
        if (outer.start and not outer.end and inner.start and inner.end and not precise(inner)
                and 0 <= (inner.start - outer.start).days <= 366):
            return True
    outer, inner = (a, b) if (width(a) or 0) >= (width(b) or 0) else (b, a)
    # a single day is 0 wide and precise: not "unknown" (which `or` would make it)
    return _known(width(outer)) <= 366 and _known(width(inner)) > PRECISE_DAYS and contains(outer, inner)


def _known(days: int | None) -> int:
    return 10**6 if days is None else days


def _shared_figure(a: Mention, b: Mention) -> bool:
    return bool(figures(a) & figures(b))


def _event(cluster: list[Mention]) -> Event:
    claims = tuple(sorted({claim_key(c): c for m in cluster for c in m.claims}.values(),
                          key=lambda c: (c.article, c.start, c.end)))
    type_ = gravest([m.type for m in cluster])  # mentions of one family: the gravest sub-type
    evidence = tuple(dict.fromkeys(w for m in cluster if m.type == type_ for w in m.evidence))
    evidence += tuple(dict.fromkeys(w for m in cluster for w in m.evidence if w not in evidence))
    first = min(claims, key=lambda c: (c.article, c.start))
    id_ = "ev-" + hashlib.sha1(claim_key(first).encode("utf-8")).hexdigest()[:10]
    return Event(id_, type_, _when(cluster), _where(cluster), None, actors(claims), claims, evidence)


def _when(cluster: list[Mention]) -> When:
    exact = sorted((m.when for m in cluster if precise(m.when)), key=lambda w: w.start)
    if exact:
        runs = [[exact[0]]]
        for w in exact[1:]:
            if w.start <= max(x.end for x in runs[-1]):
                runs[-1].append(w)
            else:
                runs.append([w])
        run = max(runs, key=len)  # the dates most mentions agree on; stray ones are misdated
        return When(run[0].start, max(w.end for w in run), run[0].text)
    known = [m.when for m in cluster if m.when.start or m.when.end]
    return min(known, key=lambda w: width(w) if width(w) is not None else 10**6) if known \
        else When(None, None, "")


def _where(cluster: list[Mention]) -> Place:
    national = [m.where for m in cluster if not m.local]
    return national[0] if national else cluster[0].where


def _waves(clusters, events) -> dict[tuple, tuple[list[date], list[tuple[int, Event]]]]:
    """Country-wide events no wider than a season, by (country, family), sorted by start
    (with their place in ``clusters``): where a local event looks for the wave around it."""
    found: dict[tuple, list[tuple[date, int, Event]]] = defaultdict(list)
    for k, c in enumerate(clusters):
        e = events[id(c)]
        if not c[0].local and within_season(e.when):
            found[(c[0].country, family(e.type))].append((e.when.start, k, e))
    out = {}
    for key, waves in found.items():
        waves.sort(key=lambda w: (w[0], w[1]))
        out[key] = ([start for start, _, _ in waves], [(k, e) for _, k, e in waves])
    return out


def _parent(cluster, waves, cluster_of, events) -> Event | None:
    """The article's own wave, else the narrowest country-wide event around this local one."""
    for m in cluster:
        if m.parent is not None and cluster_of[id(m.parent)] is not cluster:
            return events[id(cluster_of[id(m.parent)])]
    me = events[id(cluster)]
    if not cluster[0].local or not precise(me.when):
        return None
    # a wave around a precise date starts at most a season before it, and not after it
    starts, near = waves.get((cluster[0].country, family(me.type)), ([], []))
    lo = bisect.bisect_left(starts, me.when.start - SEASON)
    hi = bisect.bisect_right(starts, me.when.end)
    around = [e for _, e in sorted(near[lo:hi], key=lambda w: w[0]) if _inside(me.when, e.when)]
    return min(around, key=lambda e: width(e.when) or 0, default=None)


def _inside(inner: When, outer: When) -> bool:
    return within_season(outer) and overlaps(inner, outer) and precise(inner)


_FAR = date.max
