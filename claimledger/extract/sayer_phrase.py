"""Who a noun phrase names as a sayer: the words of its name, not its description
("a lawyers' group that tracks detentions, Legal Aid Watch" -> Legal Aid Watch), its
co-sayers apart ("the union and medics"), two kinds of one plural sayer ("security and
medical officials"), the outlet of a journalist ("an asia plus correspondent"), the
author of a report ("the Reuters report", "reports by X"), and none for a count or a
crowd. Pure functions over a parsed phrase; ``sources`` finds the phrases.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .lexicon import lexicon
from .sayer_words import words

_KEEP = {"compound", "amod", "det", "poss", "nmod", "case", "nummod", "quantmod", "prep", "pobj",
         "punct", "cc", "conj", "flat", "advmod"}
_NAME_PREPS = {"of", "from", "in", "at", "for", "on"}
_NON_PERCEIVER_ENTS = {"DATE", "TIME", "GPE", "LOC", "FAC", "EVENT"}


def _sayer_noun(tok: Token) -> bool:
    w = words()
    lemma = tok.lemma_.lower()
    return tok.lower_ in w.standalone_sayers or lemma in w.referring_nouns or lemma in w.person_nouns \
        or lemma in w.org_words or lemma in w.journalist_nouns


def sayer_like(tok: Token) -> bool:
    """A noun that can speak: a name, or a person, group or outlet noun (not "a city that declared")."""
    w = words()
    lemma = tok.lemma_.lower()
    return tok.pos_ == "PROPN" or lemma in w.referring_nouns or lemma in w.person_nouns \
        or lemma in w.journalist_nouns or lemma in w.org_words or lemma in w.headline_sayers


def perceiver(subj: Token) -> bool:
    return subj.ent_type_ not in _NON_PERCEIVER_ENTS and subj.lemma_.lower() not in words().non_perceivers \
        and not subj.like_num


def members(subj: Token) -> list[Token]:
    """A group's named examples: "rights groups such as A and B" -> the phrase of A and B;
    else the subject itself (co-sayers are split from its words by ``name_spans``)."""
    for c in subj.children:
        such = c.lower_ == "as" and (any(g.lower_ == "such" for g in c.children)
                                     or any(g.lower_ == "such" and g.i == c.i - 1 for g in subj.children))
        if c.dep_ == "prep" and (such or c.lower_ in words().example_preps):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return [obj]
    return [subj]


def name_spans(head: Token, verb: Token, sent: Span, counts: bool = False) -> list[tuple[int, int] | None]:
    """Char spans that name the sayers headed by ``head``, in text order: co-sayers
    ("the union and medics") apart; none for a count, a crowd or bare "reports"; the
    name, not the description, of an apposition."""
    w = words()
    named = _apposed_name(head)
    if named is not None:
        head = named
    lo, hi = phrase(head)
    toks = [t for t in head.doc[head.left_edge.i:head.right_edge.i + 1] if lo <= t.idx < hi]
    if _counted(head) and not (counts and _few_sayers(head)) or (toks and toks[0].lower_ in w.crowd_words):
        return []  # a count is no speaker, nor is a crowd ("Dozens of protesters reported injuries")
    if not any(c.dep_ == "conj" for c in head.children):
        report = _report_noun(head, verb)  # "media and NGO reporting" is one characterised report
        if report is not None:
            return report
    shared = shared_head(toks)
    if shared:
        return shared
    pieces = coordinated(toks)
    out: list[tuple | None] = []
    for i, piece in enumerate(pieces):
        top = next((t for t in piece if t.head not in piece or t.head is t), piece[-1])
        report = _report_noun(top, verb)
        outlet = _outlet_of(top) if report is None else None
        if report is not None:
            out += report
        elif outlet is not None:
            out.append(_outlet_span(top, outlet))
        else:
            out.append(tail_name(piece, verb if i == len(pieces) - 1 else None))
    return out


def _counted(head: Token) -> bool:
    """ "at least two protesters", "three of the residents": a count, not a sayer (a date in
    the phrase, "a council meeting on january 5", is no count)."""
    if head.like_num or head.pos_ == "NUM":
        return True
    near = [c for c in head.children if c.dep_ in ("nummod", "quantmod", "amod", "compound", "det")]
    near += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    return any(t.like_num or t.pos_ == "NUM" for t in near)


def _few_sayers(head: Token) -> bool:
    """ "two residents", "three doctors": a few named by a number word on a plural noun (not
    "1 amnesty international", the number of an excerpt, nor "first article")."""
    lex = lexicon()
    nums = [c for c in head.children if c.dep_ == "nummod"]
    return len(nums) == 1 and (head.tag_ == "NNS" and (nums[0].lower_ in lex.units or nums[0].lower_ in lex.tens)
                               or head.tag_ == "NN" and nums[0].lower_ == "one")


def coordinated(toks: list[Token]) -> list[list[Token]]:
    """A phrase cut at its coordinations: "Amnesty International and Human Rights Watch",
    "A (AA), B (BB) and C"; not inside a name's prepositional part ("Ministry of Labour
    and Social Affairs") or parentheses."""
    if not toks:
        return []
    span = {t.i for t in toks}
    depth, cuts = 0, []
    for t in toks:
        depth += t.text == "("
        depth -= t.text == ")"
        if depth or t.lower_ not in ("and", ",") or t is toks[0] or t is toks[-1]:
            continue
        if any(a.i in span and a.dep_ == "prep" for a in t.ancestors):
            continue
        if t.lower_ == "and" and _modifier_before(t):
            continue  # "iraqi health and human rights watch": one name
        cuts.append(t)
    if cuts and cuts[-1].lower_ == ",":
        cuts = [c for c in cuts if c.lower_ != ","]  # "the AAPP, a group": no list without an "and"
    pieces, cur = [], []
    for t in toks:
        if t in cuts or (cur == [] and t.lower_ == "and"):
            if cur:
                pieces.append(cur)
            cur = []
            continue
        cur.append(t)
    if cur:
        pieces.append(cur)
    return [p for p in pieces if any(t.pos_ in ("NOUN", "PROPN") for t in p)] or [toks]


def _shared_plural(toks: list[Token]) -> bool:
    last = toks[-1]
    return last.tag_ == "NNS" and not last.is_title


def shared_head(toks: list[Token]) -> list[tuple]:
    """ "security and medical officials" -> security officials, medical officials: two
    kinds of one plural sayer noun, whatever the parser made of them."""
    while toks and (toks[0].pos_ == "DET" or toks[0].is_punct):
        toks = toks[1:]
    ands = [i for i, t in enumerate(toks) if t.lower_ == "and"]
    if len(ands) != 1 or len(toks) < 4 or not _shared_plural(toks):
        return []
    left, right = toks[:ands[0]], toks[ands[0] + 1:]
    if not left or len(left) > 3 or len(right) < 2 or any(
            t.tag_ in ("NNS", "NNPS") or t.is_title or t.is_punct or _sayer_noun(t) for t in left):
        return []
    head = toks[-1]
    lo, hi = left[0].idx, left[-1].idx + len(left[-1])
    return [(lo, hi, f"{head.doc.text[lo:hi]} {head.text}"), (right[0].idx, head.idx + len(head))]


def _modifier_before(conj: Token) -> bool:
    """ "security and medical officials", "campus and hospital officials": the word before
    "and" modifies the head after, it is no sayer of its own (unlike "police and witnesses")."""
    doc = conj.doc
    j = conj.i - 1
    while j > 0 and doc[j].text == ",":
        j -= 1
    left = doc[j]
    if left.pos_ == "PROPN" or left.is_title or left.lower_ in words().standalone_sayers:
        return False
    return left.head.i > conj.i and (left.dep_ in ("amod", "compound", "nmod") or left.pos_ == "ADJ")


def _apposed_name(head: Token) -> Token | None:
    """ "a lawyers' group that tracks detentions, Legal Aid Watch," -> Legal Aid Watch;
    "the AAPP, a monitoring group that tallies deaths," keeps the AAPP: of a phrase and
    its appositions, the most name-like (a proper noun without an article) speaks."""
    doc = head.doc
    appos = [a for a in head.children if a.dep_ == "appos" and a.i > head.i and doc[a.left_edge.i - 1].text == ","
             or a.dep_ in ("appos", "nmod", "compound", "npadvmod") and a.i < head.i and a.pos_ in ("PROPN", "NOUN")
             and doc[a.right_edge.i + 1].text == ","]
    # the parser hung the name on the relative clause: "a group that counts arrests, Freedom Watch,"
    appos += [t for t in head.subtree if t.dep_ == "appos" and t.head is not head and t.head.i > head.i
              and t.pos_ == "PROPN" and doc[t.left_edge.i - 1].text == ","]
    if not appos:
        return None
    best = min([head, *appos], key=lambda t: (_descriptive(t), t is not head))
    return None if best is head else best


def _descriptive(tok: Token) -> int:
    """0 for a bare proper name, up to 4 for "a group that tracks detentions"."""
    dets = [c.lower_ for c in tok.children if c.dep_ in ("det", "poss")]
    score = 0 if tok.pos_ == "PROPN" else 1
    score += 2 if any(d in ("a", "an") for d in dets) else 1 if dets else 0
    return score + any(c.dep_ in ("relcl", "acl") for c in tok.children)


def has_det(tok: Token) -> bool:
    return any(c.dep_ in ("det", "poss") for c in tok.children)


def _outlet_of(head: Token) -> Token | None:
    """ "a Reuters photographer", "an AFP reporter": the outlet speaks."""
    if head.lemma_.lower() not in words().journalist_nouns:
        return None
    return next((c for c in head.children if c.dep_ in ("compound", "poss", "nmod") and c.i < head.i
                 and c.pos_ in ("PROPN", "NOUN") and c.lemma_.lower() not in ("news", "photo", "video")), None)


def _outlet_span(head: Token, outlet: Token) -> tuple[int, int]:
    """ "an asia plus correspondent", "the al arabiya correspondent": every word of the
    outlet's name before the journalist noun, however loosely the parser hung them."""
    doc = head.doc
    lo = min(outlet.left_edge.i, outlet.i)
    while lo - 1 >= 0 and doc[lo - 1].dep_ in ("compound", "nmod", "amod", "poss", "flat") and doc[lo - 1].pos_ in (
            "PROPN", "NOUN") and doc[lo - 1].head.i in range(lo, head.i + 1):
        lo -= 1
    hi = head.i - 1
    while hi > lo and (doc[hi].is_punct or doc[hi].lower_ in ("'s", "’s", "s") or doc[hi].lemma_.lower() in ("news",)):
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


def tail_name(toks: list[Token], verb: Token | None) -> tuple[int, int]:
    """ "the rights group Freedom Now said": the name after its description; a capitalised
    word the parser left out ("Radio Free Now reported") joins the name."""
    doc = toks[0].doc
    while len(toks) > 1 and (toks[0].is_punct or toks[0].pos_ in ("DET", "CCONJ")):
        toks = toks[1:]
    while len(toks) > 1 and (toks[-1].is_punct and (toks[-1].text != ")" or not any(t.text == "(" for t in toks))
                             or toks[-1].pos_ == "CCONJ"):
        toks = toks[:-1]
    j = toks[-1].i + 1
    while verb is not None and j < verb.i and doc[j].is_title and doc[j].pos_ in ("ADV", "PROPN", "NOUN") \
            and not doc[j].is_sent_start:
        toks = [*toks, doc[j]]
        j += 1
    lo, hi = toks[0].idx, toks[-1].idx + len(toks[-1])
    name = [i for i, t in enumerate(toks) if not (t.is_title or t.is_upper or t.lower_ in _PARTICLES or t.is_punct)]
    # "[a] [local] rights group | Freedom Now", "Local NGOs | Justice Now (JN)": description then name
    k = name[-1] + 1 if name else 0
    if 0 < k < len(toks) and toks[k].is_title and not any(t.lower_ in _NAME_PREPS for t in toks[:k]) \
            and toks[k - 1].pos_ in ("NOUN", "PROPN") and not toks[k - 1].is_title:
        return toks[k].idx, hi
    if k == 0 and len(toks) > 2 and toks[1].lower_.rstrip("s") in words().referring_nouns and toks[2].is_title:
        return toks[2].idx, hi  # "Local NGOs Justice Now": a capitalised description
    return lo, hi


_PARTICLES = {"of", "for", "the", "and", "'s", "’s", "de", "al", "el", "(", ")", "-", "/", "in", "on"}


def _report_noun(head: Token, verb: Token) -> list | None:
    """A report as the sayer: bare "reports" name nobody ([]); "the Reuters report" is
    Reuters; "the annual report UNAMA released" is UNAMA; "state media reports" keep
    their description. None when ``head`` is not a report noun."""
    w = words()
    if head.lemma_.lower() not in w.bare_report_nouns and head.lower_ not in w.bare_report_nouns \
            or head.pos_ == "PROPN" or head.is_title and not head.is_sent_start:
        return None  # "Shan News", "Fox News" are names
    for c in head.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i == head.i + 1:
            return [phrase(c, split=True)]  # "the annual report OHCHR released"
        if c.dep_ in ("relcl", "acl") and c.lemma_.lower() not in w.evidence_verbs:
            subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
            if subj is not None and subj.lower_ not in w.anaphora_pronouns:
                return [phrase(subj, split=True)]
            who = _by_whom(c)  # "reports received from human rights activists"
            if who is not None:
                return name_spans(who, verb, verb.doc[:])
    named = [c for c in head.children if c.i < head.i and (c.dep_ in ("compound", "poss", "nmod") or c.dep_ == "amod"
                                                         and c.lower_ not in w.vague_report_words)]
    who = _by_whom(head)  # "reports by A and B", "a statement from the police"; not "a report from asgabat"
    if who is not None and (not named or who.head.lower_ != "from"):
        return name_spans(who, verb, verb.doc[:])
    if not named:
        # "al jazeera carries a report saying ...": the one who carries or issues it
        if head.dep_ == "dobj":
            owner = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
            if owner is not None and sayer_like(owner):
                return name_spans(owner, verb, verb.doc[:])
        return []
    generic = all(t.lower_ in words().generic_report_words or t.is_punct or t.pos_ in ("CCONJ", "DET", "ADJ")
                  for c in named for t in c.subtree)  # "chinese news reports" are characterised, not an outlet's
    if head.lower_.startswith("report") and not head.lower_.startswith("reporting") and not generic:
        return [_outlet_span(head, named[0])]  # "the Reuters report", "a xinhua report": the outlet
    return [phrase(head, split=True)]  # "media and NGO reporting": a characterised report


def _by_whom(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "of", "from"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and (c.lower_ != "from" or sayer_like(obj)):
                return obj
    return None


def phrase(head: Token, split: bool = False) -> tuple[int, int]:
    """Char span of a speaker phrase: the head with its name words, not its appositions
    or clauses; with ``split``, not its co-sayers either ("A and B" are two)."""
    keep = {head.i}
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            if split and t is head and c.dep_ in ("cc", "conj"):
                continue
            # "the spokesman Ali Rahimi": an apposition without a comma is part of the name
            tight_appos = c.dep_ == "appos" and c.i > 0 and (not c.doc[c.left_edge.i - 1].is_punct
                                                             or c.doc[c.left_edge.i - 1].text == "(")
            if (c.dep_ in _KEEP or tight_appos) and not (c.dep_ == "prep" and c.lower_ not in _NAME_PREPS):
                listed = c.text == "," and any(g.dep_ == "conj" and g.i > c.i for g in t.children)
                if c.dep_ == "punct" and c.text not in ("(", ")", "/", "-", "'") and not listed:
                    continue
                keep.add(c.i)
                stack.append(c)
    lo = hi = head.i
    while lo - 1 in keep:
        lo -= 1
    doc = head.doc
    while lo - 1 >= 0 and doc[lo - 1].pos_ in ("PROPN", "NOUN") \
            and doc[lo - 1].dep_ in ("compound", "nmod", "amod", "npadvmod", "nsubj"):
        lo -= 1  # "sudan doctors syndicate" when the parser hung "sudan doctors" elsewhere
    while hi + 1 in keep:
        hi += 1
    while lo < hi and (doc[lo].is_punct or doc[lo].pos_ in ("DET", "CCONJ")):
        lo += 1
    while hi > lo and (doc[hi].is_punct and doc[hi].text != ")" or doc[hi].pos_ == "CCONJ"):
        hi -= 1
    return doc[lo].idx, doc[hi].idx + len(doc[hi].text)
