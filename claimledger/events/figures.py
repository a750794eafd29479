"""Figures side by side: for each category of an event, every sourced figure with its
interval, qualifier, chain, the date it was said and its independent voices; plus the
range, the most conservative and the highest figure and how figures changed over time.
Nothing is merged into one number.

A *voice* is who first published the sentence a claim stands in. When the copies
module knows the sentence's first publisher it decides (``Context.voice_of``); until
then a sentence found word for word in several articles counts once, for the article
published first, and otherwise each article (its outlet, else its id) is one voice.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Iterable

from ..model import Article, Claim, Event


@dataclass
class Context:
    """What figures need to know about articles: dates, outlets, first publishers."""
    published: dict[str, date | None] = field(default_factory=dict)
    outlet: dict[str, str | None] = field(default_factory=dict)
    voice_of: Callable[[Claim], str | None] | None = None  # the copies module's hook

    @classmethod
    def of(cls, articles: Iterable[Article], voice_of=None) -> Context:
        ctx = cls(voice_of=voice_of)
        for a in articles:
            ctx.published[a.id] = a.published
            ctx.outlet[a.id] = a.outlet
        return ctx


@dataclass(frozen=True)
class Figure:
    """One figure as one chain of sources gives it, with every claim that repeats it."""
    category: str
    value: int | None
    low: int | None
    high: int | None
    qualifier: str
    span: str
    chain: tuple[str, ...]  # first sayer first; () = the article on its own authority
    said: date | None
    voices: tuple[str, ...]
    claims: tuple[Claim, ...]

    @property
    def first_source(self) -> str | None:
        return self.chain[0] if self.chain else None

    def to_record(self) -> dict:
        return {"category": self.category, "value": self.value, "low": self.low, "high": self.high,
                "qualifier": self.qualifier, "span": self.span, "chain": list(self.chain),
                "first_source": self.first_source, "said": self.said and self.said.isoformat(),
                "voices": list(self.voices), "articles": sorted({c.article for c in self.claims})}


@dataclass(frozen=True)
class Summary:
    category: str
    figures: tuple[Figure, ...]  # in the order they were said
    low: int | None  # the range over all figures
    high: int | None
    conservative: Figure
    highest: Figure

    def to_record(self) -> dict:
        return {"category": self.category, "range": [self.low, self.high],
                "most_conservative": self.conservative.to_record(),
                "highest": self.highest.to_record(),
                "over_time": [[f.said and f.said.isoformat(), f.span, f.first_source] for f in self.figures],
                "figures": [f.to_record() for f in self.figures]}


def figures(event: Event, ctx: Context) -> list[Summary]:
    """One summary per category of the event's claims."""
    voices = _voices(event.claims, ctx)
    by_category: dict[str, dict[tuple, list[Claim]]] = {}
    for c in event.claims:
        key = (c.value, c.low, c.high, c.qualifier, tuple(s.name for s in c.sources))
        by_category.setdefault(c.category, {}).setdefault(key, []).append(c)
    out = []
    for category, rows in by_category.items():
        figs = sorted((_figure(category, key, cs, voices, ctx) for key, cs in rows.items()),
                      key=lambda f: (f.said or date.max, _lower(f) or 0))
        out.append(Summary(category, tuple(figs), _min(_lower(f) for f in figs),
                           _max(_upper(f) for f in figs),
                           min(figs, key=lambda f: (_lower(f) is None, _lower(f) or 0)),
                           max(figs, key=lambda f: (_upper(f) is not None, _upper(f) or 0))))
    return out


def _figure(category, key, claims, voices, ctx) -> Figure:
    value, low, high, qualifier, chain = key
    said = _said(claims[0], ctx)
    return Figure(category, value, low, high, qualifier, claims[0].span, chain, said,
                  tuple(sorted({voices[id(c)] for c in claims})), tuple(claims))


def _said(c: Claim, ctx: Context) -> date | None:
    dated = [s.date for s in c.sources if s.date]
    return dated[-1] if dated else ctx.published.get(c.article)


def _voices(claims: Iterable[Claim], ctx: Context) -> dict[int, str]:
    claims = list(claims)
    first_with: dict[str, str] = {}
    for c in sorted(claims, key=lambda c: (ctx.published.get(c.article) or date.max, c.article)):
        first_with.setdefault(_normal(c.sentence), c.article)
    out = {}
    for c in claims:
        hooked = ctx.voice_of(c) if ctx.voice_of else None
        article = hooked or first_with[_normal(c.sentence)]
        out[id(c)] = ctx.outlet.get(article) or article
    return out


def _normal(sentence: str) -> str:
    return re.sub(r"\W+", " ", sentence.casefold()).strip()


def _lower(f: Figure) -> int | None:
    return f.value if f.value is not None and f.qualifier not in ("up_to", "less_than") else f.low


def _upper(f: Figure) -> int | None:
    return f.high if f.high is not None else (f.value if f.value is not None else f.low)


def _min(xs):
    xs = [x for x in xs if x is not None]
    return min(xs) if xs else None


def _max(xs):
    xs = [x for x in xs if x is not None]
    return max(xs) if xs else None
