"""Numbers that are the value of a tally rather than the patient of a verb.

Wire and report prose most often gives a toll as a noun with a value:
"the death toll was at least 21", "the number of detainees reached 1,200",
"casualties stood at 300", "officials put the toll at 61", "the number of civilian
deaths increased from 560 to 761", "an increase in deaths from 2,666 to 2,798",
"the dead included 12 students". The number measures a noun (the holder) and the
holder says what is counted: a victim noun ("deaths", "detainees"), a tally noun
("number", "toll", "figure") with what it is "of", or people a victim word
modifies ("those arrested", "detained protesters").
"""
from __future__ import annotations

from spacy.tokens import Token

from .lexicon import lexicon

VICTIM = ("killed", "died", "injured", "arrested", "disappeared", "sentenced")
_VERB_VALUE_PREPS = {"to", "at", "from", "as"}
_NOUN_VALUE_PREPS = {"to", "from"}  # "an increase in deaths from 560 to 761"
_SUBJECTS = ("nsubj", "nsubjpass")


def lemma(t: Token) -> str:
    return t.lemma_.lower()


def tallied(tok: Token, bare: bool) -> str | None:
    """The category of the tally whose value ``tok`` is (the counted phrase's top
    token), or None. ``bare``: the number stands alone ("reached 1,200"), not
    with a noun of its own ("included 12 students")."""
    for h in _holders(tok, bare):
        verb = h.head
        if h.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
            h = verb.head  # "demonstrators, who have numbered in the hundreds of thousands"
        cat = holder_category(h) or _carried(h, verb) or _taking_part(h, verb)
        if cat in VICTIM:
            return cat
        if cat == "participants" and bare and (lemma(h) in lexicon().tally or lemma(verb) in lexicon().measure_verbs):
            return cat  # "the number of protesters reached 5,000", "the crowd swelled to 50,000"
    return None


def _holders(tok: Token, bare: bool) -> list[Token]:
    head, dep = tok.head, tok.dep_
    if dep == "pobj" and head.dep_ == "prep":
        prep = head
        while prep.head.dep_ == "prep" and prep.head.lower_ in _VERB_VALUE_PREPS:
            prep = prep.head  # "from 560 to 761": "to" hangs on "from"
        owner = prep.head
        if owner.lower_ in ("up", "down"):  # "120 deaths, up from 85"; "40 were killed, up from 25"
            base = owner.head
            return [base] if base.pos_ == "NOUN" else [*_arguments(base, ("dobj", "nsubjpass")), base]
        if owner.pos_ in ("VERB", "AUX") and head.lower_ in _VERB_VALUE_PREPS | _in_number(owner):
            return _arguments(owner, ("nsubj", "nsubjpass", "dobj")) + _described(owner)
        if owner.pos_ == "NOUN" and head.lower_ in _NOUN_VALUE_PREPS:
            inside = [c for p in owner.children if p.dep_ == "prep" and p.lower_ in ("in", "of")
                      for c in p.children if c.dep_ == "pobj"]
            return inside + ([owner.head] if owner.dep_ == "appos" else [])
        return []
    if dep in ("attr", "dobj", "oprd") and head.pos_ in ("VERB", "AUX"):
        if not bare and lemma(head) not in lexicon().listing_verbs:
            return []  # "detainees attacked three guards": no list of the detainees
        return _arguments(head, _SUBJECTS)
    return []


def _described(verb: Token) -> list[Token]:
    """ "the number taking part at 80,000", "the number of people protesting as 150": the
    value hangs on a participle that describes the tally."""
    if verb.dep_ not in ("acl", "relcl"):
        return []
    noun = verb.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and lemma(noun.head.head) in lexicon().tally:
        noun = noun.head.head
    return [noun]


def _in_number(verb: Token) -> set[str]:
    """ "protesters numbered in the thousands" """
    return {"in"} if lemma(verb) in ("number", "be") else set()


def _arguments(verb: Token, deps: tuple[str, ...]) -> list[Token]:
    found = [c for c in verb.children if c.dep_ in deps]
    if not any(c.dep_ in _SUBJECTS for c in found) and verb.dep_ in ("conj", "xcomp"):
        found += [c for c in verb.head.children if c.dep_ in _SUBJECTS]  # "rose and reached 40"
    return found


def _carried(h: Token, verb: Token) -> str | None:
    """ "three more were killed, bringing the total to 16": a bare tally carries the
    category of the clause that it adds to."""
    if lemma(h) not in lexicon().tally or verb.dep_ not in ("advcl", "conj", "xcomp"):
        return None
    main = verb.head
    return next((c for c in lexicon().verbs.get(lemma(main), ()) if c in VICTIM), None) \
        if main.tag_ in ("VBN", "VBD") else None


def _taking_part(h: Token, verb: Token) -> str | None:
    """ "the number taking part was put at 15,000": the tally is the subject of a crowd verb."""
    lex = lexicon()
    if lemma(h) in lex.tally and h.dep_ == "nsubj" and (lemma(verb) in lex.crowd_verbs or any(
            c.dep_ == "dobj" and lemma(c) == "part" for c in verb.children)):
        return "participants"
    return None


def holder_category(h: Token) -> str | None:
    """What a tally or a counted group counts: "the death toll", "the number of people
    killed", "detained protesters", "civilian deaths", "the dead", "those arrested"."""
    lex = lexicon()
    of = next((c for p in h.children if p.dep_ == "prep" and p.lower_ == "of"
               for c in p.children if c.dep_ == "pobj"), None)
    if lemma(h) in lex.tally and of is not None and (cat := group_category(of)):
        return cat
    if cat := group_category(h):
        return cat
    if h.tag_ == "VBN":  # "40 were killed, up from 25"
        return next((c for c in lex.verbs.get(lemma(h), ()) if c in VICTIM), None)
    return "killed" if lemma(h) == "toll" else None


def group_category(x: Token) -> str | None:
    """A victim word on a noun, else the noun's own category."""
    lex = lexicon()
    for c in x.children:
        if c.dep_ in ("amod", "acl", "relcl", "compound") and c.i != x.i:
            cat = lex.adjectives.get(c.lower_) or lex.nouns.get(lemma(c)) if c.dep_ != "relcl" else None
            if cat is None and c.tag_ in ("VBN", "VBD"):
                cat = next((v for v in lex.verbs.get(lemma(c), ()) if v in VICTIM), None)
            if cat in VICTIM:
                return cat
    if any(c.dep_ in ("acl", "relcl") and "participants" in lex.verbs.get(lemma(c), ()) for c in x.children):
        return "participants"  # "the number taking part", "the number of people who marched"
    cat = lex.nouns.get(lemma(x)) or lex.nouns.get(x.lower_)
    return cat if cat in VICTIM or cat == "participants" else None
