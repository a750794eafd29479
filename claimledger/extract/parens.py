"""Sayers in parentheses after a figure, the way boxes, tables and tallies give them:

    310 killed (per the health ministry)        -> health ministry
    Arrested 2,300+ (Monitor Group, as of 2 March) -> Monitor Group
    Participants 30,000 (organisers), 8,000 (police) -> organisers; police
    Deaths 1,500 (per Reuters)[a]               -> Reuters (a reference mark glued on)

Names that stand alone in the parentheses are sayers when they are names or a sayer's
description (``sayer_nouns`` in ``data/labels.json``); places, counted people and
acronyms of the name before them are not.
"""
from __future__ import annotations

from functools import cache
from typing import Callable

from spacy.tokens import Span, Token

from .categories import lemma
from .labels import CELL_SEPARATORS, VICTIMS, is_people, label_data
from .lexicon import lexicon
from .quantities import _MONTHS, Quantity, doc_text
from .sources import SourceMention


@cache
def _prefixes() -> list[tuple[str, ...]]:
    return sorted((tuple(p.replace(":", " :").split()) for p in label_data()["sayer_prefixes"]),
                  key=len, reverse=True)


_WHAT_IT_SAID = {"estimate", "estimates", "figure", "figures", "count", "tally", "data", "report",
                 "claim", "claims", "toll"}


def parenthesised_source(q: Quantity, sent: Span, category: str, inline: bool = False,
                         is_place: Callable[[int, int], bool] = lambda a, b: False) -> SourceMention | None:
    """The sayer in the first parentheses after a figure that name one: "310 killed (per
    the health ministry)", "2,300+ (Monitor Group, as of 2 March)". The search stops at
    the next figure or cell outside parentheses, or a few words on; breakdowns "(38
    protesters and 3 police officers)" are passed over, so the sayer after them is the
    total's and its parts'. ``inline``: a label line's "30,000 according to organisers"."""
    doc = sent.doc
    depth, words = _depth_at(sent, q.start), 0
    i = q.end
    while i < sent.end and words <= _MAX_GAP:
        t = doc[i]
        if t.text.startswith("("):
            close, limit = _closing(sent, i)
            # "near the Ministry of Defence (MOD)": an acronym or alias of a name, no sayer
            alias = doc[i - 1].pos_ == "PROPN" and i > q.end
            found = None if alias else _sayer_in(doc[i:close + 1], category, is_place, t.idx + 1, limit)
            if found:
                return found
            i = close + 1
            continue
        if ")" in t.text:
            depth -= t.text.count(")")
        elif depth <= 0 and (t.text in CELL_SEPARATORS or t.is_space and "\t" in t.text or
                             (t.like_num and not _is_date_part(t))):
            return None
        elif depth <= 0 and inline and t.lower_ in ("according", "per", "via", "citing"):
            end = _segment_end(sent, i)
            return _sayer_in(doc[i:end], category, is_place, t.idx, doc[end - 1].idx + len(doc[end - 1]))
        words += depth <= 0 and not t.is_punct
        i += 1
    return None


_MAX_GAP = 4  # words between a figure and its parentheses: "killed 310 people (per ...)"


def _depth_at(sent: Span, i: int) -> int:
    depth = 0
    for t in sent.doc[sent.start:i]:
        depth += t.text.count("(") - t.text.count(")")
    return max(depth, 0)


def _closing(sent: Span, i: int) -> tuple[int, int]:
    """The token holding the ")" that closes the "(" at token i, and that char's offset
    ("Reuters)[a]" is one token)."""
    depth = 0
    for t in sent.doc[i:sent.end]:
        for k, c in enumerate(t.text):
            depth += (c == "(") - (c == ")")
            if depth == 0:
                return t.i, t.idx + k
    last = sent.doc[sent.end - 1]
    return last.i, last.idx + len(last.text)


def _segment_end(sent: Span, i: int) -> int:
    """The end of an inline sayer phrase: the next comma, semicolon, bracket or cell."""
    j = i
    while j < sent.end and sent.doc[j].text not in (",", ";", "(", ")", ".", *CELL_SEPARATORS):
        j += 1
    return j


def _is_date_part(t: Token) -> bool:
    """ "as of 2 March": the day of a date is no new figure."""
    near = [t.nbor(k).lower_ for k in (-1, 1) if 0 <= t.i + k < len(t.doc)]
    return any(w in _MONTHS for w in near)


def _sayer_in(words: Span, category: str, is_place, lo: int, hi: int) -> SourceMention | None:
    """A sayer phrase within chars [lo, hi): "per the health ministry", "Source: Monitor
    Group", "organisers"; of parts split by commas ("Monitor Group, as of 2 March",
    "as of 1 March, per HRANA") the first that names one."""
    tokens = [t for t in words if t.idx < hi and t.idx + len(t.text) > lo]
    cuts = [-1, *(k for k, t in enumerate(tokens) if t.text in (",", ";")), len(tokens)]
    found = [f for a, b in zip(cuts, cuts[1:]) if (f := _sayer_phrase(tokens[a + 1:b], category, is_place, hi))]
    # a part that says it names a sayer ("according to ...") beats a bare name ("Porta")
    found.sort(key=lambda f: not f[1])
    return found[0][0] if found else None


def _sayer_phrase(tokens: list[Token], category: str, is_place, hi: int) -> tuple[SourceMention, bool] | None:
    """(the sayer, whether words said it is one) of one comma-separated part."""
    lowered = tuple(t.lower_ for t in tokens)
    prefix = next((p for p in _prefixes() if lowered[:len(p)] == p), None)
    if prefix:
        verb, tokens = " ".join(w for w in prefix if w != ":"), tokens[len(prefix):]
    elif _names_sayer(tokens, category, hi):
        verb = "according to"
    else:
        return None
    while tokens and (tokens[0].pos_ == "DET" or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    while len(tokens) > 1 and tokens[-1].lower_ in _WHAT_IT_SAID and tokens[-2].pos_ in ("PROPN", "NOUN"):
        tokens = tokens[:-1]  # "(Amnesty International estimate)", "(government figures)"
    if not tokens or len(tokens) > 10 or any(t.like_num for t in tokens):
        return None
    start, end = tokens[0].idx, min(hi, tokens[-1].idx + len(tokens[-1].text))
    if is_place(start, end):
        return None
    return SourceMention(doc_text(tokens[0].doc)[start:end], verb, start, end, tokens[0].i), bool(prefix)


def _names_sayer(tokens: list[Token], category: str, hi: int) -> bool:
    """Words alone in parentheses name a sayer when they are a name ("Monitor Group",
    "AP") or a sayer's description ("health ministry", "organisers"); people who are
    counted ("(police)" after a death toll) are not, except for crowd estimates."""
    if not tokens or len(tokens) > 8 or tokens[0].pos_ == "ADP" or any(t.like_num for t in tokens):
        return False
    if any(t.pos_ in ("VERB", "AUX", "PRON", "ADV") for t in tokens):
        return False
    head = tokens[-1]
    texts = [t.text[:hi - t.idx] for t in tokens]  # "Reuters)[a]" is one token
    nouns = set(label_data()["sayer_nouns"])
    described = lemma(head) in nouns or texts[-1].lower() in nouns or " ".join(texts).lower() in nouns
    said = texts[-1].lower() in _WHAT_IT_SAID  # "(government figures)": figures are no people
    if not said and (is_people(head) and category in VICTIMS or lemma(head) in lexicon().sites):
        return False  # "Deaths: 12 (police)", "Killed: 9 (Northern Province)"
    named = all(w.istitle() or w.isupper() or t.pos_ in ("ADP", "DET", "CCONJ", "PART") or t.is_punct
                for t, w in zip(tokens, texts)) and any(t.pos_ == "PROPN" for t in tokens)
    return described or named


def first_of(paren: SourceMention, mentions: list[SourceMention], text: str) -> list[SourceMention]:
    """The chain with the sayer in parentheses first; other "sayers" inside the same
    parentheses ("(Porta, according to the Red Crescent)") are not."""
    open_at = text.rfind("(", 0, paren.start)
    close_at = text.find(")", paren.end)
    close_at = len(text) if close_at < 0 else close_at
    return [paren, *(m for m in mentions if m.end <= open_at or m.start > close_at)]

