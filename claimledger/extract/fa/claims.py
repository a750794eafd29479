"""The Persian extraction path: the same Claim records as the English one.

    normalise (offsets kept) -> sentences -> quantities -> what they count
    -> who says so -> when -> where -> Claim

No parser: Persian news states its figures in a few fixed shapes (number, counted
noun, verb at the clause's end; attributions by formula), which word lists and
small functions over the normalised text read directly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Iterable, Sequence

from claimledger.model import Article, Claim, Place, Source, When

from ..names import Names, clean, key
from . import segment
from .categories import categorize, is_site_count
from .normalise import normalise
from .quantities import find_quantities
from .sources import BACK, Sayer, back_reference, known_spans, sentence_sayers
from .when import TimeMention, find_times
from .where import PlaceMention, find_places, main_place


@dataclass
class _Reading:
    """What one article says as a whole, read once before its sentences."""
    article: Article
    text: str  # normalised
    times: list[TimeMention]
    places: list[PlaceMention]
    main_place: Place | None


def extract(articles: Iterable[Article], names: Names | None = None) -> dict[str, list[Claim]]:
    """Claims of each Persian article, keyed by article id; ``names`` (the user's alias
    table) renames sayers the shipped Persian table does not know."""
    return {a.id: article_claims(a, names) for a in articles}


def article_claims(article: Article, names: Names | None = None) -> list[Claim]:
    text = normalise(article.text)
    known = [(s, e) for s, e, _ in known_spans(text)]  # outlets' names hold no place
    places = find_places(text, known)
    r = _Reading(article, text, find_times(text, article.published), places, main_place(places))
    claims: list[Claim] = []
    told = _Told()
    for s in segment.split(text):
        claims.extend(sentence_claims(r, s, told.chain(text, s), claims, names))
    return claims


_BULLET = re.compile(r"\s*(?:[•\-–*]|\d+[.)-])")


@dataclass
class _Told:
    """Who spoke last, for sentences that point back to them."""
    last: list[Sayer] = field(default_factory=list)
    paragraph: int = -1
    previous_sourced: bool = False
    listing: list[Sayer] = field(default_factory=list)  # «این سازمان اعلام کرد:» and its list

    def chain(self, text: str, s: segment.Sentence) -> list[Sayer]:
        chain, own = sentence_sayers(text, s.start, s.end), True
        if any(x.name == BACK for x in chain):  # «به گفته این منابع»: the sayer before
            chain = [y for x in chain for y in ([_from_context(z, x.verb, x.covers_from) for z in self.last]
                                                if x.name == BACK else [x])]
            own = False
        if not chain and self.listing and (s.paragraph == self.paragraph or _BULLET.match(text, s.start)):
            chain, own = [_from_context(x, x.verb, s.start) for x in self.listing], False
        elif not chain and self.last:
            verb = back_reference(text, s.start, s.end, self.previous_sourced and self.paragraph == s.paragraph)
            if verb:
                chain = [x if len(self.last) > 1 and x is not self.last[-1] else _from_context(x, verb, s.start)
                         for x in self.last]
                chain, own = [replace(x, covers_from=s.start) for x in chain], False
        self.previous_sourced = bool(chain)
        if chain and own:
            self.last, self.paragraph = chain, s.paragraph
            self.listing = chain if text[s.start:s.end].rstrip().endswith(":") else []
        elif not chain or s.paragraph != self.paragraph and not _BULLET.match(text, s.start):
            self.listing = []
        return chain


_IN = re.compile(r"(?<![^\W\d_])در\s?$")
_LIST_GAP = re.compile(r"[^.!?؟؛:]{0,40}")
_SEPARATED = re.compile(r"[،,]|\sو\s")


def _listed(text: str, after: int, at: int) -> bool:
    """Only a short stretch with a comma or «و» lies between the figure before and this one."""
    gap = text[after:at]
    return bool(_LIST_GAP.fullmatch(gap)) and bool(_SEPARATED.search(gap)) and not re.search(r"ند\b|شد\b", gap)


def _inline_label(text: str, s: segment.Sentence, at: int) -> str:
    """ «کشته‌ها: ۱۲ نفر»: the words before a colon that opens the line, as its label."""
    colon = text.find(":", s.start, at)
    head = text[s.start:colon] if colon >= 0 else ""
    return head if head and len(head.split()) <= 6 and not re.search(r"\d", head) else ""


def _from_context(x: Sayer, verb: str, covers_from: int) -> Sayer:
    return Sayer(x.name, f"{verb} (from context)", x.start, x.end, covers_from)


def sentence_claims(r: _Reading, s: segment.Sentence, chain: list[Sayer], earlier: Sequence[Claim],
                    names: Names | None = None) -> list[Claim]:
    masked = [(t.start, t.end) for t in r.times]  # «سه شنبه», «چند روز اخیر» count nothing
    out: list[Claim] = []
    found = find_quantities(r.text, s.start, s.end, masked)
    for i, q in enumerate(found):
        before = (out or list(earlier[-1:]) or [None])[-1]
        later = [x.start for x in found[i + 1:] if not is_site_count(r.text, x)]
        counted = categorize(r.text, q, s.start, s.end, before.category if before else None,
                             s.label or _inline_label(r.text, s, q.start), later[0] if later else None,
                             bool(out) and _listed(r.text, out[-1].end, q.start))
        if counted is None:
            continue
        sayers = [x for x in chain if x.covers_from <= q.start]
        out.append(Claim(
            article=r.article.id, category=counted.category, value=q.value, low=q.low, high=q.high,
            qualifier=q.qualifier, span=r.article.text[q.start:q.end], start=q.start, end=q.end,
            sentence=r.article.text[s.start:s.end], sentence_start=s.start,
            unit=counted.unit, subject=counted.subject,
            when=claim_time(r, s, q.start, sayers), where=claim_place(r, s, q.start, sayers),
            sources=tuple(Source(_display(r, x, names), x.verb, _said_on(r, x), r.article.text[x.start:x.end],
                                 x.start, x.end) for x in sayers),
        ))
    return out


def _display(r: _Reading, x: Sayer, names: Names | None) -> str:
    """A canonical name as the alias tables give it, else the name as the text spells it."""
    if r.text[x.start:x.end] != x.name:
        return x.name  # the shipped Persian table's English name
    written = r.article.text[x.start:x.end]
    if names is not None:
        renamed = names.canonical(written)
        if key(renamed) != key(clean(written)):
            return renamed
    return written


def _inside(item, sayers: list[Sayer]) -> bool:
    return any(x.start <= item.start and item.end <= x.end for x in sayers)


def _saying_times(r: _Reading, x: Sayer) -> list[TimeMention]:
    """Times between a sayer and its verb («X روز دوشنبه اعلام کرد»): when it was said."""
    if x.verb_at is None:
        return []
    return [t for t in r.times if x.end <= t.start and t.end <= x.verb_at and t.kind in ("date", "weekday")]


def _said_on(r: _Reading, x: Sayer):
    said = _saying_times(r, x)
    return said[0].when.end if said else None


def claim_time(r: _Reading, s: segment.Sentence, at: int, sayers: list[Sayer]) -> When | None:
    """The sentence's own time nearest the number (a year alone last; not the day a sayer
    spoke, which ends the claim's time instead), else "before publication"."""
    saying = [t for x in sayers for t in _saying_times(r, x)]
    own = [t for t in r.times if s.start <= t.start and t.end <= s.end and not _inside(t, sayers)
           and t not in saying
           and not (r.article.published and t.when.start and t.when.start > r.article.published)]
    if own:
        best = min(own, key=lambda t: (t.kind == "year", abs(t.start - at)))
        return best.when
    if saying and saying[0].when.end:
        return When(None, saying[0].when.end, "(up to when it was said)")
    before = _paragraph_time(r, s)
    if before:
        return before
    if r.article.published:
        return When(None, r.article.published, "(before publication)")
    return None


def _paragraph_time(r: _Reading, s: segment.Sentence) -> When | None:
    """A paragraph (or fact box) tells one episode: its first time before the sentence."""
    start = r.text.rfind("\n\n", 0, s.start) + 2 if "\n\n" in r.text[:s.start] else 0
    published = r.article.published
    for t in r.times:
        if start <= t.start and t.end <= s.start and t.kind in ("date", "range", "month", "until", "since", "recent") \
                and not (published and t.when.start and t.when.start > published):
            return t.when
    return None


def claim_place(r: _Reading, s: segment.Sentence, at: int, sayers: list[Sayer]) -> Place | None:
    """The place nearest the number in its sentence (not in a sayer's name), else the article's."""
    own = [p for p in r.places if s.start <= p.start and p.end <= s.end and not _inside(p, sayers)]
    if own:
        # «N نفر در تهران»: a place after the number, after «در», is its place before one as near
        return min(own, key=lambda p: (at - p.end if p.end <= at else p.start - at) - (20 if p.start > at and _IN.search(
            r.text, max(0, p.start - 4), p.start) else 0)).place
    return r.main_place
