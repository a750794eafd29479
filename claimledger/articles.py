"""Stored articles as a listing: all of them, or those not extracted and why.

    for article, why in listing(store, not_extracted=True):
        print(article.id, why)  # "in French (fr): only English is extracted"
"""
from __future__ import annotations

from collections.abc import Iterator

from .language import is_extractable
from .model import Article

# the languages py3langid tells most often in news; others are shown by their code
_NAMES = {"ar": "Arabic", "de": "German", "es": "Spanish", "fa": "Persian", "fr": "French",
          "it": "Italian", "my": "Burmese", "nl": "Dutch", "pt": "Portuguese", "ru": "Russian",
          "tr": "Turkish", "uk": "Ukrainian", "ur": "Urdu", "zh": "Chinese"}


def why_not_extracted(article: Article) -> str | None:
    """Why no claim was looked for in this article; None when it was extracted."""
    if is_extractable(article.language):
        return None
    name = _NAMES.get(article.language or "")
    said = f"{name} ({article.language})" if name else f"language {article.language!r}"
    return f"in {said}: only English is extracted; the article is stored as it is"


def listing(store, not_extracted: bool = False) -> Iterator[tuple[Article, str | None]]:
    """(article, why it was not extracted or None) in ingest order; only the articles
    not extracted when asked."""
    for article in store.articles():
        why = why_not_extracted(article)
        if why or not not_extracted:
            yield article, why
