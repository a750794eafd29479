"""Who says a number, inside its sentence: "X said", "according to X", "X reported
that Y said N" (chain [Y, X]), "the toll ... announced by X", ", X said."

``sentence_sources`` returns mentions innermost first (the one who first said it
comes first); dates are attached later from the time expressions that sit in each
reporting verb's own phrases (``date_spans``).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .lexicon import lexicon
from .quantities import doc_text

_PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this", "those", "one"}
_KEEP = {"compound", "amod", "det", "poss", "nmod", "case", "nummod", "quantmod", "prep", "pobj",
         "punct", "cc", "conj", "flat", "advmod"}
_NAME_PREPS = {"of", "from", "in", "at", "for", "on"}
_CROWDS = {"dozens", "scores", "hundreds", "thousands", "millions", "tens"}  # a phrase they open counts


@dataclass(frozen=True)
class SourceMention:
    mention: str
    verb: str
    start: int  # char offsets of the mention
    end: int
    verb_i: int  # token index of the reporting word
    date_spans: tuple[tuple[int, int], ...] = ()  # char ranges where its date may stand
    pronoun: bool = False


def sentence_sources(anchor: Token, sent: Span) -> list[SourceMention]:
    """Sources of the number at ``anchor`` (its counted phrase), innermost first."""
    found: list[SourceMention] = []
    used: set[int] = set()
    child, tok = anchor, anchor
    for _ in range(12):
        for rel in _relative_reports(tok, child):
            _add(found, used, _from_verb(rel, child, sent))
        _add(found, used, _according(tok, sent))
        if tok.dep_ == "ROOT" or tok.head is tok:
            break
        child, tok = tok, tok.head
        if _is_report(tok) and child.dep_ not in ("nsubj", "nsubjpass", "csubj", "conj"):
            _add(found, used, _cited(tok, sent))
            _add(found, used, _from_verb(tok, child, sent))
        if found and child.dep_ == "conj" and child.pos_ == "VERB" and _is_report(child):
            break  # "A said X, while B reported Y": B's clause is B's alone
    if not found:
        _add(found, used, _postposed(anchor, sent))
    return found


def _add(found: list, used: set, m: SourceMention | None) -> None:
    if m and m.verb_i not in used:
        used.add(m.verb_i)
        found.append(m)


def _is_report(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and (tok.lemma_.lower() in lexicon().report_verbs)


def _relative_reports(tok: Token, child: Token):
    """Reporting relative clauses on a noun: "the toll of 1500 that was announced by X"."""
    if tok.pos_ not in ("NOUN", "PROPN", "NUM"):
        return []
    return [c for c in tok.children if c.dep_ in ("relcl", "acl") and _is_report(c) and c is not child]


def _from_verb(verb: Token, child: Token, sent: Span) -> SourceMention | None:
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        subj = next((c for c in agent.children if c.dep_ == "pobj"), None)
    elif subj is None or subj.dep_ == "nsubjpass":
        subj = _left_noun(verb, sent)
    if subj is None or subj.lower_ in ("which", "that", "who"):
        return None
    start, end = _phrase(subj)
    text = doc_text(sent.doc)[start:end]
    words = sent.doc.char_span(start, end, alignment_mode="expand") or []
    # a count is no speaker ("at least two protesters were killed, ..."), nor is a crowd
    # ("Dozens of protesters and police officers reported injuries")
    if any(t.like_num or t.pos_ == "NUM" for t in words) or (len(words) and words[0].lower_ in _CROWDS):
        return None
    return SourceMention(text, verb.lower_, start, end, verb.i, _date_spans(verb, child),
                         pronoun=subj.lower_ in _PRONOUNS)


def _cited(verb: Token, sent: Span) -> SourceMention | None:
    """ "Fars, citing Iran's judiciary, said ...": the one cited spoke first."""
    for c in verb.children:
        if c.lemma_.lower() in ("cite", "quote") and c.dep_ in ("advcl", "xcomp", "acl", "conj"):
            obj = next((g for g in c.children if g.dep_ == "dobj"), None)
            if obj is not None:
                start, end = _phrase(obj)
                return SourceMention(doc_text(sent.doc)[start:end], c.lower_, start, end, c.i)
    return None


def _according(tok: Token, sent: Span) -> SourceMention | None:
    """ "according to X", "according to reports by X" attached to ``tok``."""
    acc = next((c for c in tok.children if c.lower_ == "according"), None)
    to = next((c for c in acc.children if c.lower_ == "to"), None) if acc is not None else None
    obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if obj is None:
        return None
    verb = "according to"
    by = next((g for c in obj.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")
               for g in c.children if g.dep_ == "pobj"), None)
    if by is not None and obj.lemma_.lower() in ("report", "figure", "estimate", "data", "statement", "count", "tally"):
        verb, obj = f"according to {obj.lower_} {by.head.lower_}", by
    start, end = _phrase(obj)
    return SourceMention(doc_text(sent.doc)[start:end], verb, start, end, acc.i,
                         pronoun=obj.lower_ in _PRONOUNS)


def _postposed(anchor: Token, sent: Span) -> SourceMention | None:
    """ "..., killing 10 people, witnesses and opposition web sites said." when the
    parse missed it: the words between the last comma and a reporting verb."""
    doc = sent.doc
    for v in sent:
        if v.i <= anchor.i or not _is_report(v) or v.tag_ not in ("VBD", "VBZ", "VBP"):
            continue
        j = v.i - 1
        while j > anchor.i and doc[j].text not in (",", ";", "—"):
            j -= 1
        if doc[j].text == "," and v.i - j - 1 in range(1, 9) and (v.i + 1 >= sent.end or doc[v.i + 1].is_punct):
            start, end = doc[j + 1].idx, doc[v.i - 1].idx + len(doc[v.i - 1].text)
            return SourceMention(doc_text(doc)[start:end], v.lower_, start, end, v.i, (),
                                 pronoun=doc[j + 1].lower_ in _PRONOUNS and v.i - j == 2)
    return None


def _left_noun(verb: Token, sent: Span) -> Token | None:
    """The noun right before a verb whose subject the parser lost."""
    j = verb.i - 1
    while j >= sent.start and (sent.doc[j].is_punct or sent.doc[j].pos_ in ("AUX", "ADV", "PART")):
        j -= 1
    if j >= sent.start and sent.doc[j].pos_ in ("PROPN", "NOUN", "PRON"):
        tok = sent.doc[j]
        while tok.dep_ in ("compound", "flat", "nmod", "appos") and tok.head.i > tok.i and tok.head.i < verb.i:
            tok = tok.head
        return tok
    return None


def _phrase(head: Token) -> tuple[int, int]:
    """Char span of a speaker phrase: the head with its name words, not its appositions or clauses."""
    keep = {head.i}
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            # "the spokesman Ali Rahimi": an apposition without a comma is part of the name
            tight_appos = c.dep_ == "appos" and c.i > 0 and not c.doc[c.left_edge.i - 1].is_punct
            if (c.dep_ in _KEEP or tight_appos) and not (c.dep_ == "prep" and c.lower_ not in _NAME_PREPS):
                if c.dep_ == "punct" and c.text not in ("(", ")", "/", "-", "'"):
                    continue
                keep.add(c.i)
                stack.append(c)
    lo = hi = head.i
    while lo - 1 in keep:
        lo -= 1
    doc = head.doc
    while lo - 1 >= 0 and doc[lo - 1].pos_ in ("PROPN", "NOUN") and doc[lo - 1].dep_ in ("compound", "nmod", "amod", "npadvmod", "nsubj"):
        lo -= 1  # "sudan doctors syndicate" when the parser hung "sudan doctors" elsewhere
    while hi + 1 in keep:
        hi += 1
    while lo < hi and (doc[lo].is_punct or doc[lo].pos_ in ("DET", "CCONJ")):
        lo += 1
    while hi > lo and (doc[hi].is_punct and doc[hi].text != ")" or doc[hi].pos_ == "CCONJ"):
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)


def _date_spans(verb: Token, child: Token) -> tuple[tuple[int, int], ...]:
    """Where a reporting verb's own date may stand: its prepositional and adverbial
    phrases that do not hold the number ("confirmed in a report on December 23, 2019")."""
    spans = []
    for c in verb.children:
        if c is child or c.dep_ in ("ccomp", "nsubj", "dobj", "xcomp", "advcl", "conj"):
            continue
        if c.dep_ in ("prep", "npadvmod", "advmod", "tmod", "obl"):
            toks = list(c.subtree)
            spans.append((toks[0].idx, toks[-1].idx + len(toks[-1].text)))
    return tuple(spans)
