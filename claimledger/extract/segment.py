"""Cheap sentence splitting and the candidate filter that keeps the parser off
sentences that cannot hold a claim (no number word, or no trigger word).

Splitting is regular expressions over the text: every line is a sentence (a fact box's
"Deaths 41" or a bulleted "- 41 killed" ends without a full stop), then sentence ends
within lines (". ", "? ", "! ", "..." and " ; " as the lower-cased newspaper notes use them).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import labels
from .lexicon import lexicon

_LINE_ENDS = "\n\r\v\f\x85\u2028\u2029"  # what str.splitlines breaks at, bar the old field separators
# a sentence end may carry reference marks before the space: "were killed.[3][4] The next day"
_MARKS = r"(?:\[(?:\d{1,3}|[a-z]{1,2}|citation needed|note \d{1,3})\])*"
_BREAK = re.compile(rf"[{_LINE_ENDS}]+|(?<=[.!?…])[”\"’)]?{_MARKS}\s+(?=[\"“‘(]?\S)|(?<=\.\.\.)(?=\s*\S)|\s;\s")
_LIST_MARK = re.compile(r"[ \t]*\d{1,3}\.$")
_ABBREV = re.compile(r"(?:\b(?:mr|mrs|ms|dr|st|gen|col|lt|sgt|gov|sen|rep|prof|jr|sr|no|vs|u\.s|u\.n|e\.g|i\.e|incl|approx|est|ca|[a-z])\.)$", re.I)


# Real sentences stay under a thousand characters; a longer "sentence" is a table or a
# page without sentence ends, and parsing it would take minutes and gigabytes (spaCy
# refuses a million characters outright).
MAX_SENTENCE_CHARS = 20_000


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


def split(text: str) -> list[Sentence]:
    """Sentences with their char offsets; surrounding spaces trimmed."""
    out: list[Sentence] = []
    pos = 0
    for m in _BREAK.finditer(text):
        if m.group(0).strip() == "" and _ABBREV.search(text[max(pos, m.start() - 8):m.start()]) \
                and not any(c in _LINE_ENDS for c in m.group(0)):
            continue  # "Mr. Mousavi", "U.S. officials": not a sentence end
        if _LIST_MARK.match(text, pos, m.start()):
            continue  # "2. Detained: 230": a numbered list's mark
        _emit(out, text, pos, m.start())
        pos = m.end()
    _emit(out, text, pos, len(text))
    return out


def _emit(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        s = start + chunk.index(stripped)
        out.append(Sentence(s, s + len(stripped), stripped))


_YEARS_AND_DAYS = re.compile(
    r"\b(?:1[6-9]|20)\d\d\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*", re.I)


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    lex = lexicon()
    numbers = {*lex.units, *lex.tens, *lex.scales, "dozen", "dozens", "scores", "hundreds",
               "thousands", "millions", "several", "few", "handful"}
    number = re.compile(r"\d|\b(?:" + "|".join(sorted(numbers, key=len, reverse=True)) + r")\b", re.I)
    # words that can say what a number counts: victims, people, places (protest words
    # alone cannot: a participant is always a person noun or a participation verb)
    words = {*lex.verbs, *lex.adjectives, *lex.nouns, *lex.sites, *lex.people, *lex.idiom_words}
    stems = sorted({_stem(w) for w in words}, key=len, reverse=True)
    trigger = re.compile(r"\b(?:" + "|".join(map(re.escape, stems)) + r")", re.I)
    return number, trigger


def _stem(word: str) -> str:
    """A prefix that still names the word: "arrest" for arrested/arrests."""
    w = word.split()[0]
    if len(w) == 5 and w[-1] in "ye":
        return w[:-1]  # "rall" for rallied, "seiz" for seized
    return w[:max(4, len(w) - 2)] if len(w) > 5 else w


@cache
def _non_counts() -> re.Pattern:
    """Numbers that plainly count no people: "23rd", "$5", "40 percent", "two weeks", "30 miles"."""
    lex = lexicon()
    units = "|".join(sorted((re.escape(u) for u in lex.non_count if u.isalpha()), key=len, reverse=True))
    number = r"(?:\d[\d,.]*|" + "|".join(sorted({*lex.units, *lex.tens, "few", "several", "a"}, key=len, reverse=True)) + ")"
    return re.compile(
        rf"\b\d+(?:st|nd|rd|th)\b|[$£€¥]\s?\d[\d,.]*|\b\d{{1,2}}:\d\d\b"
        rf"|\b{number}(?:\s*-\s*|\s+)(?:{units})(?:s|es)?\b", re.I)


def is_candidate(sentence: str) -> bool:
    """True when a sentence holds a number that may count people or places (not a
    year, a day of a date, a sum, a share or a span of time) and a word that could
    say what it counts."""
    if len(sentence) > MAX_SENTENCE_CHARS:
        return False
    number, trigger = _patterns()
    if not number.search(sentence):
        return False  # masking only blanks numbers out; most sentences stop here
    masked = _non_counts().sub(" ", _YEARS_AND_DAYS.sub(" ", sentence))
    return bool(number.search(masked)) and (bool(trigger.search(sentence)) or labels.is_label_line(sentence))
