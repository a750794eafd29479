"""Independent voices: a figure repeated by ten outlets copying one release is one voice.

Each claim whose number stands inside a copied passage takes the article that
passage was first seen in as its origin; claims of one figure (category, interval,
unit and country) are then counted by their distinct first publishers (the origin
article's outlet, or the article itself when its outlet is unknown).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from ..model import Claim, Copy, Passage
from ..store.base import Store


@dataclass(frozen=True)
class ClaimOrigin:
    claim: Claim
    copied_from: Passage | None  # where the claim's passage was first seen, None if not copied

    @property
    def origin(self) -> str:
        return self.copied_from.article if self.copied_from else self.claim.article


@dataclass(frozen=True)
class Voice:
    category: str
    low: int | None
    high: int | None
    unit: str
    country: str | None
    claims: int                    # how many claims give this figure
    publishers: tuple[str, ...]    # its distinct first publishers

    @property
    def voices(self) -> int:
        return len(self.publishers)


def claim_origins(store: Store, article: str | None = None) -> list[ClaimOrigin]:
    """Every claim (of one article) with the passage its sentence was copied from, if any."""
    copied: dict[str, list[Copy]] = defaultdict(list)
    for c in store.copies(article):
        copied[c.copy.article].append(c)
    order = _Order(store)
    out = []
    for claim in store.claims(article=article):
        first = first_copied(claim, copied.get(claim.article, ()), order.key)
        out.append(ClaimOrigin(claim, first.first if first else None))
    return out


def first_copied(claim: Claim, copies: Iterable[Copy], order: Callable[[str], tuple]) -> Copy | None:
    """Of the copies into the claim's article, the one whose copied passage holds the
    claim and whose first article comes first in ``order`` (an article id -> sort key:
    publication date, undated last, then ingest order), or None."""
    holding = [k for k in copies if k.copy.start <= claim.start and claim.end <= k.copy.end]
    return min(holding, key=lambda k: order(k.first.article)) if holding else None


def voices(store: Store) -> list[Voice]:
    """Figures with their claim count and distinct first publishers, most repeated first."""
    groups: dict[tuple, list[ClaimOrigin]] = defaultdict(list)
    for o in claim_origins(store):
        c = o.claim
        groups[(c.category, c.low, c.high, c.unit, c.where.country if c.where else None)].append(o)
    outlets: dict[str, str] = {}
    found = []
    for key, origins in groups.items():
        publishers = {_publisher(store, outlets, o.origin) for o in origins}
        found.append(Voice(*key, claims=len(origins), publishers=tuple(sorted(publishers))))
    found.sort(key=lambda v: (-v.claims, v.category, v.low or 0))
    return found


def _publisher(store: Store, cache: dict[str, str], article_id: str) -> str:
    if article_id not in cache:
        a = store.article(article_id)
        cache[article_id] = (a.outlet if a and a.outlet else article_id)
    return cache[article_id]


class _Order:
    """Publication date (undated last), then ingest order, of articles asked about."""

    def __init__(self, store: Store):
        self.store, self.cache = store, {}

    def key(self, article_id: str) -> tuple[date, int]:
        if article_id not in self.cache:
            a = self.store.article(article_id)
            seq = self.store.ingest_order([article_id]).get(article_id, 0)
            self.cache[article_id] = ((a.published if a else None) or date.max, seq)
        return self.cache[article_id]
