"""Deaths by violence or by other causes: "died of cholera", "an earthquake killed 300"
and "covid deaths" are ``died``; "a suicide car bomb ..., killing 14" and "live fire"
stay ``killed``. The cause words are data (``died_causes`` in triggers.json)."""
from __future__ import annotations

from spacy.tokens import Span, Token

from .lexicon import lexicon

_DEATH_WORDS = {"die", "death", "dead", "perish", "succumb", "fatality", "victim", "toll"}


def lemma(t: Token) -> str:
    return t.lemma_.lower()


def died_of_cause(noun: Token, sent: Span) -> bool:
    """"died of the coronavirus": a death by other causes than violence."""
    causes = lexicon().died_causes
    return any((lemma(t) in causes or t.lower_ in causes) and _a_cause(t) for t in sent
               if t.head.lower_ in ("of", "from") or t.dep_ in ("compound", "pobj", "nsubj"))


def _a_cause(t: Token) -> bool:
    """ "died of cholera", "an earthquake killed", "covid deaths" name a cause;
    "a suicide car bomb" does not (the word only describes the bomb)."""
    if any(c.dep_ in ("amod", "compound") and lemma(c) in lexicon().violent for c in t.children):
        return False  # "live fire", "police fire": violence
    return t.dep_ not in ("compound", "amod") or _under_death_word(t)


def _under_death_word(t: Token) -> bool:
    """ "died of cholera", "covid deaths": the cause hangs on a word of dying, not
    on a bomb that killed ("a suicide car bomb ..., killing 14")."""
    for _ in range(4):
        if lemma(t) in _DEATH_WORDS:
            return True
        if t.head is t:
            return False
        t = t.head
    return lemma(t) in _DEATH_WORDS


def cause(sent: Span) -> str | None:
    """The cause after "died of"/"died from", else the first cause word of the sentence."""
    causes = lexicon().died_causes
    found = [t for t in sent if t.lower_ in causes]
    after_of = [t for t in found if t.head.lower_ in ("of", "from") or t.head.head.lower_ in ("of", "from")]
    return (after_of or found or [None])[0] and (after_of or found)[0].lower_
