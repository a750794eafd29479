"""Who says a number, inside its sentence: "X said", "according to X", ", X said."
after the clause, the passive agent ("confirmed by X"), perception ("a Reuters
photographer saw"), "X reported that Y said N" (chain [Y, X]), "X told Y" ([X, Y]),
"Y, quoting X" ([X, Y]), co-sayers ("A and B said": [A, B]) and examples of a group
("groups such as A and B").

``sentence_sources`` returns mentions innermost first (the one who first said it
comes first); dates are attached later from the time expressions that sit in each
reporting verb's own phrases (``date_spans``). Pronouns, definite descriptions and
acronyms are resolved across the article in ``attribution``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Span, Token

from .lexicon import lexicon
from .quantities import doc_text
from .sayer_words import words
from .sayer_phrase import (
    coordinated, has_det, members, name_spans, perceiver, phrase, sayer_like, shared_head, tail_name,
)



@dataclass(frozen=True)
class SourceMention:
    mention: str
    verb: str
    start: int  # char offsets of the mention
    end: int
    verb_i: int  # token index of the reporting word
    date_spans: tuple[tuple[int, int], ...] = ()  # char ranges where its date may stand
    pronoun: bool = False
    name: str | None = None  # the sayer's name where the mention holds only part of it
    perceived: bool = False  # "saw", "witnessed": a place that witnessed protests is no sayer


def sentence_sources(anchor: Token, sent: Span) -> list[SourceMention]:
    """Sources of the number at ``anchor`` (its counted phrase), innermost first: the
    reporting clauses above it, else those the parser hung elsewhere in the sentence."""
    return (_walk_up(anchor, sent) or _conj_sayer(anchor, sent) or _late_according(anchor, sent)
            or _postposed(anchor, sent) or _account_before_colon(anchor, sent) or _reports_to_look_into(anchor, sent))


def _walk_up(anchor: Token, sent: Span) -> list[SourceMention]:
    """From the number up its clauses: each reporting verb that reports it, each "according to"."""
    found: list[SourceMention] = []
    used: set[int] = set()
    child, tok = anchor, anchor
    for _ in range(12):
        for rel in _relative_reports(tok, child):
            _add(found, used, rel.i, _from_verb(rel, child, sent))
        acc = _according(tok, sent)
        if acc:
            _add(found, used, acc[-1].verb_i, acc)
        if tok.dep_ == "ROOT" or tok.head is tok:
            break
        closing = tok.dep_ == "relcl" and tok.doc[tok.i - 1].text == ","  # "the AAPP, a group ..., reported"
        if found and (_is_report(tok) and (tok.dep_ in ("conj", "advcl", "parataxis", "pcomp") or closing)
                      or _contrast(tok)):
            break  # "A said X, while B reported Y": B's clause is B's alone
        child, tok = tok, tok.head
        if _is_report(tok) and _reported_by(tok, child):
            if tok.lemma_.lower() in words().perception_verbs and child.dep_ == "dobj":
                found = [m for m in found if m.verb_i not in {t.i for t in child.subtree}]  # the footage seen
            _add(found, used, -tok.i - 1, _cited(tok, child, sent))
            _add(found, used, tok.i, _from_verb(tok, child, sent))
    return found


def _conj_sayer(anchor: Token, sent: Span) -> list[SourceMention]:
    """ "70 were arrested, ali taala told the news agency isna, according to reuters": a
    reporting verb without content of its own that the parser joined to the figure's clause."""
    for v in sent.doc[anchor.i + 1:sent.end]:
        if v.dep_ in ("conj", "parataxis") and _is_report(v) \
                and (v.head is anchor or v.head in anchor.ancestors) \
                and not any(c.dep_ in ("ccomp", "xcomp") for c in v.children):
            found = _from_verb(v, anchor, sent)
            if found:
                spans = {(f.start, f.end) for f in found}
                return found + [m for m in _according(v, sent) if (m.start, m.end) not in spans]
    return []


def _late_according(anchor: Token, sent: Span) -> list[SourceMention]:
    """ "..., according to media reports." hung on another clause of the sentence."""
    late = [t.head for t in sent.doc[anchor.i + 1:sent.end] if t.lower_ == "according"
            and not _contrast_between(anchor, t)]
    return _according(late[0], sent) if late else []


def _contrast(tok: Token) -> bool:
    """ "while", "whereas", "but": what follows is a rival clause, not a nested report."""
    return tok.lower_ in words().contrast_words or any(
        c.dep_ in ("mark", "cc") and c.lower_ in words().contrast_words for c in tok.children)


def _contrast_between(a: Token, b: Token) -> bool:
    return any(t.lower_ in words().contrast_words or t.text == ";" for t in a.doc[a.i:b.i])


def _add(found: list, used: set, key: int, mentions: list[SourceMention]) -> None:
    if mentions and key not in used:
        used.add(key)
        found.extend(m for m in mentions if not any((f.start, f.end) == (m.start, m.end) for f in found))


def _is_report(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and (tok.lemma_.lower() in _reporting() or _revises_a_tally(tok))


def _revises_a_tally(verb: Token) -> bool:
    """ "the network raised the toll to 87", "the ministry revised the number of dead to
    40": whoever changes a tally says its new figure; "raised their fists" says nothing."""
    if verb.lemma_.lower() not in words().revision_verbs:
        return False
    lex = lexicon()
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None and (subject.lemma_.lower() in lex.nouns or subject.lemma_.lower() in lex.protest):
        return False  # "the deaths raised the number of dead to 300": what happened, not who says
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in lex.tally for c in verb.children)


@cache
def _reporting() -> frozenset[str]:
    return lexicon().report_verbs | words().perception_verbs


def _reported_by(verb: Token, child: Token) -> bool:
    """The number's clause is what the verb reports, not its subject ("17 deaths were
    confirmed by X" is, through the passive agent), nor a clause beside the report
    ("X boasted of arrests, while forces killed 5"), nor what a claim of responsibility
    or "claimed the lives of" is about."""
    if child.dep_ == "nsubjpass":
        return any(c.dep_ == "agent" for c in verb.children)
    marks = [c.lower_ for c in child.children if c.dep_ == "mark"] if child.dep_ == "advcl" else []
    if marks and (verb.i < child.i and any(m in words().contrast_words for m in marks)
                  or verb.i > child.i and any(c.dep_ == "ccomp" for c in verb.children)):
        return False  # "as thousands marched, X announced that ..."; not "..., while 37 were held, police said"
    if child.dep_ != "ccomp" and any(c.dep_ == "dobj" and c.lemma_.lower() in words().non_report_objects
                                     for c in verb.children):
        return False
    return child.dep_ not in ("nsubj", "csubj", "conj")


def _relative_reports(tok: Token, child: Token):
    """Reporting relative clauses on a noun: "the toll of 1500 that was announced by X"."""
    if tok.pos_ not in ("NOUN", "PROPN", "NUM"):
        return []
    return [c for c in tok.children if c.dep_ in ("relcl", "acl") and _is_report(c) and c is not child]


def _subject(verb: Token, sent: Span) -> Token | None:
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        who = next((c for c in agent.children if c.dep_ == "pobj"), None)
        return who if who is not None and perceiver(who) else None  # not "released by yesterday morning"
    if any(c.dep_ in ("nsubjpass", "csubjpass") for c in verb.children):
        return None  # "it was reported that ...", "300 were reported killed": nobody
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None and verb.dep_ == "acl" and verb.tag_ == "VBN":
        return None  # "the toll reported": nobody named
    if subj is None and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp") and verb.head.pos_ in ("VERB", "AUX"):
        return _subject(verb.head, sent)  # "the police released an estimate, saying ...": the police
    subj = subj if subj is not None else _left_noun(verb, sent)
    if subj is not None and subj.lower_ in words().anaphora_pronouns and subj.lower_ not in ("which", "who", "that"):
        subj = _antecedent(subj, sent) or subj
    if verb.dep_ == "relcl" and (subj is not None and subj.lower_ in ("which", "who", "that")
                                 or verb.doc[verb.i - 1].text == ","):
        return verb.head if sayer_like(verb.head) else None  # "Amnesty, which documented 300 cases"
    return subj


def _inverted(verb: Token, sent: Span) -> list[Token]:
    """ "..., said the interior ministry.", "..., reports al qabas daily.": the words of the
    sayer after its verb, however the parser tagged them."""
    doc = sent.doc
    rest = [t for t in doc[verb.i + 1:sent.end] if not (t.is_punct and t.i == sent.end - 1)]
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i for c in verb.children) or verb.i == sent.start \
            or doc[verb.i - 1].text != "," or not 0 < len(rest) <= 5 or verb.tag_ not in ("VBD", "VBZ", "VBP"):
        return []
    if any(t.is_punct or t.like_num or t.pos_ in ("PRON", "SCONJ", "AUX", "ADP") or not perceiver(t) for t in rest) \
            or rest[0].pos_ == "DET" and len(rest) == 1:
        return []
    return rest


def _antecedent(pron: Token, sent: Span) -> Token | None:
    """ "a western diplomat said as he watched ...", "the alliance condemned the march, in
    which it said ...": a fitting subject before the pronoun in its own sentence."""
    p = pron.lower_
    for t in reversed(sent.doc[sent.start:pron.i]):
        if t.dep_ != "nsubj" or t.pos_ not in ("NOUN", "PROPN") or not sayer_like(t) or t.like_num:
            continue
        plural = t.tag_ in ("NNS", "NNPS")
        person = t.lemma_.lower() in words().person_nouns or t.ent_type_ == "PERSON"
        if p in ("he", "she") and person and not plural or p == "they" and (plural or not person) \
                or p == "it" and not plural and not person:
            return t
    return None


def _from_verb(verb: Token, child: Token, sent: Span) -> list[SourceMention]:
    after = _inverted(verb, sent)
    if after:
        return [m for m in (_mention(tail_name(after, None), verb, _date_spans(verb, child)),) if m]
    subj = _subject(verb, sent)
    if subj is None or subj.lower_ in ("which", "that", "who"):
        return []
    dates = _date_spans(verb, child)
    w = words()
    if verb.lemma_.lower() in w.perception_verbs and not perceiver(subj):
        return []  # "the weekend saw 300 arrests"
    if subj.lower_ in w.anaphora_pronouns:
        return [SourceMention(subj.text, verb.lower_, subj.idx, subj.idx + len(subj), verb.i, dates, pronoun=True)]
    if not any(c.dep_ in ("nsubj", "agent") for c in verb.children) and child.i < verb.i:
        late = _postposed_at(verb, child.left_edge.i, sent)  # ", medics and residents said." misparsed
        if late:
            return late + _relays(verb, sent)
    if child.i < verb.i and any(t.text == "," for t in sent.doc[subj.left_edge.i:verb.i]):
        late = _postposed_at(verb, subj.left_edge.i - 1, sent)  # "..., the epicenter of X, officials said"
        if late:
            return late + _relays(verb, sent)
    # "two residents told the BBC that ...": a count of sayers speaks when it is the subject of the
    # report it opens; not when the parse made a counted phrase of the figure's clause its subject
    told = subj.dep_ == "nsubj" and child.i > verb.i
    out = [_mention(span, verb, dates) for m in _listed(verb, subj) for span in name_spans(m, verb, sent, told)]
    quoted = next((c for c in verb.children if c.dep_ == "dobj" and c is not child), None) \
        if verb.lemma_.lower() in w.quoting_verbs else None
    if quoted is not None and out:  # "the agency quoted the regional police as saying": [police, agency]
        out = [_mention(span, verb) for span in name_spans(quoted, verb, sent)] + out
    out = [replace(m, perceived=True) if verb.lemma_.lower() in w.perception_verbs else m for m in out if m]
    return out + _relays(verb, sent) if out else []


def _listed(verb: Token, subj: Token) -> list[Token]:
    """ "NGOs A (AA), B (BB), and C reported": the parser may leave some names of a list
    aside (as "dep", a second subject, or an apposition of the first)."""
    doc = verb.doc
    subjects = [c for c in verb.children if c.i < verb.i and c.pos_ in ("NOUN", "PROPN") and (
        c.dep_ == "nsubj" or c.dep_ == "dep" and c.pos_ == "PROPN" and c.i < subj.left_edge.i)]
    if len(subjects) < 2:
        return members(subj)
    out = []
    for s in subjects:
        out.append(s)
        out += [a for a in s.children if a.dep_ == "appos" and a.pos_ == "PROPN" and not has_det(a)
                and doc[a.left_edge.i - 1].text == ","]
    return sorted(out, key=lambda t: t.i)


def _mention(span: tuple | None, verb: Token, dates=()) -> SourceMention | None:
    """A mention of the char span (lo, hi), or (lo, hi, name) when the words name more than
    they hold ("security" of "security and medical officials" is "security officials")."""
    if span is None:
        return None
    doc = verb.doc
    return SourceMention(doc_text(doc)[span[0]:span[1]], verb.lower_, span[0], span[1], verb.i, dates,
                         name=span[2] if len(span) > 2 else None)


def _relays(verb: Token, sent: Span) -> list[SourceMention]:
    """ "X told Reuters", "X confirmed to the AP": the one told relays it."""
    w = words()
    out = []
    for c in verb.children:
        obj = None
        if verb.lemma_.lower() == "tell" and c.dep_ in ("dative", "dobj") and c.i > verb.i:
            obj = c
        elif c.dep_ == "prep" and c.lower_ in w.relay_preps and c.i > verb.i and verb.lemma_.lower() in w.relay_verbs:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
        if obj is None or obj.pos_ == "PRON" or obj.like_num or obj.ent_type_ in ("DATE", "TIME") \
                or obj.pos_ != "PROPN" and (
                obj.lemma_.lower() in w.audience_nouns or obj.lower_ in w.audience_nouns):
            continue
        out.append(_mention(phrase(obj, split=True), verb))
        break  # one is told: "told asia plus" is not two
    return [m for m in out if m]


def _cited(verb: Token, child: Token, sent: Span) -> list[SourceMention]:
    """ "Fars, citing Iran's judiciary, said ...", "..., quoting witnesses and media
    reports": the one cited spoke first."""
    w = words()
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    places = [verb, *([subj] if subj is not None else []), *([child] if child.dep_ == "ccomp" else [])]
    for p in places:
        for c in p.children:
            if c.lemma_.lower() in w.quoting_verbs and c.dep_ in ("advcl", "xcomp", "acl", "conj", "prep"):
                obj = next((g for g in c.children if g.dep_ in ("dobj", "pobj")), None)
                if obj is not None and obj.pos_ != "PRON":
                    spans = name_spans(obj, c, sent)
                    return [m for m in (_mention(s, c) for s in spans) if m]
    return []


def _according(tok: Token, sent: Span) -> list[SourceMention]:
    """ "according to X", "according to reports by X", "according to the Reuters
    report, which was sourced to Y" ([Y, Reuters]) attached to ``tok``."""
    return according_at(next((c for c in tok.children if c.lower_ == "according"), None), sent)


def according_at(acc: Token | None, sent: Span) -> list[SourceMention]:
    """The sayer of one "according to" (``acc``, the word "according"), as ``_according``."""
    to = next((c for c in acc.children if c.lower_ == "to"), None) if acc is not None else None
    obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if obj is None:
        return []
    doc = sent.doc
    if obj.lower_ in words().anaphora_pronouns:
        return [SourceMention(obj.text, "according to", obj.idx, obj.idx + len(obj), acc.i, pronoun=True)]
    verb = "according to"
    by = next((g for c in obj.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")
               for g in c.children if g.dep_ == "pobj"), None)
    if by is not None and obj.lemma_.lower() in ("report", "figure", "estimate", "data", "statement", "count", "tally"):
        verb = f"according to {obj.lower_} {by.head.lower_}"
    first = _sourced_to(obj)
    spans = [s for m in members(obj) for s in name_spans(m, acc, sent)]
    out = [SourceMention(doc_text(doc)[s[0]:s[1]], verb, s[0], s[1], acc.i, name=s[2] if len(s) > 2 else None)
           for s in spans if s]
    return (first + out) if out else []


def _sourced_to(obj: Token) -> list[SourceMention]:
    """ "the report, which was sourced to four officials": the officials said it first."""
    for c in obj.children:
        if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in words().sourcing_verbs:
            to = next((g for g in c.children if g.dep_ == "prep" and g.lower_ == "to"), None)
            who = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
            if who is not None:
                return [m for m in (_mention(phrase(who, split=True), c),) if m]
    return []


def _account_before_colon(anchor: Token, sent: Span) -> list[SourceMention]:
    """ "They also provide a timeline of the conflict: more than 12 people have been
    arrested": a figure after a colon stands in the account (timeline, list, tally,
    figures) that the clause before it says its subject gives; that subject says it."""
    doc, w = sent.doc, words()
    colon = next((t for t in reversed(doc[sent.start:anchor.i]) if t.text == ":"), None)
    if colon is None:
        return []
    verb = next((t for t in reversed(doc[sent.start:colon.i]) if t.pos_ == "VERB"
                 and t.lemma_.lower() in w.account_verbs
                 and any(c.dep_ == "dobj" and c.lemma_.lower() in w.account_nouns for c in t.children)), None)
    return _from_verb(verb, colon, sent) if verb is not None else []


def _reports_to_look_into(anchor: Token, sent: Span) -> list[SourceMention]:
    """ "Amnesty urged the authorities to investigate reports that 12 detainees had died":
    whoever calls for the reports (allegations, claims) to be looked into relays them;
    who dismisses or denies them does not."""
    w = words()
    tok = anchor
    for _ in range(8):  # up to the reports' noun, whose complement the figure's clause is
        if tok.head is tok:
            return []
        if tok.dep_ in ("acl", "ccomp") and tok.head.lemma_.lower() in w.relayed_report_nouns \
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
            break  # "reports that ...", not "reports" that stand as a source ("according to reports")
        tok = tok.head
    else:
        return []
    noun = up = tok.head
    for _ in range(6):  # up to the verb of the call: "urged ... to investigate", "called for an inquiry into"
        if up.head is up:
            return []
        up = up.head
        if up.pos_ == "VERB" and up.lemma_.lower() in w.call_verbs:
            return _from_verb(up, noun, sent)
    return []


def _postposed(anchor: Token, sent: Span) -> list[SourceMention]:
    """ "..., killing 10 people, witnesses and opposition web sites said." when the
    parse missed it: the words between the last comma and a reporting verb (co-sayers apart)."""
    for v in sent.doc[anchor.i + 1:sent.end]:
        if v.tag_ in ("VBD", "VBZ", "VBP") and _is_report(v):
            found = _postposed_at(v, anchor.i, sent)
            if found:
                return found
    return []


def _postposed_at(v: Token, after: int, sent: Span) -> list[SourceMention]:
    """The sayer of a reporting verb that closes the sentence: the words after the last
    comma ("..., witnesses said"); of "X, a group that ..., has told" the name-like part."""
    doc = sent.doc
    # the verb closes the sentence, or only its own phrases follow ("said by phone.", "told reporters.")
    closing = v.i + 1 >= sent.end or doc[v.i + 1].is_punct or not any(
        t.pos_ in ("VERB", "AUX") for t in doc[v.i + 1:sent.end])
    end = v.i
    while end - 1 > after and doc[end - 1].pos_ in ("AUX", "PART", "ADV") and not doc[end - 1].is_title:
        end -= 1  # "..., kursan asanov, has told"
    if not closing:
        return []
    segments = _comma_segments(doc, after, end)
    if not segments:
        return []
    j, stop = segments[-1]
    if len(segments) > 1 and doc[end - 1].text == ",":  # "X, a group that ..., reported": name beats description
        j, stop = min(segments[-2:], key=lambda g: _described(doc[g[0] + 1:g[1]]))
    if stop - j == 2 and doc[j + 1].lower_ in words().anaphora_pronouns:
        t = doc[j + 1]
        near = _antecedent(t, sent)
        if near is not None:
            return [m for m in (_mention(x, v) for x in name_spans(near, v, sent)) if m]
        return [SourceMention(t.text, v.lower_, t.idx, t.idx + len(t), v.i, (), pronoun=True)]
    while any(t.lower_ == "and" for t in doc[j + 1:stop]):  # "officials, witnesses and radio reports said"
        k = j - 1
        while k > after and doc[k].text != "," and doc[k].pos_ in ("NOUN", "PROPN", "ADJ") and j - k < 5:
            k -= 1
        if k <= after or doc[k].text != "," or k == j - 1:
            break
        j = k
    words_ = list(doc[j + 1:stop])
    if words_ and words_[0].pos_ in ("SCONJ", "PRON"):
        return []  # "as they put it": no sayer phrase
    shared = shared_head(words_)
    if shared:
        return [m for m in (_mention(x, v) for x in shared) if m]
    pieces = coordinated(words_)
    if any(t.like_num or t.lower_ in words().crowd_words or t.lower_ in ("no", "not")
           or t.lemma_.lower() in words().count_referents for p in pieces for t in p):
        return []  # "..., but no casualties reported", "5 deaths and many injuries reported"
    return [m for m in (_mention(tail_name(p, None), v) for p in pieces) if m]


def _comma_segments(doc, after: int, end: int) -> list[tuple[int, int]]:
    """(comma, end) of the last two comma-bounded stretches before ``end`` (each 1-8 words)."""
    out, stop = [], end
    if doc[stop - 1].text == ",":
        stop -= 1
    for _ in range(2):
        j = stop - 1
        while j > after and doc[j].text not in (",", ";", "—"):
            j -= 1
        if doc[j].text != "," or stop - j - 1 not in range(1, 9):
            break
        out.insert(0, (j, stop))
        if doc[end - 1].text != ",":
            break  # only an apposition closed by a comma has a second stretch to weigh
        stop = j
    return out


def _described(toks) -> int:
    """How much a stretch reads as a description: articles, clauses, lower-case nouns."""
    return sum(t.pos_ == "DET" or t.pos_ in ("VERB", "AUX") or t.lower_ in ("that", "which", "who") for t in toks)


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
