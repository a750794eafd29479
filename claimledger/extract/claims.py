"""The extraction stage: articles in, claims out.

    split sentences -> keep candidates -> parse them (one nlp.pipe for a batch)
    -> quantities -> what they count -> who says so -> when -> where -> Claim

Article-wide context (time expressions, places, quoted or embedded voices) is
read once per article with regular expressions; only candidate sentences meet
the parser, which is where the time goes.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimledger.model import Article, Claim, Place, Source, When

from . import segment
from .categories import categorize, counted_noun, phrase_top
from .names import Names, key
from .quantities import Quantity, find_quantities, is_count
from .regions import Region, find_regions, region_at
from .sources import SourceMention, sentence_sources
from .when import TimeMention, anchor_duration, find_times, re_resolve
from .where import Gazetteer, PlaceMention, gazetteer as load_gazetteer, main_place


@dataclass(frozen=True)
class Context:
    """What an article says as a whole, read once before its sentences."""
    article: Article
    times: tuple[TimeMention, ...]
    places: tuple[PlaceMention, ...]
    regions: tuple[Region, ...]
    main_time: When | None
    main_place: Place | None


def article_context(article: Article, gazetteer: Gazetteer) -> Context:
    times = tuple(find_times(article.text, article.published))
    places = tuple(gazetteer.find_places(article.text))
    return Context(article, times, places, tuple(find_regions(article.text)),
                   _main_time(times, article.published), main_place(list(places)))


def _main_time(times: Sequence[TimeMention], published: date | None) -> When | None:
    """The first event time the article gives, if any: news leads with when it happened."""
    for m in times:
        w = m.when
        if m.kind in ("duration",) or (w.start is None and w.end is None):
            continue
        if published and w.start and w.start > published:
            continue
        return w
    return None


class Extractor:
    """Turns articles into claims with one spaCy pipeline loaded once."""

    def __init__(self, nlp: Language, names: Names | None = None, gazetteer: Gazetteer | None = None):
        self.nlp = nlp
        self.names = names or Names.with_aliases()
        self.gazetteer = gazetteer or load_gazetteer()

    def extract(self, articles: Iterable[Article], batch_size: int = 256) -> dict[str, list[Claim]]:
        """Claims of each article, keyed by article id (every article gets a key)."""
        contexts = [article_context(a, self.gazetteer) for a in articles]
        jobs = [(ctx, s) for ctx in contexts for s in segment.split(ctx.article.text)
                if segment.is_candidate(s.text)]
        docs = self.nlp.pipe((s.text for _, s in jobs), batch_size=batch_size)
        out: dict[str, list[Claim]] = {ctx.article.id: [] for ctx in contexts}
        for (ctx, s), doc in zip(jobs, docs):
            out[ctx.article.id].extend(sentence_claims(ctx, s, doc, self.names))
        return out


def sentence_claims(ctx: Context, s: segment.Sentence, doc: Doc, names: Names) -> list[Claim]:
    claims = []
    sent = doc[:]
    for q in find_quantities(sent):
        if not is_count(q, sent):
            continue
        counted = categorize(q, sent)
        if counted is None:
            continue
        anchor = phrase_top(counted_noun(q, sent), q, sent)
        mentions = sentence_sources(anchor, sent)
        start, end = s.start + q.start_char, s.start + q.end_char
        claims.append(Claim(
            article=ctx.article.id, category=counted.category,
            value=q.value, low=q.low, high=q.high, qualifier=q.qualifier, span=q.span,
            start=start, end=end, sentence=s.text, sentence_start=s.start,
            unit=counted.unit, subject=counted.subject,
            when=claim_time(ctx, s, q, mentions),
            where=claim_place(ctx, s, q, mentions),
            sources=claim_sources(ctx, s, mentions, start, end, names),
        ))
    return claims


def claim_sources(ctx: Context, s: segment.Sentence, mentions: list[SourceMention],
                  start: int, end: int, names: Names) -> tuple[Source, ...]:
    """The chain: in-sentence sources innermost first, then the voice of the
    quote or post the sentence stands in."""
    chain: list[Source] = []
    for m in mentions:
        if m.pronoun:
            continue
        chain.append(Source(names.canonical(m.mention), m.verb, _source_date(ctx, s, m),
                            m.mention, s.start + m.start, s.start + m.end))
    region = region_at(list(ctx.regions), start, end)
    if region and not any(_same_speaker(c.name, names.canonical(region.mention)) for c in chain):
        chain.append(Source(names.canonical(region.mention), region.verb, region.date,
                            region.mention, region.mention_start, region.mention_end))
    return tuple(chain)


def _same_speaker(a: str, b: str) -> bool:
    """ "spokesman Ali Rahimi" and "Ali Rahimi" are one speaker."""
    a, b = key(a), key(b)
    return bool(a) and bool(b) and (a in b or b in a)


def _source_date(ctx: Context, s: segment.Sentence, m: SourceMention) -> date | None:
    for lo, hi in m.date_spans:
        for t in ctx.times:
            if s.start + lo <= t.start and t.end <= s.start + hi and t.when.start and t.when.start == t.when.end:
                return t.when.start
    return None


def _in_sentence(ctx: Context, s: segment.Sentence, items):
    return [x for x in items if s.start <= x.start and x.end <= s.end]


def claim_time(ctx: Context, s: segment.Sentence, q: Quantity, mentions: list[SourceMention]) -> When | None:
    """The time of what is counted: the sentence's own time expression nearest the
    number (not a source's date), else the article's main time, else "before publication"."""
    source_spans = [(s.start + lo, s.start + hi) for m in mentions for lo, hi in m.date_spans]
    own = [t for t in _in_sentence(ctx, s, ctx.times)
           if not any(lo <= t.start and t.end <= hi for lo, hi in source_spans)]
    anchor_dates = [t.when.start for t in _in_sentence(ctx, s, ctx.times)
                    if t.kind == "date" and t.when.start and t.when.start == t.when.end]
    number_at = s.start + q.start_char
    own.sort(key=lambda t: (t.kind == "duration", abs(t.start - number_at)))
    for t in own:
        if t.kind == "duration":
            anchor = _duration_anchor(ctx, t)
            if anchor:
                return anchor_duration(t, anchor)
            continue
        if t.kind in ("month", "weekday") and anchor_dates:
            t = re_resolve(t, max(anchor_dates))
        if t.when.start or t.when.end:
            return t.when
    context = _preceding_time(ctx, s)
    if context:
        return context
    if ctx.main_time:
        return ctx.main_time
    if ctx.article.published:
        return When(None, ctx.article.published, "(before publication)")
    return None


_HISTORY_DAYS = 5 * 365  # older times are history ("since the revolution in 1979"), not context


def _preceding_time(ctx: Context, s: segment.Sentence) -> When | None:
    """A paragraph tells one episode: the first event time of the sentence's paragraph
    before it, else the last one of the paragraph before (the lead tells the main one)."""
    text = ctx.article.text
    para = text.rfind("\n", 0, s.start) + 1
    if para == 0:
        return None
    here = _usable(ctx, para, s.start)
    if here:
        return here[0].when
    prev_end = len(text[:para].rstrip())
    previous = _usable(ctx, text.rfind("\n", 0, prev_end) + 1, prev_end)
    return previous[-1].when if previous else None


def _usable(ctx: Context, start: int, end: int) -> list[TimeMention]:
    """Event times in [start, end): no durations, nothing after publication."""
    published = ctx.article.published
    return [t for t in ctx.times if start <= t.start and t.end <= end and t.kind != "duration"
            and (t.when.start or t.when.end) and not (published and t.when.start and t.when.start > published)
            and not (published and t.when.end and (published - t.when.end).days > _HISTORY_DAYS)]


def _duration_anchor(ctx: Context, t: TimeMention) -> date | None:
    """ "in just five days" counts from the last start the article gave before it."""
    before = [m for m in ctx.times if m.end <= t.start and m.when.start and m.kind in ("began", "since")]
    return before[-1].when.start if before else None


def claim_place(ctx: Context, s: segment.Sentence, q: Quantity, mentions: list[SourceMention]) -> Place | None:
    """The place nearest the number in its sentence (not inside a source's name),
    else the article's main place."""
    source_spans = [(s.start + m.start, s.start + m.end) for m in mentions]
    own = [p for p in _in_sentence(ctx, s, ctx.places)
           if not any(lo <= p.start and p.end <= hi for lo, hi in source_spans)]
    if own:
        number_at = s.start + q.start_char
        best = min(own, key=lambda p: (abs(p.start - number_at) + (0 if p.start > number_at else 20)))
        return best.place
    return ctx.main_place
