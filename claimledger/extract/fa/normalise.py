"""Persian text made comparable without moving a character.

Every change is one character for one character, so an offset into the normalised
text is an offset into the article as stored:

- Arabic yeh and kaf (ي ى ك), heh with hamza and teh marbuta (ۀ ة), alef with hamza
  (أ إ) become the Persian letters (ی ک ه ا);
- Persian (۰-۹) and Arabic-Indic (٠-٩) digits become 0-9;
- the Persian thousands separator «٬» becomes ",", the decimal «٫» ".";
- the tanwin of «تقریباً» becomes a space (it ends words);
- the zero-width non-joiner and the direction marks become a space, so
  «دست‌کم», «دست کم» and (with the optional spaces of ``phrase``) «دستکم» read alike.
"""
from __future__ import annotations

import re

_TABLE = str.maketrans({
    "\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9", "\u06c0": "\u0647", "\u0629": "\u0647",
    "\u0623": "\u0627", "\u0625": "\u0627",  # «مأمور» = «مامور»
    "\u066c": ",", "\u066b": ".", "\u200c": " ", "\u200e": " ", "\u200f": " ", "\u200d": " ",
    "\u064b": " ",  # the tanwin ending «تقریباً», «حدوداً»: word-final, so a space
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    **{chr(0x0660 + i): str(i) for i in range(10)},
})


def normalise(text: str) -> str:
    """``text`` with its letters, digits and joiners in one spelling, the same length."""
    return text.translate(_TABLE)


LETTER = r"[^\W\d_]"
START = rf"(?<!{LETTER})"  # a word starts here (Persian is matched by stems, so no end check)
END = rf"(?!{LETTER})"


def phrase(words: str) -> str:
    """A regex for a phrase of the word lists: where it has a space the text may have a
    space, a non-joiner (now a space) or nothing («جان باختگان», «جانباختگان»)."""
    return r"\s?".join(re.escape(w) for w in normalise(words).split())


def alternation(phrases, whole: bool = False) -> str:
    """One regex of many phrases, longest first; ``whole`` asks for a word end too."""
    body = "|".join(phrase(p) for p in sorted(set(phrases), key=len, reverse=True))
    return rf"{START}(?:{body}){END if whole else ''}"


def squash(name: str) -> str:
    """A comparison key for names: normalised letters, no spaces, joiners or punctuation
    («عفو بین‌الملل» = «عفو بین الملل» = «عفو بینالملل»)."""
    return re.sub(r"[\W_]+", "", normalise(name).casefold())


_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff]")


def looks_persian(text: str) -> bool:
    """Most of the letters of ``text`` are in the Arabic script (Persian is the only such
    language extracted): for a text too short for language detection to tell."""
    letters = [ch for ch in text[:2000] if ch.isalpha()]
    return bool(letters) and sum(bool(_ARABIC_SCRIPT.match(ch)) for ch in letters) * 2 > len(letters)
