"""Where a figure came from: its genealogy within an event, and attributions that fall away.

    found = genealogies(event, ctx, copied)   # pure: an event's claims, dates, copies in

A *figure* here is one number of one category: the claims of an event that give the
same number (``value``, or ``low`` when ``low == high``) agree on it, whatever their
qualifier ("1,500", "at least 1500"); a vague range with no number ("thousands") is
a figure of its own interval. Its *mentions* are those claims, ordered by the date
each was said (the last dated link of its chain, else its article's publication
date), then by article and offset.

- ``first_said``: the earliest first sayer of the attributed mentions (the first link
  of a chain, dated by that link, else by the mention).
- a mention's ``relays``: the chain's later links, each with its date.
- ``copied``: the mention stands in a passage first seen in another article
  (the copies module's ``claim_origins``; ``copied`` maps a claim key to that passage).
- ``unattributed_repeat``: a mention on the article's own authority said after the
  figure was credited to a sayer, earlier in time (the credit's date, its claim about a
  time that does not exclude the mention's), or earlier in the same article;
  ``repeats`` is the earliest attributed mention it repeats.
- ``sayer_changed``: an attributed mention whose first sayer is not the figure's
  first sayer.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable, Mapping

from ..model import Claim, Event, Passage
from .figures import Context
from .resolve import claim_key

UNATTRIBUTED_REPEAT = "unattributed_repeat"
SAYER_CHANGED = "sayer_changed"
SLACK = timedelta(days=7)  # the events module's precision for dates across articles


@dataclass(frozen=True)
class Said:
    """Who first said a figure, when, and in which article we read it."""
    name: str
    date: date | None
    article: str

    def to_record(self) -> dict:
        return {"name": self.name, "date": self.date and self.date.isoformat(), "article": self.article}


@dataclass(frozen=True)
class Mention:
    claim: Claim
    published: date | None
    said: date | None  # when this mention was made: the chain's last dated link, else `published`
    copied_from: Passage | None = None
    flags: tuple[str, ...] = ()
    repeats: Mention | None = None  # for an unattributed repeat: the earliest attributed mention

    @property
    def article(self) -> str:
        return self.claim.article

    @property
    def attributed(self) -> bool:
        return bool(self.claim.sources)

    @property
    def first_sayer(self) -> str | None:
        return self.claim.sources[0].name if self.claim.sources else None

    @property
    def credited(self) -> date | None:
        """When the figure was first credited to this mention's first sayer."""
        first = self.claim.sources[0].date if self.claim.sources else None
        return first or self.said

    def to_record(self) -> dict:
        c = self.claim
        return {"article": c.article, "published": _iso(self.published), "said": _iso(self.said),
                "span": c.span, "start": c.start, "end": c.end, "qualifier": c.qualifier,
                "sources": [s.name for s in c.sources],
                "chain": [{"name": s.name, "verb": s.verb, "date": _iso(s.date)} for s in c.sources],
                "attributed": self.attributed,
                "copied": self.copied_from is not None,
                "copied_from": ({"article": self.copied_from.article, "start": self.copied_from.start,
                                 "end": self.copied_from.end} if self.copied_from else None),
                "flags": list(self.flags),
                "repeats": ({"article": self.repeats.article, "start": self.repeats.claim.start,
                             "sources": [s.name for s in self.repeats.claim.sources]}
                            if self.repeats else None)}


@dataclass(frozen=True)
class Genealogy:
    category: str
    value: int | None
    low: int | None
    high: int | None
    first_said: Said | None  # None: nobody is credited with it
    mentions: tuple[Mention, ...] = field(default_factory=tuple)

    @property
    def unattributed_repeats(self) -> list[str]:
        """Articles with at least one unattributed repeat, in the order they were said."""
        return list(dict.fromkeys(m.article for m in self.mentions if UNATTRIBUTED_REPEAT in m.flags))

    @property
    def sayer_changed(self) -> bool:
        return any(SAYER_CHANGED in m.flags for m in self.mentions)

    def to_record(self) -> dict:
        return {"category": self.category, "value": self.value, "low": self.low, "high": self.high,
                "first_said": self.first_said.to_record() if self.first_said else None,
                "mentions": [m.to_record() for m in self.mentions],
                "unattributed_repeats": self.unattributed_repeats,
                "unattributed_repeat_mentions": sum(UNATTRIBUTED_REPEAT in m.flags for m in self.mentions),
                "sayer_changed": self.sayer_changed}


def genealogies(event: Event, ctx: Context, copied: Mapping[str, Passage] | None = None,
                category: str | None = None) -> list[Genealogy]:
    """Every figure of the event (of one category), by category, then the date first said."""
    groups: dict[tuple, list[Claim]] = {}
    for c in event.claims:
        if category is None or c.category == category:
            groups.setdefault(_figure_key(c), []).append(c)
    found = [genealogy(key[0], claims, ctx, copied or {}) for key, claims in groups.items()]
    return sorted(found, key=lambda g: (g.category, _order(g.mentions[0]), g.low or 0))


def genealogy(category: str, claims: Iterable[Claim], ctx: Context,
              copied: Mapping[str, Passage]) -> Genealogy:
    """One figure's mentions in order, with its first sayer and its flags."""
    mentions = sorted((_mention(c, ctx, copied) for c in claims), key=_order)
    attributed = [m for m in mentions if m.attributed]
    first = min(attributed, key=_credit_order) if attributed else None
    flagged = [_flag(m, attributed, first) for m in mentions]
    value, low, high = _number(mentions)
    said = Said(first.first_sayer, first.credited, first.article) if first else None
    return Genealogy(category, value, low, high, said, tuple(flagged))


def trace(store, event_id: str, category: str | None = None) -> list[Genealogy]:
    """The genealogies of one stored event (``ev-`` may be left off)."""
    from ..errors import ClaimledgerError
    from .rebuild import context
    e = next((e for e in store.events() if e.id in (event_id, f"ev-{event_id}")), None)
    if e is None:
        raise ClaimledgerError(f"no event {event_id!r}; `claimledger events` lists their ids")
    return genealogies(e, context(store), copied_passages(store, {c.article for c in e.claims}), category)


def copied_passages(store, articles: Iterable[str]) -> dict[str, Passage]:
    """Claim key -> the passage it was copied from, for the claims of these articles."""
    try:
        from ..copies import claim_origins
        return {claim_key(o.claim): o.copied_from for a in sorted(articles)
                for o in claim_origins(store, a) if o.copied_from is not None}
    except ImportError:
        return {}


def _figure_key(c: Claim) -> tuple:
    point = c.value if c.value is not None else (c.low if c.low is not None and c.low == c.high else None)
    return (c.category, point) if point is not None else (c.category, None, c.low, c.high)


def _mention(c: Claim, ctx: Context, copied: Mapping[str, Passage]) -> Mention:
    published = ctx.published.get(c.article)
    dated = [s.date for s in c.sources if s.date]
    return Mention(c, published, dated[-1] if dated else published, copied.get(claim_key(c)))


def _order(m: Mention) -> tuple:
    return (m.said or date.max, m.published or date.max, m.article, m.claim.start)


def _credit_order(m: Mention) -> tuple:
    return (m.credited or date.max, m.published or date.max, m.article, m.claim.start)


def _flag(m: Mention, attributed: list[Mention], first: Mention | None) -> Mention:
    if m.attributed:
        changed = first is not None and m.first_sayer != first.first_sayer
        return Mention(m.claim, m.published, m.said, m.copied_from, (SAYER_CHANGED,) if changed else ())
    earlier = [a for a in attributed if _credited_before(a, m)]
    if not earlier:
        return m
    return Mention(m.claim, m.published, m.said, m.copied_from, (UNATTRIBUTED_REPEAT,),
                   min(earlier, key=_credit_order))


def _credited_before(a: Mention, m: Mention) -> bool:
    """Was the figure credited (in ``a``) before ``m`` stated it on its own authority,
    about a time that does not exclude ``m``'s?"""
    if a.article == m.article and a.claim.start < m.claim.start:
        return True
    return (a.credited is not None and m.said is not None and a.credited < m.said
            and _same_time(a, m))


def _same_time(a: Mention, m: Mention) -> bool:
    """The claims' times (their ``when``, else their article's date) overlap, give or take
    ``SLACK``: an event holding one number told years apart (undated claims resolve
    into one event) is not one figure repeated."""
    (a1, a2), (m1, m2) = _time(a), _time(m)
    if None in (a1, a2, m1, m2):
        return True
    return a1 - SLACK <= m2 and m1 - SLACK <= a2


def _time(m: Mention) -> tuple[date | None, date | None]:
    w = m.claim.when
    if w and (w.start or w.end):
        return w.start or w.end, w.end or w.start
    return m.published, m.published


def _number(mentions: list[Mention]) -> tuple[int | None, int | None, int | None]:
    """The figure's number and the interval its mentions agree on."""
    claims = [m.claim for m in mentions]
    value = next((c.value for c in claims if c.value is not None), None)
    lows = [c.low for c in claims if c.low is not None]
    highs = [c.high for c in claims if c.high is not None]
    return value, max(lows) if lows else None, min(highs) if highs else None


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
