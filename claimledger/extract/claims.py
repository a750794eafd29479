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

from . import boxes, glued, labels, parens, rivals, segment
from .attribution import (
    Sayers, continued, description_head, expand, headline_source, named_after, possessor, read_sayers, refer,
)
from .excerpts import excerpt_numbers
from .fa import extract as extract_persian
from .fa.normalise import looks_persian
from .categories import also_counted, categorize, counted_noun, phrase_top
from .names import Names, key
from .quantities import find_quantities, is_count
from .sayer_words import words
from .regions import Region, find_regions, region_at
from .sources import SourceMention, sentence_sources
from .claim_when import bind_times, claim_time
from .when import TimeMention, declared_year, find_times, wave_end
from .where import Gazetteer, PlaceMention, coordinated_place, gazetteer as load_gazetteer, main_place


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
    sayers: Sayers | None = None  # acronyms, named sayers and headline of the article
    box: boxes.Box | None = None  # a fact box with a "Date" line


def article_context(article: Article, gazetteer: Gazetteer) -> Context:
    times, box = _times(article)
    places = tuple(gazetteer.find_places(article.text))
    return Context(article, times, places, tuple(find_regions(article.text)),
                   _main_time(times, article.published), main_place(list(places)),
                   excerpt_numbers(article.text), read_sayers(article.text), box)


def _times(article: Article) -> tuple[tuple[TimeMention, ...], boxes.Box | None]:
    """The article's time mentions and its fact box. A report's declared year anchors
    its year-less dates; a history written after its wave (box Date line or titled
    wave) puts them in the wave, so its times are read again against the wave's end."""
    period = declared_year(article.text, article.published, article.title)
    times = tuple(find_times(article.text, article.published, period))
    box = boxes.box_time(article.text, times)
    if period is None:
        end = wave_end(article.text, box.when.end if box else None)
        if end is not None and article.published is not None and end < article.published:
            times = tuple(find_times(article.text, article.published, None, end))
            box = boxes.box_time(article.text, times)
    return times, box


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
                if segment.is_candidate(s.text) or labels.inherited_labels(ctx.article.text, s.start)]
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
        glued.split_glued(doc)
        return doc


_SEPARATOR = "\n\n"
_CHUNK_CHARS = 4000


def _chunks(jobs):
    """Groups of (sentence texts, [(job, offset in the joined text)]) of about _CHUNK_CHARS,
    never two articles in one: the parser reads a few words across a sentence's edges, so
    a neighbour from another article could change how a sentence is parsed, and an article's
    claims would depend on which articles were read in the same batch (a resumed ingest
    would then store other claims than one uninterrupted run)."""
    texts, members, size, article = [], [], 0, None
    for job in jobs:
        text = job[1].text
        if texts and (size + len(text) > _CHUNK_CHARS or job[0] is not article):
            yield texts, members
            texts, members, size = [], [], 0
        article = job[0]
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
    boxed = labels.find_labels(s.text) or labels.inherited_labels(ctx.article.text, s.start)
    for q in find_quantities(sent):
        if base + q.start_char in ctx.excerpts or not is_count(q, sent):
            continue
        label = labels.label_of(q, sent, boxed)
        counted = labels.relabel(q, sent, categorize(q, sent), label) or rivals.rival_category(q, sent, claims)
        if counted is None:
            continue
        anchor = phrase_top(counted_noun(q, sent), q, sent)
        mentions = [_shift(m, base) for m in rivals.own_clause(sentence_sources(anchor, sent), q, sent)]
        paren = parens.parenthesised_source(q, sent, counted.category, bool(boxed),
                                            lambda a, b: _is_place(ctx, a + base, b + base))
        if paren:
            mentions = parens.first_of(_shift(paren, base), mentions, ctx.article.text)
        start, end = base + q.start_char, base + q.end_char
        when = claim_time(ctx, s, start, mentions, _present_perfect(anchor), sent)
        if label or paren:
            when = boxes.line_time(ctx, s.start, s.text, when, label is not None)
        where = claim_place(ctx, s, start, mentions)
        sources = claim_sources(ctx, mentions, start, end, names, earlier, s)
        for each in (counted, *also_counted(q, sent, counted)):  # "dozens of arrests and injuries"
            claims.append(Claim(
                article=ctx.article.id, category=each.category,
                value=q.value, low=q.low, high=q.high, qualifier=q.qualifier, span=q.span,
                start=start, end=end, sentence=s.text, sentence_start=s.start,
                unit=each.unit, subject=each.subject, when=when, where=where, sources=sources,
            ))
    return bind_times(ctx, s, sent, claims)


def _is_place(ctx: Context, start: int, end: int) -> bool:
    return any(p.start < end and start < p.end for p in ctx.places)


def _shift(m: SourceMention, base: int) -> SourceMention:
    """A mention with offsets into the article text."""
    return replace(m, start=m.start + base, end=m.end + base,
                   date_spans=tuple((lo + base, hi + base) for lo, hi in m.date_spans))


_BYLINE = re.compile(r"\s+(?:(?:writes|reports|reporting)\s+from\b|writes\s*(?:[.!?]|$))", re.IGNORECASE | re.MULTILINE)


_NOT_A_NAME = frozenset({"and", "or", "but", "the", "a", "an", "of", "as", "in", "to", "that", "which"})


def claim_sources(ctx: Context, mentions: list[SourceMention], start: int, end: int,
                  names: Names, earlier: Sequence[Claim] = (), s: segment.Sentence | None = None) -> tuple[Source, ...]:
    """The chain: in-sentence sources innermost first (pronouns and definite descriptions
    as the sayer named before them, acronyms as the article spelt them out), then the
    voice of the quote, post or headline the sentence stands in; a sentence that
    continues the one before keeps its sources."""
    sayers = ctx.sayers or read_sayers(ctx.article.text)
    text = ctx.article.text
    chain: list[Source] = []
    for m in mentions:
        if m.perceived and any(p.start < m.end <= p.end for p in ctx.places):
            continue  # "kuwait witnessed night demonstrations": a place, not a sayer
        if _BYLINE.match(text, m.end):
            continue  # "..., john smith writes from delhi": the article's own writer, its own authority
        owner = None if m.pronoun else possessor(m.mention)  # "its spokesman": the one "it" is
        head = None if m.pronoun or owner else description_head(m.mention, text, m.start)
        if m.pronoun or head or owner:
            name = refer(owner or m.mention, head, m.start, earlier, sayers)
            if name is None and head and (head not in words().anaphoric_nouns or len(m.mention.split()) > 1):
                name = names.canonical(m.mention)  # "the governor told reporters", "the union said": described
            elif name is None:
                continue  # "it said", "the group said", nobody named before: left out, never guessed
        else:
            said = m.name or m.mention
            name = names.canonical(named_after(said, text, m.start, m.end) or expand(said, sayers))
        if not any(ch.isalpha() for ch in name) or name.lower() in _NOT_A_NAME:
            continue  # "the group ... and stated eight demands": a parse that left a bare word
        chain.append(Source(name, m.verb, _source_date(ctx, m), m.mention, m.start, m.end))
    voice = region_at(list(ctx.regions), start, end)
    speaker = voice and (refer(voice.mention, None, voice.mention_start, earlier, sayers)
                         if voice.mention.lower() in words().anaphora_pronouns else names.canonical(voice.mention))
    if voice and speaker and not any(_same_speaker(c.name, speaker) for c in chain):
        chain.append(Source(speaker, voice.verb, voice.date, voice.mention, voice.mention_start, voice.mention_end))
    headline = headline_source(sayers, start, end)
    if headline and not chain:
        later = named_after(headline.name, text, headline.start, headline.end, headline=True)
        chain.append(replace(headline, name=names.canonical(later or headline.name)))
    if not chain and not mentions and s is not None:
        return tuple(replace(c, name=names.canonical(expand(c.name, sayers)))
                     for c in continued(s.text, s.start, text, earlier, sayers))
    return tuple(chain)


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


def claim_place(ctx: Context, s: segment.Sentence, number_at: int, mentions: list[SourceMention]) -> Place | None:
    """The place nearest the number in its sentence (not inside a source's name),
    else the article's main place."""
    source_spans = [(m.start, m.end) for m in mentions]
    own = [p for p in _in_sentence(ctx, s, ctx.places)
           if not any(lo <= p.start and p.end <= hi for lo, hi in source_spans)]
    if own:
        best = min(own, key=lambda p: (abs(p.start - number_at) + (0 if p.start > number_at else 20)))
        return coordinated_place(own, best, ctx.article.text)  # "in Brest and Gomel" keeps both
    return ctx.main_place
