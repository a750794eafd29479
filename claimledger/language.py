"""Which language an article is in, offline: py3langid ships its model in the package.

Extraction reads English and Persian (``fa``, extract/fa/); an article detected as
another language is stored, marked with its language, and not extracted. A guess on too little text, or one
the model is unsure of, is None (unknown) and the article is treated as English,
so a short English note is never lost to a shaky guess.
"""
from __future__ import annotations

import re
from functools import lru_cache

ENGLISH = "en"
PERSIAN = "fa"
MIN_LETTERS = 40  # fewer letters than this: too little to judge
MIN_CONFIDENCE = 0.9  # normalised probability the model must reach
_SAMPLE = 10_000  # characters read: the start of an article tells its language
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_NOT_ASCII_LETTERS = bytes(c for c in range(128) if not chr(c).isalpha())
_PARAGRAPH = re.compile(r"\n\s*\n")


@lru_cache(maxsize=1)
def _identifier():
    # loading decompresses the model (about a second): once per process, only when needed
    from py3langid.langid import MODEL_FILE, LanguageIdentifier
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def load_model() -> None:
    """Load the model now rather than at the first paragraph that needs it (a worker
    that will read many articles sets itself up once)."""
    _identifier()


def detect(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when it cannot be told.

    Paragraphs vote with their letters, so an English report that quotes a
    paragraph of Arabic stays English.
    """
    votes: dict[str, int] = {}
    for paragraph in _PARAGRAPH.split(text[:_SAMPLE]):
        letters = _letters(paragraph)
        if letters < MIN_LETTERS // 4:
            continue
        code, confidence = (ENGLISH, 1.0) if _plainly_english(paragraph) else _identifier().classify(paragraph)
        if confidence >= MIN_CONFIDENCE:
            votes[code] = votes.get(code, 0) + letters
    if not votes or sum(votes.values()) < MIN_LETTERS:
        return None
    code = max(votes, key=votes.get)
    return code if votes[code] >= sum(votes.values()) / 2 else None


_FUNCTION_WORDS = frozenset(
    "the of and to a in is that for on was with as by at from were are it his he has have had "
    "be said which an but their they not this who been its after more".split())
_ASCII_WORD = re.compile(r"[a-z]+")


def _plainly_english(paragraph: str) -> bool:
    """Most of it ASCII words, a good quarter of them English function words: no need
    to ask the model (it costs a millisecond a paragraph)."""
    lower = paragraph.lower()
    words = _ASCII_WORD.findall(lower)
    if len(words) < 20 or sum(map(len, words)) < 0.7 * _letters(lower):
        return False
    return sum(w in _FUNCTION_WORDS for w in words) >= 0.25 * len(words)


def _letters(text: str) -> int:
    """How many letters ``text`` holds; ASCII text is counted without a string per letter."""
    if text.isascii():
        return len(text.encode("ascii").translate(None, _NOT_ASCII_LETTERS))
    return len(_LETTER.findall(text))


def is_extractable(language: str | None) -> bool:
    """Extraction reads English and Persian; an unknown language gets the benefit of the doubt."""
    return language in (None, ENGLISH, PERSIAN)
