"""Excerpt numbers: the ordinals that number the excerpts of compiled notes.

Notes compiled from several reports (the Mass Mobilization project's, and digests like
them) open with "1 " and put the next number after each excerpt's ";":
"1 thousands marched ... ; 2 police said ... ; 3 during the night ...". Such a number
counts nothing, yet it stands before a noun often enough ("; 7 protesters took to the
streets") to pass for a count. A small number that opens the text, follows ";" or opens a
sentence is taken for an excerpt number when
  - another quantity follows it ("2 thousands of greeks", "; 4 some 300 students"),
  - a word follows that never follows a count (a determiner, preposition, conjunction,
    sentence adverb: "; 3 during the run up", "1 on sunday"),
  - it opens the text or follows ";" and is one more or one less than another such
    number of the text (1, 2, 3 ...), or
  - it is 1 before a plural ("1 demonstrators seized ...").
A number with a full stop in those places numbers a list item ("7. thousands took to the
streets"), and a number cut from its abbreviated month by the sentence splitter ("since
jan. 6 to demand ...") is a day: neither counts anything.
"""
from __future__ import annotations

import re
from functools import cache
from importlib import resources

from . import _when_patterns as tw
from .quantities import _may_start as may_start_quantity  # the quantity finder's own first-word test

# a small number that opens the text, a line, a sentence or follows ";"; its full stop; the word after it
_CANDIDATE = re.compile(r"(?:\A|;|\n|[.!?][ \t]+)[ \t.]*(\d{1,2})(\.?)[ \t]+([^\W\d_][\w'-]*|\d)", re.UNICODE)
_MONTH_ABBREVIATIONS = frozenset(m for m in tw.MONTHS if m not in tw.FULL_MONTHS)  # time words' "jan", "sept"
_SCALES = frozenset({"hundred", "thousand", "million", "billion", "dozen"})  # "2 thousand" is one number


@cache
def _openers() -> frozenset[str]:
    text = resources.files("claimledger.data").joinpath("excerpt_openers.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def excerpt_numbers(text: str) -> frozenset[int]:
    """Offsets (into ``text``) of the numbers that number excerpts (or days), not things."""
    found = [(m.start(1), int(m.group(1)), bool(m.group(2)), m.group(3).lower(),
              m.group(0)[:1] in ";" or m.start() == 0) for m in _CANDIDATE.finditer(text)]
    values = {v for _, v, _, _, numbered in found if numbered}
    openers = _openers()
    marks = set()
    for at, value, dotted, word, numbered in found:
        if dotted or _abbreviated_month(text, at):  # "7. thousands marched"; "since jan. 6 to demand"
            marks.add(at)
        elif ((may_start_quantity(word) and word not in _SCALES) or word in openers
                or (numbered and (value - 1 in values or value + 1 in values))
                or (value == 1 and _plural(word))):
            marks.add(at)
    return frozenset(marks)


def _abbreviated_month(text: str, at: int) -> bool:
    word = re.search(r"(\w+)\.$", text[max(0, at - 8):at].rstrip())
    return bool(word) and word.group(1).lower() in _MONTH_ABBREVIATIONS


def _plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
