"""The extraction stage: articles in, claims out.

    split sentences -> keep candidates -> parse them (one nlp.pipe for a batch)
    -> quantities -> what they count -> who says so -> when -> where -> Claim

Article-wide context (time expressions, places, quoted or embedded voices) is
read once per article with regular expressions; only candidate sentences meet
the parser, which is where the time goes.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from claimledger.language import PERSIAN
from claimledger.model import Article, Claim, Place, Source, When

from . import segment
from .excerpts import excerpt_numbers
from .fa import extract as extract_persian
from .fa.normalise import looks_persian
from .categories import categorize, counted_noun, phrase_top
from .names import Names, key
from .quantities import find_quantities, is_count
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
    excerpts: frozenset[int] = frozenset()  # offsets of numbers that number excerpts


def article_context(article: Article, gazetteer: Gazetteer) -> Context:
    times = tuple(find_times(article.text, article.published))
    places = tuple(gazetteer.find_places(article.text))
    return Context(article, times, places, tuple(find_regions(article.text)),
                   _main_time(times, article.published), main_place(list(places)),
                   excerpt_numbers(article.text))


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

    def extract(self, articles: Iterable[Article], batch_size: int = 64) -> dict[str, list[Claim]]:
        """Claims of each article, keyed by article id (every article gets a key); Persian
        articles (stored language ``fa``, or unknown and in the Arabic script) take the
        Persian path (extract/fa/)."""
        articles = list(articles)
        persian = [a for a in articles if a.language == PERSIAN or (a.language is None and looks_persian(a.text))]
        ids = {a.id for a in persian}
        contexts = [article_context(a, self.gazetteer) for a in articles if a.id not in ids]
        jobs = [(ctx, s) for ctx in contexts for s in segment.split(ctx.article.text)
                if segment.is_candidate(s.text)]
        out: dict[str, list[Claim]] = {ctx.article.id: [] for ctx in contexts}
        out.update(extract_persian(persian, self.names))
        chunks = list(_chunks(jobs))
        docs = self.nlp.pipe((self._doc(texts) for texts, _ in chunks), batch_size=batch_size)
        for (_, members), doc in zip(chunks, docs):
            for (ctx, s), offset in members:
                sent = doc.char_span(offset, offset + len(s.text), alignment_mode="expand")
                found = out[ctx.article.id]
                found.extend(sentence_claims(ctx, s, sent, self.names, found))
        return out

    def _doc(self, texts: list[str]) -> Doc:
        """Candidate sentences joined into one Doc, each a sentence of its own: spaCy's
        per-document costs are paid once per chunk, not once per sentence."""
        doc = self.nlp.make_doc(_SEPARATOR.join(texts))
        pos = 0
        for t in texts:
            first = doc.char_span(pos, pos + len(t), alignment_mode="expand")
            if first is not None and len(first):
                first[0].is_sent_start = True
            pos += len(t) + len(_SEPARATOR)
        return doc


_SEPARATOR = "\n\n"
_CHUNK_CHARS = 4000


def _chunks(jobs):
    """Groups of (sentence texts, [(job, offset in the joined text)]) of about _CHUNK_CHARS."""
    texts, members, size = [], [], 0
    for job in jobs:
        text = job[1].text
        if texts and size + len(text) > _CHUNK_CHARS:
            yield texts, members
            texts, members, size = [], [], 0
        members.append((job, size))
        texts.append(text)
        size += len(text) + len(_SEPARATOR)
    if texts:
        yield texts, members


def sentence_claims(ctx: Context, s: segment.Sentence, sent: Span, names: Names,
                    earlier: Sequence[Claim] = ()) -> list[Claim]:
    """The claims of one parsed sentence; offsets become offsets into the article text."""
    claims = []
    base = s.start - sent.start_char
    for q in find_quantities(sent):
        if base + q.start_char in ctx.excerpts or not is_count(q, sent):
            continue
        counted = categorize(q, sent)
        if counted is None:
            continue
        anchor = phrase_top(counted_noun(q, sent), q, sent)
        mentions = [_shift(m, base) for m in sentence_sources(anchor, sent)]
        start, end = base + q.start_char, base + q.end_char
        claims.append(Claim(
            article=ctx.article.id, category=counted.category,
            value=q.value, low=q.low, high=q.high, qualifier=q.qualifier, span=q.span,
            start=start, end=end, sentence=s.text, sentence_start=s.start,
            unit=counted.unit, subject=counted.subject,
            when=claim_time(ctx, s, start, mentions, _present_perfect(anchor)),
            where=claim_place(ctx, s, start, mentions),
            sources=claim_sources(ctx, mentions, start, end, names, earlier),
        ))
    return claims


def _shift(m: SourceMention, base: int) -> SourceMention:
    """A mention with offsets into the article text."""
    return replace(m, start=m.start + base, end=m.end + base,
                   date_spans=tuple((lo + base, hi + base) for lo, hi in m.date_spans))


_GENERIC = re.compile(r"^(?:the |this |that )?(?:rights |medical |opposition |protest |professional )?"
                      r"(group|organi[sz]ation|agency|ministry|committee|syndicate|union|network|body|"
                      r"council|association|movement|office|department|monitor|coalition|alliance)$", re.I)
_ANY_NAMED = {"group", "organization", "organisation", "body", "coalition", "alliance", "movement"}


def claim_sources(ctx: Context, mentions: list[SourceMention], start: int, end: int,
                  names: Names, earlier: Sequence[Claim] = ()) -> tuple[Source, ...]:
    """The chain: in-sentence sources innermost first, then the voice of the
    quote or post the sentence stands in."""
    chain: list[Source] = []
    for m in mentions:
        if m.pronoun:
            continue
        name = _named_before(names.canonical(m.mention), earlier) or names.canonical(m.mention)
        chain.append(Source(name, m.verb, _source_date(ctx, m), m.mention, m.start, m.end))
    region = region_at(list(ctx.regions), start, end)
    if region and not any(_same_speaker(c.name, names.canonical(region.mention)) for c in chain):
        chain.append(Source(names.canonical(region.mention), region.verb, region.date,
                            region.mention, region.mention_start, region.mention_end))
    return tuple(chain)


def _named_before(name: str, earlier: Sequence[Claim]) -> str | None:
    """ "the group said" after "according to Sudan Doctors Syndicate": the group named
    last before, whose name ends with the same word (any name, for "the group")."""
    generic = _GENERIC.match(name.strip())
    if not generic:
        return None
    head = generic.group(1).lower()
    for claim in reversed(earlier):
        for source in claim.sources:
            if _GENERIC.match(source.name.strip()):
                continue
            if head in _ANY_NAMED or source.name.lower().rstrip("s").endswith(head.rstrip("s")):
                return source.name
    return None


def _same_speaker(a: str, b: str) -> bool:
    """ "spokesman Ali Rahimi" and "Ali Rahimi" are one speaker."""
    a, b = key(a), key(b)
    return bool(a) and bool(b) and (a in b or b in a)


def _source_date(ctx: Context, m: SourceMention) -> date | None:
    for lo, hi in m.date_spans:
        for t in ctx.times:
            if lo <= t.start and t.end <= hi and t.when.start and t.when.start == t.when.end:
                return t.when.start
    return None


def _in_sentence(ctx: Context, s: segment.Sentence, items):
    return [x for x in items if s.start <= x.start and x.end <= s.end]


def _present_perfect(anchor) -> bool:
    """ "142,800 people have died": a count up to now, told in the present perfect."""
    verb = anchor if anchor.pos_ in ("VERB", "AUX") else anchor.head
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBP", "VBZ") and c.lemma_ == "have"
               for c in verb.children)


_SUPERLATIVE = re.compile(r"\b(?:\w+est|most|worst|first|ever|only)\b[^.;]{0,60}$", re.I)


def _comparison(ctx: Context, t: TimeMention) -> bool:
    """ "the biggest uprising since the 1979 revolution": a yardstick, not the event's time."""
    return t.kind == "since" and bool(_SUPERLATIVE.search(ctx.article.text[max(0, t.start - 80):t.start]))


def claim_time(ctx: Context, s: segment.Sentence, number_at: int, mentions: list[SourceMention],
               perfect: bool = False) -> When | None:
    """The time of what is counted: the sentence's own time expression nearest the
    number (not a source's date), else the article's main time, else "before publication"."""
    source_spans = [span for m in mentions for span in m.date_spans]
    own = [t for t in _in_sentence(ctx, s, ctx.times)
           if not any(lo <= t.start and t.end <= hi for lo, hi in source_spans) and not _comparison(ctx, t)]
    anchor_dates = [t.when.start for t in _in_sentence(ctx, s, ctx.times)
                    if t.kind == "date" and t.when.start and t.when.start == t.when.end]
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
    if perfect and ctx.article.published:
        return When(None, ctx.article.published, "(up to publication)")
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
            and not (published and t.when.end and (published - t.when.end).days > _HISTORY_DAYS)
            and not (published and t.when.start and (published - t.when.start).days > _HISTORY_DAYS)
            and not _comparison(ctx, t)]


def _duration_anchor(ctx: Context, t: TimeMention) -> date | None:
    """ "in just five days" counts from the last start the article gave before it."""
    before = [m for m in ctx.times if m.end <= t.start and m.when.start and m.kind in ("began", "since")]
    return before[-1].when.start if before else None


def claim_place(ctx: Context, s: segment.Sentence, number_at: int, mentions: list[SourceMention]) -> Place | None:
    """The place nearest the number in its sentence (not inside a source's name),
    else the article's main place."""
    source_spans = [(m.start, m.end) for m in mentions]
    own = [p for p in _in_sentence(ctx, s, ctx.places)
           if not any(lo <= p.start and p.end <= hi for lo, hi in source_spans)]
    if own:
        best = min(own, key=lambda p: (abs(p.start - number_at) + (0 if p.start > number_at else 20)))
        return best.place
    return ctx.main_place
