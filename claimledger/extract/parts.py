"""Parts of totals: "40 were wounded, 15 of them by live fire", "more than 200 were
arrested, 30 of whom were women", "86 attempted killings, 35 of which were carried
out". The part counts what its antecedent counts, and is a claim of its own.
"""
from __future__ import annotations

from typing import Callable

from spacy.tokens import Span, Token

from .lexicon import lexicon
from .quantities import Quantity, find_quantities, is_count

_PRONOUNS = {"them", "which", "whom"}


def pronoun_of(q: Quantity, sent: Span) -> Token | None:
    """The pronoun of "N of them/which/whom", or None."""
    doc = sent.doc
    if q.end + 1 < sent.end and doc[q.end].lower_ == "of" and doc[q.end + 1].lower_ in _PRONOUNS:
        return doc[q.end + 1]
    return None


def part_category(q: Quantity, sent: Span, categorize: Callable) -> str | None:
    """The category of the total that ``q`` is a part of, or None."""
    pronoun = pronoun_of(q, sent)
    if pronoun is None:
        return None
    antecedent = _relative_head(sent.doc[q.core]) if pronoun.lower_ in ("which", "whom") else None
    earlier = [e for e in find_quantities(sent) if e.end <= q.start and is_count(e, sent)]
    for e in reversed(earlier):
        if antecedent is not None and not e.end <= antecedent.i <= e.end + 2:
            continue  # "35 of which" belongs to the number before "which"'s noun
        counted = categorize(e, sent)
        if counted is not None and counted.category != "protest_sites":
            return counted.category
    if antecedent is not None and (cat := lexicon().nouns.get(antecedent.lemma_.lower())) != "participants":
        return cat  # "86 attempted killings, 35 of which were carried out": the part that was done
    return None


def _relative_head(tok: Token) -> Token | None:
    """The noun a relative clause hangs on: "killings" in "killings, 35 of which were ..."."""
    for _ in range(3):
        if tok.dep_ == "relcl":
            return tok.head
        if tok.head is tok:
            return None
        tok = tok.head
    return None
