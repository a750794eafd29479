"""Persian (fa) extraction: claims from the language Iran's figures are first published in.

``extract(articles)`` gives the same Claim records as the English extractor, from
word lists in claimledger/data (fa_lexicon.json, fa_sources.json, fa_time_words.json,
fa_places.tsv, fa_aliases.tsv) and small functions over offset-keeping normalised text.
"""
from .claims import article_claims, extract

__all__ = ["article_claims", "extract"]
