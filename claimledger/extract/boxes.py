"""The time of figures in boxes and lists: a fact box's "Date" line ("15 November 2019 –
17 November 2019", "1 October 2019 – 2021", "9 May 2023 – present") dates the figures
in the box; "as of <date>" ends a figure's time, from the wave's start; a list under an
intro line ("the tally as of 30 November 2019:") takes the intro's time.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cache

from claimledger.model import When

from . import _when_patterns as tw
from ._when_resolve import _nearest
from .labels import (LINES_BACK, alternation, bare_label, find_labels, is_figure_line, label_data,
                     line_at, line_before)


@cache
def _period_line() -> re.Pattern:
    return re.compile(rf"(?im)^[ \t|*•\-]*(?:{alternation(label_data()['period_labels'])})(?:\s?\(s\))?[ \t]*[:|\t]?[ \t]*(?=\S)")


_ONGOING = re.compile(r"\s*[–—-]?\s*(?:present|ongoing|now)\b", re.I)
_TO_YEAR = re.compile(r"\s*[–—-]\s*((?:1[89]|20)\d\d)\b")
_BOX_LINE_CHARS = 120
_PROSE_END = re.compile(r"[.!?][\"”’)]?\s*(?:\[[^\]]*\]\s*)*$")


@dataclass(frozen=True)
class Box:
    """A fact box: the interval its "Date" line gives the wave, and where the box's
    short lines run in the article text (from its first line to its last)."""
    when: When
    start: int
    end: int


def box_time(text: str, times) -> Box | None:
    """The fact box around the article's first "Date" line that gives a time."""
    for m in _period_line().finditer(text):
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        inside = [t for t in times if m.end() <= t.start and t.end <= end and (t.when.start or t.when.end)]
        if inside:
            return Box(_period(text, inside, end), *_box_lines(text, m.start(), end))
    return None


def _period(text: str, inside, end: int) -> When:
    """ "15 November 2019 – 17 November 2019", "1 October 2019 – 2021", "9 May 2023 – present"."""
    first, last = inside[0].when, inside[-1].when
    after = text[inside[-1].end:end]
    stop = last.end or last.start
    if _ONGOING.match(after):
        stop = None
    elif (year := _TO_YEAR.match(after)) and int(year.group(1)) >= (first.start or stop).year:
        stop = date(int(year.group(1)), 12, 31)
    return When(first.start, stop, text[inside[0].start:end].strip(" |\t"))


def _box_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """From the Date line up and down over the box's short lines: no prose sentence."""
    lines = text.splitlines(keepends=True)
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line)
    k = bisect_right(offsets, start) - 1
    lo = hi = k
    while lo > 0 and _box_line(lines[lo - 1]):
        lo -= 1
    while hi + 1 < len(lines) and _box_line(lines[hi + 1]):
        hi += 1
    return offsets[lo], offsets[hi] + len(lines[hi])


def _box_line(line: str) -> bool:
    line = line.strip()
    return len(line) <= _BOX_LINE_CHARS and not _PROSE_END.search(line)


def box_when(box: Box | None, at: int) -> When | None:
    """The box's interval for a line inside the box."""
    return box.when if box and box.start <= at < box.end else None


_BULLETS = "-*•·–—>"
_AS_OF = re.compile(r"\bas\s+(?:of|at)\s+$", re.I)
_AS_OF_LEAD = re.compile(r"as\s+(?:of|at)\b", re.I)  # the time words' own "as of" mentions


def as_of(sentence: str, when: When | None, wave_start) -> When | None:
    """ "(Monitor Group, as of 2 March)": a count up to that date, from the wave's start."""
    if when is None or not when.text or when.end is None:
        return when
    at = sentence.find(when.text)
    said_as_of = _AS_OF_LEAD.match(when.text) or (at > 0 and _AS_OF.search(sentence[max(0, at - 8):at]))
    if not said_as_of:
        return when
    return When(wave_start, when.end, when.text)


def line_time(ctx, start: int, sentence: str, when: When | None, labelled: bool) -> When | None:
    """The time of a figure on a label line or with a sayer in parentheses: its own
    time ("as of" ends it), else the box's "Date" line, else the time of the line that
    introduces the list, else the article's main time. ``ctx``: the article's Context."""
    own = when is not None and bool(when.text) and not when.text.startswith("(") and when.text in sentence
    if own:
        return as_of(sentence, when, wave_start(ctx))
    day = as_of_day(sentence, ctx.article.published)
    if day:
        return When(wave_start(ctx), day[0], day[1])
    if not labelled:
        return when
    # not the time of the item above ("as of 1 March" there is that item's own)
    intro = intro_time(ctx.article.text, ctx.times, start)
    if intro and intro.start is None and intro.end:  # "the tally as of 30 November:"
        intro = When(wave_start(ctx), intro.end, intro.text)
    return box_when(ctx.box, start) or intro or ctx.main_time or when


def wave_start(ctx) -> date | None:
    """Where the article gives it: the box's first date, else the first "began on"."""
    if ctx.box and ctx.box.when.start:
        return ctx.box.when.start
    return next((t.when.start for t in ctx.times if t.kind == "began" and t.when.start), None)


@cache
def _as_of_day() -> re.Pattern:
    return re.compile(rf"\bas\s+(?:of|at)\s+(\d{{1,2}})(?:st|nd|rd|th)?\s+({alternation(tw.FULL_MONTHS)})\b(?!,?\s+\d)", re.I)


def as_of_day(sentence: str, published: date | None) -> tuple[date, str] | None:
    """ "as of 2 March" (no year): a date, though "march" alone may be a verb; the
    latest such day up to a month after publication, as the time words resolve it."""
    m = _as_of_day().search(sentence)
    if m is None or published is None:
        return None
    try:
        return _nearest(tw.MONTHS[m.group(2).lower()], int(m.group(1)), published), m.group(0)
    except ValueError:  # 31 February
        return None


def intro_time(text: str, times, start: int) -> When | None:
    """ "the following toll was recorded as of 30 November 2019:" over a list's lines:
    the last time of the first line above the list that is not one of its items."""
    for _ in range(LINES_BACK * 4):
        start = line_before(text, start)
        if start is None:
            return None
        line = line_at(text, start)
        if not line.strip() or line.lstrip()[:1] in _BULLETS or find_labels(line) or bare_label(line) \
                or is_figure_line(line):
            continue  # the list's own items
        end = start + len(line)
        found = [t for t in times if start <= t.start and t.end <= end and (t.when.start or t.when.end)
                 and t.kind != "duration"]
        return found[-1].when if found else None
    return None
