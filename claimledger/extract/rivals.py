"""Rival figures in one line: "organisers said 30,000 marched; police put it at 8,000".

The second figure stands bare as what a sayer *puts it at* or *says*; it counts what
the figure before it in the sentence counts ("it", "the figure"), or what its object
names ("the crowd", "the toll"); or it follows the one before it with its own "according
to" ("20,000 (according to the police, or more than 25,000 according to the organizers)")
and counts what that one counts. Each figure keeps its own sayer: where both clauses
have one, a sayer across a semicolon or a ", but"/", while" is the other clause's, and
a figure's own "according to" is its sayer alone, never the figure's before it.
"""
from __future__ import annotations

from typing import Sequence

from spacy.tokens import Span, Token

from claimledger.model import Claim

from .categories import Counted, lemma
from .labels import word_category
from .lexicon import lexicon
from .quantities import Quantity
from .sources import SourceMention, according_at

_ESTIMATES = {"put", "place", "peg", "set", "estimate", "give", "say", "report", "claim", "count",
              "number", "tally", "reckon", "state"}
_REFERRING = {"it", "that", "this", "figure", "number", "total", "count", "tally", "estimate", "toll"}
_CLAUSE_LINKS = {"but", "while", "whereas"}


def rival_category(q: Quantity, sent: Span, before: Sequence[Claim]) -> Counted | None:
    """What a bare figure set against another counts: "police put it at 8,000" after
    "30,000 marched", "the government said 12" after "52 were killed"."""
    core = sent.doc[q.core]
    verb = _estimating_verb(core)
    if verb is None:
        if before and _rival_according(q, sent) is not None:  # "..., or 25,000 according to X"
            last = before[-1]
            return Counted(last.category, last.unit, last.subject)
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and not q.start <= c.i < q.end), None)
    refers = obj is None or lemma(obj) in _REFERRING or obj.lower_ in _REFERRING
    if not refers and (named := word_category(lemma(obj)) or word_category(obj.lower_)):
        return Counted(named[0], named[1], "people" if named[1] == "people" else named[1])
    if not refers:
        return None
    if not before:
        return None
    last = before[-1]
    return Counted(last.category, last.unit, last.subject)


_SET_AGAINST = {"or", "and", "but", "while", "whereas", "versus", "vs", ",", "(", ";"}
_QUALIFYING = {"more", "less", "fewer", "than", "at", "least", "most", "about", "around", "some", "nearly",
               "almost", "over", "under", "up", "to", "roughly", "approximately", "as", "many"}


def _rival_according(q: Quantity, sent: Span) -> int | None:
    """For a figure that follows another as its rival with its own sayer right after it
    ("..., or more than 25,000 according to the organizers", "and 15,000 according to
    organizers"), the index of that "according"; None for any other figure."""
    doc = sent.doc
    if q.start <= sent.start or doc[q.start - 1].lower_ not in _SET_AGAINST:
        return None
    after = q.end + (q.end < sent.end and doc[q.end].text == ",")  # a comma between allowed
    if after + 1 < sent.end and doc[after].lower_ == "according" and doc[after + 1].lower_ == "to":
        return after
    return None


def _rivals_sayer(m: SourceMention, q: Quantity, sent: Span) -> bool:
    """Whether ``m`` is the own "according to" of another, later bare figure set against
    the one at ``q`` ("or 20 according to X"), and so not ``q``'s sayer."""
    doc = sent.doc
    acc = m.verb_i
    if not (q.end <= acc < sent.end and doc[acc].lower_ == "according"):
        return False
    i = acc - 1 - (doc[acc - 1].text == ",")
    if i < q.end or not doc[i].like_num:
        return False
    while i > q.end and (doc[i - 1].like_num or doc[i - 1].lower_ in _QUALIFYING):
        i -= 1
    return doc[i - 1].lower_ in _SET_AGAINST


def _estimating_verb(core: Token) -> Token | None:
    """The verb a bare figure is the estimate of: "put it at 8,000", "said 12"."""
    if core.dep_ == "pobj" and core.head.lower_ in ("at", "as"):
        verb = core.head.head  # "put it at 8,000", or "estimated [the crowd at 3,500]"
        verb = verb.head if verb.dep_ == "dobj" and verb.pos_ in ("NOUN", "PRON") else verb
    elif core.dep_ in ("dobj", "attr", "oprd"):
        verb = core.head
    else:
        return None
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    return verb if lemma(verb) in _ESTIMATES or lemma(verb) in lexicon().report_verbs else None


def own_clause(mentions: list[SourceMention], q: Quantity, sent: Span) -> list[SourceMention]:
    """A sayer in another clause than the figure's, across "; " or ", but" / ", while",
    is that clause's when the figure's clause has its own sayer ("organisers said 30,000
    marched; police put it at 8,000"), and always across a contrast ("X said A, while
    B"); a sayer closing the whole line stays ("A, but B, the source said")."""
    doc = sent.doc
    if (own_at := _rival_according(q, sent)) is not None:  # "..., or 25,000 according to X": X only
        own = according_at(doc[own_at], sent)
        if own:
            return own
    # and the figure set against it is not this one's: "12 were killed, or 20 according to X"
    mentions = [m for m in mentions if not _rivals_sayer(m, q, sent)]
    bounds = [(t.i, t.text != ";") for t in sent if t.text == ";" or (
        t.lower_ in _CLAUSE_LINKS and t.i > sent.start and doc[t.i - 1].text == ",")]
    if not bounds:
        return mentions
    clause = _clause_of(q.start, bounds)
    own = [m for m in mentions if _clause_of(m.verb_i, bounds) == clause]
    kept = []
    for m in mentions:
        lo, hi = sorted((m.verb_i, q.start))
        contrast = any(lo < b < hi and is_contrast for b, is_contrast in bounds)
        if m in own or (m.verb_i > q.start and _closing(m, sent)) or not (own or contrast):
            kept.append(m)
    return kept


def _clause_of(i: int, bounds: list[tuple[int, bool]]) -> int:
    return sum(b < i for b, _ in bounds)


def _closing(m: SourceMention, sent: Span) -> bool:
    """ "..., the source said." : the sayer's verb ends the sentence with only its own words after it."""
    verb, after = m.verb_i, sent.doc[m.verb_i + 1:sent.end]
    return all((t.is_punct or t.head.i == verb or t.head.head.i == verb) and not t.like_num for t in after)
