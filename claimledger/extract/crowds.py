"""Who a count of people is: a crowd, security forces, sayers, bodies.

A crowd is named by who it is (a people word, a demonym, a faith, a person ending such
as "loyalists") or shows itself by what only crowds do ("200 nuns marched", "held a
protest"); a count that speaks ("two residents told the BBC") is sayers; unions,
parties and schools are bodies; police are a crowd only when they march themselves.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .lexicon import lexicon
from .quantities import Quantity

SECURITY = {"police", "officer", "policeman", "soldier", "troop", "guard", "agent", "personnel",
             "force", "militia", "official", "gunman"}
SKIP_RIGHT = {"were", "was", "had", "have", "has", "been", "being", "are", "is", "be", "reportedly",
               "also", "more", "later", "allegedly", "all", "then", "subsequently", "others", "people",
               "reported", "believed", "feared", "thought", "confirmed", "presumed"}



def lemma(t: Token) -> str:
    return t.lemma_.lower()


def participants(noun: Token, q: Quantity, sent: Span) -> str | None:
    """People counted in a protest sentence, who are not security forces, took part."""
    nl = lemma(noun)
    if noun.i == q.core:
        return None  # a bare number takes part only through a verb that says so
    if nl in SECURITY or not is_people(noun):
        return None
    return "participants" if protest_context(sent) else None


def crowd(noun: Token, q: Quantity, top: Token) -> bool:
    """Participants are more than one, and people ("three rockets struck" are not):
    named by a people word, a demonym, a faith or an ending ("loyalists", "shiites")."""
    if q.value == 1:
        return False
    if noun.i == q.core or noun.pos_ == "PRON":
        return True
    if lemma(noun) in lexicon().organisations:
        return False  # "two unions staged a strike": bodies, not a crowd
    if lemma(noun) in SECURITY:  # "1,500 riot police blocked the road"; "300 police officers marched"
        return crowd_act(top, q)
    return person_like(noun) or crowd_act(top, q)


def person_like(noun: Token) -> bool:
    return is_people(noun) or noun.tag_ == "NNPS" or noun.lower_.endswith(lexicon().person_suffixes)


def crowd_act(top: Token, q: Quantity) -> bool:
    """ "200 nuns marched", "3,000 pupils took part", "hazaras took to the streets",
    "roma who had gathered", "policemen defied a ban and marched", "held a protest":
    what only a crowd does, whoever it is."""
    doc = top.doc
    j = max(q.end, top.i + 1)
    while j < len(doc) and (doc[j].lower_ in SKIP_RIGHT or doc[j].dep_ in ("prep", "pobj", "det", "amod", "compound")
                            and doc[j].i < top.i + 6 and doc[j].pos_ != "VERB"):
        j += 1
    verbs = [doc[j]] if j < len(doc) else []  # the first verb after the phrase, when the parse lost it
    verbs += [c for c in top.children if c.dep_ == "relcl"]
    if top.dep_ == "nsubj":
        verbs += [top.head, *(c for c in top.head.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    return any(v.pos_ == "VERB" and crowd_verb(v) for v in verbs)


def crowd_verb(verb: Token) -> bool:
    lex = lexicon()
    if lemma(verb) in lex.crowd_verbs:
        return True
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    streets = [o for c in verb.children if c.dep_ == "prep" and c.lower_ == "to" for o in c.children]
    return any(lemma(o) in lex.protest_events or lemma(verb) == "take" and lemma(o) == "part" for o in objects) \
        or any(lemma(o) == "street" for o in streets)  # "held a protest", "took part", "took to the streets"


def is_people(noun: Token) -> bool:
    """A noun for people: "students", "protesters", "iranians"."""
    lex = lexicon()
    return lemma(noun) in lex.people or lex.nouns.get(lemma(noun)) == "participants" or noun.lower_ in lex.demonyms


def is_speaker(top: Token) -> bool:
    """ "one resident said", "two protesters told Reuters", "according to three
    students": the counted phrase is who speaks."""
    while top.dep_ == "conj" and top.head.pos_ in ("NOUN", "PROPN", "NUM"):
        top = top.head  # "one nurse and two residents said"
    if top.dep_ == "nsubj":
        return lemma(top.head) in lexicon().speech_verbs
    return top.dep_ == "pobj" and top.head.lower_ == "to" and top.head.head.lower_ == "according"


def protest_context(sent: Span) -> bool:
    """A protest word, or the weapons used on crowds ("fired tear gas in several places")."""
    lex = lexicon()
    if any(lemma(t) in lex.protest or t.lower_ in lex.protest for t in sent):
        return True
    text = sent.text.lower()
    return any(w in text for w in lex.crowd_control)
