"""Near-duplicate articles: a whole article republished with small changes.

Two articles are near-duplicates when the passages they share cover at least
``min_share`` of each text; clusters are the connected groups of such pairs,
each led by its first-seen member (publication date, then ingest order).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from ..store.base import Store

MIN_SHARE = 0.8


@dataclass(frozen=True)
class Cluster:
    first: str                 # the first-seen member
    members: tuple[str, ...]   # every member, first-seen first


def clusters(store: Store, min_share: float = MIN_SHARE) -> list[Cluster]:
    """Clusters of near-duplicate articles, largest first."""
    spans: dict[tuple[str, str], dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    for c in store.copies():
        pair = (c.first.article, c.copy.article)
        spans[pair][c.first.article].append((c.first.start, c.first.end))
        spans[pair][c.copy.article].append((c.copy.start, c.copy.end))
    sizes: dict[str, tuple[int, date]] = {}
    parent: dict[str, str] = {}
    for pair, sides in spans.items():
        if all(_share(store, sizes, a, sides[a]) >= min_share for a in pair):
            _union(parent, *pair)
    groups: dict[str, list[str]] = defaultdict(list)
    for a in parent:
        groups[_root(parent, a)].append(a)
    order = store.ingest_order(parent)
    found = []
    for members in groups.values():
        members.sort(key=lambda a: (sizes[a][1], order.get(a, 0)))
        found.append(Cluster(members[0], tuple(members)))
    found.sort(key=lambda c: (-len(c.members), c.first))
    return found


def _share(store: Store, sizes: dict, article: str, spans: list[tuple[int, int]]) -> float:
    """Share of the article's (non-blank) characters the spans cover."""
    if article not in sizes:
        a = store.article(article)
        sizes[article] = (len(a.text.strip()) if a else 0, (a and a.published) or date.max)
    covered, last = 0, 0
    for s, e in sorted(spans):
        s = max(s, last)
        if e > s:
            covered, last = covered + e - s, e
    return covered / sizes[article][0] if sizes[article][0] else 0.0


def _root(parent: dict[str, str], a: str) -> str:
    while parent[a] != a:
        parent[a] = parent[parent[a]]
        a = parent[a]
    return a


def _union(parent: dict[str, str], a: str, b: str) -> None:
    parent.setdefault(a, a)
    parent.setdefault(b, b)
    parent[_root(parent, a)] = _root(parent, b)
