"""Time expressions -> date intervals, resolved against the publication date.

Regex based, so it works on cased and lower-cased text alike and needs no spaCy:

    find_times(text, published, period) -> [TimeMention]  (each with a resolved When)
    declared_year(text, published, title) -> the year a report says it covers, or None
    opens_sentence(text, mention), opens_line(text, mention), starts_with_weekday(mention),
    dates_a_saying(text, mention) -> what a time dates
    re_resolve(mention, reference) -> the same mention resolved against another date
    anchor_duration(mention, anchor) -> When for "in just five days" and the like

A mention's ``When.text`` is the matched words (``text[m.start:m.end]``). Relative
expressions stay open (``When(None, None, text)``) when there is no reference date.
Word lists live in ``claimledger/data/time_words.json``.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Iterator

from claimledger.extract import _when_patterns as tw
from claimledger.extract._when_resolve import RESOLVERS as _RESOLVERS
from claimledger.model import When

Interval = tuple[date | None, date | None]

KINDS = ("date", "month", "year", "weekday", "relative", "since", "began", "duration",
         "range", "ago", "shift", "same_period")


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    when: When
    kind: str
    days: int | None = None  # length of a "duration" mention, offset of a "shift"
    up_to: bool = False  # after "as of", "by the end of", "by": a count up to then


@dataclass(frozen=True)
class _Atom:
    """A matched expression, kept with its match so it can be resolved again."""
    start: int
    end: int
    kind: str
    match: re.Match
    rule: str
    ref: date | None = None  # what it was resolved against

    def resolve(self, ref: date | None) -> Interval | None:
        return _safe(_RESOLVERS[self.rule], self.match, ref)


# --- public API -----------------------------------------------------------------

def find_times(text: str, published: date | None, period: int | None = None,
               anchor: date | None = None) -> list[TimeMention]:
    """Every time expression in ``text``, resolved against ``published``; in a report
    that covers the year ``period``, its year-less months and days and "during the year"
    lie in that year, even when it was published after; in a history of a wave that
    ended on ``anchor`` (an encyclopedia article written years later), they lie in the
    wave, not in the year before publication."""
    if not isinstance(text, str) or not text:
        return []
    period_end = _period_end(period, published)
    if period_end is None and anchor is not None and (published is None or anchor < published):
        period_end = anchor
    atoms = _select(_atoms(text, published, period_end))
    mentions = _weekdays_of_items(text, [m for m in _combine(text, atoms, published) if _valid(m)],
                                  published)
    if period_end is None:  # a report's own year governs its year-less dates
        mentions = _years_from_context(text, mentions)
    return _count_from_days(text, mentions)


_WAVE_TITLE = re.compile(
    r"^\W*(?P<y1>1[89]\d\d|20\d\d)(?:\s*[-\u2013\u2014/]\s*(?P<y2>\d{2}|\d{4}))?\b[^\n\d]{0,80}?"
    r"\b(?:protests?|demonstrations?|uprising|unrest|riots?|revolution|strikes?|movement|crackdown|"
    r"massacre|revolt|rebellion|marches)\b[^\n\d]{0,40}$", re.IGNORECASE | re.MULTILINE)


def wave_end(text: str, box_end: date | None) -> date | None:
    """The last day of the wave an article is the history of: its fact box's Date line,
    else the year its title line names ("2019–2020 Freedonian protests", "2022 Iranian
    protests")."""
    if box_end is not None:
        return box_end
    if not isinstance(text, str):
        return None
    first = text.lstrip()[:200].split("\n", 1)[0]
    m = _WAVE_TITLE.match(first)
    if not m:
        return None
    year = int(m.group("y1"))
    if m.group("y2"):
        later = int(m.group("y2")) if len(m.group("y2")) == 4 else year // 100 * 100 + int(m.group("y2"))
        year = later if later >= year else year
    return date(year, 12, 31)


def declared_year(text: str, published: date | None, title: str | None = None) -> int | None:
    """The year a report says it covers: a year in a short title-like line near its
    start with a report word ("Chile — 2019 Human Rights Report", "Annual Report 2023",
    "Country Reports on Human Rights Practices for 2020"); else, where its start speaks
    of "the year under review", the year before a publication in its first half, or of
    "during the year", the year before a publication in its first four months."""
    if not isinstance(text, str):
        return None
    head = (title + "\n" if isinstance(title, str) else "") + text[:tw.PERIOD_HEAD_CHARS]
    for line in head.splitlines():
        if len(line) <= tw.PERIOD_LINE_CHARS and tw.PERIOD_WORD.search(line):
            year = tw.PERIOD_YEAR.search(line)
            if year and not tw.ANY_DIGIT.search(tw.YEAR_SPAN.sub("", line)):
                return int(year.group("year"))  # not a headline's "report: 300 killed in 2019"
    if published and published.month <= 6 and tw.PERIOD_PHRASE.search(head):
        return published.year - 1
    if published and published.month <= tw.REPORT_SEASON_MONTHS and tw.REPORT_YEAR_PHRASE.search(head):
        return published.year - 1  # "During the year ..." opening a report out in March
    return None


def opens_sentence(text: str, m: TimeMention) -> bool:
    """Whether ``m`` stands at the start of its sentence ("On July 6, ...", "Late on
    Friday ..."): a time that sets the scene for what the sentences after it tell."""
    return bool(tw.OPENS_SENTENCE.search(text, max(0, m.start - 40), m.start))


def dates_a_saying(text: str, m: TimeMention) -> bool:
    """Whether ``m`` is the date of a statement ("a December 16 report", "On May 2, the
    ministry said"), which belongs to the sayer, not to what is counted ("As of May 2, the
    ministry said" ends the count)."""
    if m.up_to:
        return False
    if tw.STATEMENT_AFTER.match(text, m.end, m.end + 60):
        return True
    return opens_sentence(text, m) and bool(tw.SAYING_AFTER.match(text, m.end, m.end + 80))


def _period_end(period: int | None, published: date | None) -> date | None:
    """The reference date of a report about ``period``: its last day, when the report
    came out after it (a report about the year it is published in reads as news)."""
    if period is None:
        return None
    end = date(period, 12, 31)
    return end if published is None or published > end else None


def re_resolve(m: TimeMention, reference: date | None) -> TimeMention:
    """``m`` resolved again against ``reference`` (e.g. a date in the same sentence)."""
    for again in find_times(m.when.text, reference):
        if again.start == 0 and again.end == len(m.when.text):
            return replace(m, when=again.when, days=again.days)
    return m


def anchor_duration(m: TimeMention, anchor: date) -> When:
    """A duration ("in just five days") laid from ``anchor``: [anchor, anchor + days]."""
    if m.days is None:
        return When(anchor, None, m.when.text)
    return When(anchor, _add_days(anchor, m.days), m.when.text)


# --- matching -------------------------------------------------------------------

def _atoms(text: str, ref: date | None, period_end: date | None) -> list[tuple[_Atom, Interval]]:
    found = []
    for rule, kind, mt in _matches(text):
        atom = _Atom(mt.start(), mt.end(), kind, mt, rule, ref)
        if period_end and tw.in_period(atom):
            atom = replace(atom, ref=period_end)
        interval = atom.resolve(atom.ref)
        if interval is not None and period_end and atom.ref == period_end:
            interval = _into_period(atom, interval, period_end)
        if interval is not None and mt.end() > mt.start():
            found.append((atom, interval))
    return found


def _into_period(atom: _Atom, iv: Interval, period_end: date) -> Interval:
    """ "On January 5" read against 31 December is the next January: move it back."""
    start, end = iv
    if not (tw.needs_year(atom) and start and start > period_end):
        return iv
    try:
        return start.replace(year=start.year - 1), end and end.replace(year=end.year - 1)
    except ValueError:  # 29 February
        return iv


def _matches(text: str) -> Iterator[tuple[str, str, re.Match]]:
    """(rule, kind, match) of every rule in turn: what ``rx.finditer(text)`` finds."""
    windows = _windows(text)
    for rule, kind, rx in tw.PATTERNS:
        for start, end in windows.get(tw.FAMILY[rule], ()):
            for mt in rx.finditer(text, start, end):
                yield rule, kind, mt


_WORD = re.compile(r"\w+")


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Trigger family -> the stretches of text its rules are scanned over, in order.

    Sixteen case-insensitive regexes over the whole text cost more than all the rest of
    ``find_times``, yet most words are far from any month, year, weekday, unit or
    relative phrase. A stretch runs from ``WINDOW_WORDS`` words before a trigger word
    to ``WINDOW_WORDS`` words after it (or to the text's end), overlapping stretches
    merged, so scanning the stretches finds exactly what scanning the whole text finds
    (see ``_when_patterns.WINDOW_WORDS``): ``finditer(text, start, end)`` still sees
    the character before ``start`` for ``\\b``, and no rule looks as far as a
    stretch's end, a word's end ``WINDOW_WORDS`` words past the last trigger word.
    """
    spans = [mt.span() for mt in _WORD.finditer(text)]
    last, k = len(spans) - 1, tw.WINDOW_WORDS
    plain = text.isascii()
    out: dict[str, list[tuple[int, int]]] = {}
    for i, (s, e) in enumerate(spans):
        word = text[s:e]
        families = tw.TRIGGERS.get(word.lower()) if plain or word.isascii() else tw.ALL_FAMILIES
        if not families:
            continue
        start = spans[max(0, i - k)][0]
        end = spans[i + k][1] if i + k < last else len(text)
        for family in families:
            stretches = out.setdefault(family, [])
            if stretches and start <= stretches[-1][1]:
                stretches[-1] = (stretches[-1][0], end)  # ends only grow
            else:
                stretches.append((start, end))
    return out


def _select(found: list[tuple[_Atom, Interval]]) -> list[tuple[_Atom, Interval]]:
    """The most specific, then longest, matches; no overlaps."""
    found.sort(key=lambda f: (tw.TIER[f[0].rule], f[0].start - f[0].end, f[0].start))
    taken: list[tuple[_Atom, Interval]] = []
    starts: list[int] = []  # of taken, kept sorted (they never overlap, so ends are too)
    ends: list[int] = []
    for atom, interval in found:
        # bisect, not a scan of every taken match: long texts have thousands of them
        i = bisect.bisect_right(starts, atom.start)
        if (i == 0 or ends[i - 1] <= atom.start) and (i == len(starts) or starts[i] >= atom.end):
            starts.insert(i, atom.start)
            ends.insert(i, atom.end)
            taken.append((atom, interval))
    return sorted(taken, key=lambda f: f[0].start)


def _combine(text, atoms, ref) -> list[TimeMention]:
    """Join "X and/until Y" into ranges; wrap "since X" and "began on X"."""
    out: list[TimeMention] = []
    i = 0
    while i < len(atoms):
        atom, interval = atoms[i]
        if i + 1 < len(atoms) and (joined := _join(text, atom, atoms[i + 1], ref)):
            out.append(joined)
            i += 2
            continue
        out.append(_wrap(text, atom, interval, ref))
        i += 1
    return out


def _join(text, first: _Atom, second_pair, ref) -> TimeMention | None:
    second, end_iv = second_pair
    gap = text[first.end:second.start]
    before = tw.RANGE_OPEN.search(text, max(0, first.start - 12), first.start)
    link = tw.RANGE_LINK.fullmatch(gap)
    if not link or first.kind not in tw.JOINABLE or second.kind not in tw.JOINABLE:
        return None
    if link.group("word").lower() == "and" and not before and first.kind != second.kind:
        return None
    end = end_iv[1] or end_iv[0]
    start_iv = first.resolve(end) if tw.needs_year(first) and end else first.resolve(first.ref)
    if not start_iv or start_iv[0] is None or end is None or start_iv[0] > end:
        return None
    start = before.start() if before else first.start
    return _mention(text, start, second.end, "range", (start_iv[0], end))


def _wrap(text, atom: _Atom, iv: Interval, ref) -> TimeMention:
    iv = _in_past(atom, iv, ref) if tw.SINCE_OR_BEGAN.search(text, max(0, atom.start - 30),
                                                            atom.start) else iv
    lead = tw.SINCE.search(text, max(0, atom.start - 12), atom.start)
    if lead and atom.kind not in ("duration", "shift"):
        return _mention(text, lead.start(), atom.end, "since", (iv[0], ref if iv[0] else None))
    lead = tw.BEGAN.search(text, max(0, atom.start - 30), atom.start)
    if lead and atom.kind not in ("duration", "shift"):
        return _mention(text, lead.start(), atom.end, "began", (iv[0], None))
    if atom.match.groupdict().get("pre", "") and atom.match.group("pre").lower() == "since":
        return _mention(text, atom.start, atom.end, "since", (iv[0], ref if iv[0] else None))
    days = (tw.duration_days(atom.match) if atom.kind == "duration"
            else tw.shift_days(atom.match) if atom.kind == "shift" else None)
    if _as_of(text, atom) and (iv[1] or iv[0]):  # "as of 2 March": open start, its own words
        return replace(_mention(text, atom.start, atom.end, atom.kind, (None, iv[1] or iv[0])), up_to=True)
    return _mention(text, atom.start, atom.end, atom.kind, iv, days)


_CORE_GROUPS = ("lead", "mon", "d1", "day", "wd", "year", "phrase", "which")


def _as_of(text: str, atom: _Atom) -> bool:
    """Whether "as of", "as at", "by the end of", "by" stands before ``atom``'s own words
    ("as of December", "by the end of June", "by Friday"): a count up to then."""
    if atom.kind not in tw.JOINABLE:
        return False
    mt = atom.match
    core = min((mt.start(g) for g in _CORE_GROUPS if g in mt.re.groupindex and mt.start(g) >= 0),
               default=atom.start)
    return bool(tw.AS_OF.search(text, max(0, core - 30), core))


_NARRATIVE_DAYS = 366  # a year-less date further than this after the story's last dated scene
_LOOKBACK_DAYS = 31     # a narrative may step back a few weeks ...
_LOOKAHEAD_DAYS = 334   # ... and moves on within the year after
_NEWS_KINDS = frozenset({"weekday", "relative", "ago"})


def _years_from_context(text: str, mentions: list[TimeMention]) -> list[TimeMention]:
    """ "In November 2019 a strike began; on 3 November police fired": a year-less date
    takes its year from the last dated scene before it in its paragraph or the one
    before (a month or day with its year), when reading it from publication would put it more than a year after that scene
    (an encyclopedia article or a history, written long after)."""
    if any(_reads_as_news(m) for m in mentions):
        return mentions  # "on Monday", "yesterday", "two weeks ago": news, read from publication
    out, scene, scene_end = [], None, 0
    for m in mentions:
        w = m.when
        if scene and _paragraph_breaks(text, scene_end, m.start) > 1:
            scene = None  # a scene sets the year of its paragraph and the next one
        if m.kind in ("date", "month", "range", "began") and w.start and tw.PERIOD_YEAR.search(w.text):
            if not tw.MODIFIER_BEFORE.search(text, max(0, m.start - 12), m.start):
                scene, scene_end = w.start, m.end  # not "the December 2010 crackdown"
        elif (scene and m.kind in ("date", "month") and (w.start or w.end)
              and ((w.start or w.end) - scene).days > _NARRATIVE_DAYS):
            again = re_resolve(m, scene + timedelta(days=_LOOKAHEAD_DAYS - _LOOKBACK_DAYS))
            first = again.when.start or again.when.end
            m = again if first and first >= scene - timedelta(days=_LOOKBACK_DAYS) else m
        out.append(m)
    return out


def _paragraph_breaks(text: str, start: int, end: int) -> int:
    """How many paragraphs begin in text[start:end] (a new line after text)."""
    return len(tw.PARAGRAPH_BREAK.findall(text, start, end))


def _reads_as_news(m: TimeMention) -> bool:
    """ "on Monday", "yesterday", "two weeks ago", "Monday, June 3": times told from
    the day of writing, as news tells them and histories do not."""
    return m.kind in _NEWS_KINDS or (m.kind == "date" and bool(tw.WEEKDAY_FIRST.match(m.when.text))
                                     and not tw.PERIOD_YEAR.search(m.when.text))


def _weekdays_of_items(text: str, mentions: list[TimeMention], published: date | None) -> list[TimeMention]:
    """ "on Sunday" in a roundup or live blog is the Sunday of its item: the last date
    before it that heads a line ("June 3, 2019 — ..."; there "overnight" and "today" too
    are the item's), or a weekday's date after publication (a compilation of later
    articles); else it is read against publication."""
    out, item, heading = [], None, False
    for m in mentions:
        if item is not None and (m.kind == "weekday" or (heading and tw.is_day_phrase(m.when.text))):
            m = re_resolve(m, item)
        elif m.kind == "date" and m.when.start and m.when.start == m.when.end:
            if opens_line(text, m):
                item, heading = m.when.start, True
            elif published and m.when.start > published and starts_with_weekday(m):
                # "on monday, june 3rd" after publication: a later article, not a future
                # date ("a hearing set for June 21")
                item, heading = m.when.start, False
        out.append(m)
    return out


def starts_with_weekday(m: TimeMention) -> bool:
    """ "monday, june 3rd": a date told with its weekday."""
    return bool(tw.WEEKDAY_FIRST.match(m.when.text))


def opens_line(text: str, m: TimeMention) -> bool:
    """Whether ``m`` heads its line ("June 3, 2019 — ...", "14:05 GMT, Monday June 3")."""
    return bool(tw.OPENS_LINE.search(text, max(0, m.start - 24), m.start))


def _count_from_days(text: str, mentions: list[TimeMention]) -> list[TimeMention]:
    """ "the day before", "two days later" count from the last day the text named before
    them ("On June 3 ... The next day ..."; "began on 3 June"), or from the day their own
    sentence names after them when none is named before in it ("the previous evening,
    ... on Sunday"); after a month named last ("In March ... the following day") they
    are a day of that month; "later that month" is the month it named last; else they
    count from publication, never past it."""
    out, last, month, span, last_end, month_last = [], None, None, None, 0, False
    for i, m in enumerate(mentions):
        if m.kind == "shift" and not tw.MONTH_WORD.search(m.when.text) and (
                last is None or tw.SENTENCE_BREAK.search(text, last_end, m.start)):
            # "wounded the previous evening, ... remarks on sunday": the day of its sentence
            ahead = next((n for n in mentions[i + 1:] if _names_a_day(n)), None)
            if ahead and not tw.SENTENCE_BREAK.search(text, m.end, ahead.start):
                last, last_end = ahead.when.start, ahead.end
        if m.kind == "same_period":
            m = _same_period(m, span)
        elif m.kind in ("range", "relative") and _part_of_a_year(m.when):
            span = m.when
        if m.kind == "shift" and tw.MONTH_WORD.search(m.when.text):
            if month is not None:  # "later that month": the month last named
                m = replace(m, when=When(*_month_of(month), m.when.text))
        elif m.kind == "shift" and month_last and month is not None:
            # "In March ... the following day": a day of that month, which one unknown
            m = replace(m, when=When(*_month_of(month), m.when.text))
        elif m.kind == "shift" and last is not None and m.days is not None:
            d = _add_days(last, m.days)
            m = replace(m, when=When(d, d, m.when.text)) if d else m
        elif _names_a_day(m):
            last = month = m.when.start
            last_end, month_last = m.end, False
        elif m.kind == "month" and m.when.start:
            month, month_last = m.when.start, True
        out.append(m)
    return out


def _part_of_a_year(w: When) -> bool:
    return bool(w.start and w.end and 1 <= (w.end - w.start).days < 365)


def _same_period(m: TimeMention, span: When | None) -> TimeMention:
    """ "from January 1 to September 30 ... the same period in 2017": that stretch in 2017."""
    if span is None or m.when.start is None:
        return m
    years = m.when.start.year - span.start.year
    try:
        lo, hi = span.start.replace(year=span.start.year + years), span.end.replace(year=span.end.year + years)
    except ValueError:  # 29 February
        return m
    return replace(m, when=When(lo, hi, m.when.text))


def _month_of(d: date) -> Interval:
    nxt = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return d.replace(day=1), nxt - timedelta(days=1)


def _names_a_day(m: TimeMention) -> bool:
    w = m.when
    if m.kind in ("began", "since"):
        return w.start is not None and bool(tw.DAY_NUMBER.search(w.text))
    return m.kind != "duration" and w.start is not None and w.start == w.end


def _in_past(atom: _Atom, iv: Interval, ref: date | None) -> Interval:
    """What began "since May 16" began before the reference date, not after it."""
    start = iv[0]
    if not (ref and start and start > ref and tw.needs_year(atom)):
        return iv
    try:
        return start.replace(year=start.year - 1), iv[1]
    except ValueError:  # 29 February
        return iv


def _mention(text, start, end, kind, iv: Interval, days=None) -> TimeMention:
    return TimeMention(start, end, When(iv[0], iv[1], text[start:end]), kind, days)


def _valid(m: TimeMention) -> bool:
    s, e = m.when.start, m.when.end
    return not (s and e and s > e)


def _safe(fn, mt, ref) -> Interval | None:
    try:
        return fn(mt, ref)
    except (ValueError, OverflowError, KeyError):
        return None


def _add_days(d: date, n: int) -> date | None:
    try:
        return d + timedelta(days=n)
    except OverflowError:
        return None

