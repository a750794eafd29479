"""The time of a claim: which of the article's time mentions dates what is counted.

    claim_time(ctx, sentence, number_at, mentions, perfect, sent) -> When | None
    bind_times(ctx, sentence, sent, claims) -> claims, each count with its own time

In order: the sentence's own time nearest the number (not the date of the saying, of a
yardstick, or of another happening the sentence names); a named wave's time; the time
of the happening told just before (a scene, a live blog's item); the article's main
time; else "before publication". ``when.py`` finds and resolves the mentions.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Span

from claimledger.model import Claim, When

from . import _when_patterns as tw
from . import segment
from .quantities import find_quantities, is_count
from .sources import SourceMention
from .when import (TimeMention, anchor_duration, dates_a_saying, find_times, opens_line,
                   opens_sentence, re_resolve, starts_with_weekday)

if TYPE_CHECKING:
    from .claims import Context


def _within(ctx: Context, s: segment.Sentence, items):
    return [x for x in items if s.start <= x.start and x.end <= s.end]


_SUPERLATIVE = re.compile(r"\b(?:\w+est|most|worst|first|ever|only)\b[^.;]{0,60}$", re.I)


_WHEN_CLAUSE = re.compile(r"\s*,?\s*when\b", re.I)


_YARDSTICK_CLAUSE = re.compile(r"\b(?:\w+est|most|worst|first|ever|only)\b[^.;]{0,60}\bsince\s"
                               r"[^.;,]{0,60}$", re.I)


def _yardstick(ctx: Context, t: TimeMention, number_at: int) -> bool:
    """ "40 died in the worst violence since the movement began demanding power late last
    year": the time of the yardstick the count is measured against, unless the count
    stands in the yardstick itself ("the largest since rallies in 75 cities in
    December") or a "when" clause tells what happened then."""
    text = ctx.article.text
    clause = _YARDSTICK_CLAUSE.search(text, max(0, t.start - 140), t.start)
    if not clause or _WHEN_CLAUSE.match(text, t.end):
        return False
    since = clause.start() + clause.group(0).lower().rfind("since")
    return not since < number_at < t.start


def _comparison(ctx: Context, t: TimeMention) -> bool:
    """ "the biggest uprising since the 1979 revolution": a yardstick, not the event's time
    (unless a "when" clause tells what happened then: "the first since June 3, when ...")."""
    text = ctx.article.text
    return (t.kind == "since" and bool(_SUPERLATIVE.search(text[max(0, t.start - 80):t.start]))
            and not _WHEN_CLAUSE.match(text, t.end))


def _told_comparison(ctx: Context, t: TimeMention) -> bool:
    """ "the first since June 3, when troops broke up the camp": a yardstick whose "when"
    clause tells a happening (not "40 killed since February 1, when the army seized
    power", the start of a count)."""
    text = ctx.article.text
    return (t.kind == "since" and bool(_WHEN_CLAUSE.match(text, t.end))
            and bool(_SUPERLATIVE.search(text[max(0, t.start - 80):t.start])))


def _as_told(ctx: Context, t: TimeMention, number_at: int | None = None) -> When:
    """ "since June 3, when troops broke up the camp": the time of the happening it tells
    (the day, month or year after "since"), for a yardstick or for a count that stands in
    the "when" clause ("volatile since March 17, when five protesters were killed"); "as
    of June 3" is a count up to that day."""
    w = t.when
    if t.up_to:
        return When(None, w.end or w.start, w.text)
    inside = (number_at is not None and t.kind == "since" and number_at > t.end
              and bool(_WHEN_CLAUSE.match(ctx.article.text, t.end)))
    if not (w.start and (inside or _told_comparison(ctx, t))):
        return w
    lead = tw.SINCE_WORD.match(w.text)
    told = find_times("in " + w.text[lead.end():], w.start) if lead else []  # "in 1995"
    if len(told) == 1 and told[0].when.start == w.start:
        return When(w.start, told[0].when.end, w.text)
    return When(w.start, w.start if tw.DAY_NUMBER.search(w.text) else None, w.text)


def claim_time(ctx: Context, s: segment.Sentence, number_at: int, mentions: list[SourceMention],
               perfect: bool = False, sent: Span | None = None) -> When | None:
    """The time of what is counted: the sentence's own time expression nearest the
    number (not a source's date, nor the date of another happening it names), else
    the time of the happening told before, else the article's main time, else "before
    publication"."""
    own = [t for t in _within(ctx, s, ctx.times)
           if not _said_when(t, mentions, number_at) and not _comparison(ctx, t)
           and not _yardstick(ctx, t, number_at)
           and not (sent is not None and _dates_another(t, sent, s.start - sent.start_char))]
    anchor_dates = [t.when.start for t in _within(ctx, s, ctx.times)
                    if t.kind == "date" and t.when.start and t.when.start == t.when.end and not t.up_to]
    own.sort(key=lambda t: (t.kind == "duration", _history(ctx, t), _distance(t, number_at)))
    for t in own:
        if t.kind == "duration":
            anchor = _duration_anchor(ctx, t)
            if anchor:
                return anchor_duration(t, anchor)
            continue
        if t.kind in ("month", "weekday") and anchor_dates:
            t = re_resolve(t, max(anchor_dates))
        if t.when.start or t.when.end:
            told = _as_told(ctx, t, number_at)
            return _later_figure(ctx, number_at, _up_to(ctx, replace(t, when=told), own))
    if perfect and ctx.article.published:
        return When(None, ctx.article.published, "(up to publication)")
    wave = _named_wave(ctx, s)
    if wave:
        return wave
    context = _preceding_time(ctx, s)
    if context:
        return _narrower(_said_times(ctx, s, mentions, number_at), _later_figure(ctx, number_at, context))
    if ctx.main_time:
        return _narrower(_said_times(ctx, s, mentions, number_at), ctx.main_time)
    if ctx.article.published:
        return When(None, ctx.article.published, "(before publication)")
    return None


def _said_times(ctx: Context, s: segment.Sentence, mentions: list[SourceMention],
                number_at: int) -> list[When]:
    return [t.when for t in _within(ctx, s, ctx.times) if _said_when(t, mentions, number_at)]


def _narrower(said: list[When], w: When) -> When:
    """ "In March the ministry announced that 14 were injured" in a report of the year:
    the month of the saying, inside the year the context gives, is the closer bound."""
    for t in said:
        if (t.start and t.end and w.start and w.end and w.start <= t.start and t.end <= w.end
                and (t.end - t.start) < (w.end - w.start)):
            return t
    return w


_FROM_TO = re.compile(r"\bfrom\s+[\w,.]+\s+to\s+$", re.I)


def _distance(t: TimeMention, number_at: int) -> int:
    """Characters between a time and the number: from its end when it stands before."""
    return number_at - t.end if t.end <= number_at else t.start - number_at


def _later_figure(ctx: Context, number_at: int, w: When) -> When:
    """ "an increase over the same period for 2017, from 2,666 to 2,798": the figure
    after "to" is the later one, the period the comparison repeats, not "the same period"."""
    text = ctx.article.text
    if not _FROM_TO.search(text, max(0, number_at - 40), number_at):
        return w
    same = next((m for m in ctx.times if m.kind == "same_period" and m.when == w), None)
    if same is None:
        return w
    repeated = [m for m in ctx.times if m.end <= same.start and m.kind in ("range", "relative")
                and m.when.start and m.when.end and 1 <= (m.when.end - m.when.start).days < 365]
    return repeated[-1].when if repeated else w


def _dates_another(t: TimeMention, sent: Span, base: int) -> bool:
    """Whether ``t`` dates another happening the sentence names, not what is counted: it
    modifies a noun governed by "after", "against", "ahead of" ... ("after Monday's
    election", "protests against Lukashenko's August 9 reelection"), or a statement
    ("a December 16 report")."""
    span = sent.doc.char_span(t.start - base, t.end - base, alignment_mode="expand")
    if span is None or not len(span):
        return False
    root = span.root
    noun = root.head
    if root.dep_ not in ("poss", "nmod", "compound", "amod", "nummod") or noun.pos_ not in ("NOUN", "PROPN") \
            or span.start <= noun.i < span.end:
        return False
    if t.kind == "weekday" and root.dep_ != "poss":
        return False  # "marched after friday prayers": that day's, unlike "after Monday's election"
    if noun.lemma_.lower() in tw.STATEMENT_NOUNS:
        return True
    prep = noun.head if noun.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in ("of", "to") and prep.head.lower_ in tw.OTHER_EVENT_WORDS:
        return True
    return prep is not None and prep.lower_ in tw.OTHER_EVENT_WORDS


_SAYING_DAYS = 31  # a statement has a day, at most a month ("in its March report"); not a season


def _said_when(t: TimeMention, mentions: list[SourceMention], number_at: int) -> bool:
    """Whether ``t`` dates the saying, not what is counted: it stands in a reporting
    verb's own phrase ("On May 2, Amnesty said", "officials said on Tuesday"), is no
    longer than a month, and is not on the far side of the number from the sayer
    ("UNAMA reported 300 deaths in March" dates the deaths)."""
    w = t.when
    if t.up_to or w.start is None or w.end is None or (w.end - w.start).days >= _SAYING_DAYS:
        return False  # "As of 2 March, the ministry said": the count's end, not the saying's day
    return any(lo <= t.start and t.end <= hi and not (m.start < number_at < t.start)
               for m in mentions for lo, hi in m.date_spans)


_BINDABLE = frozenset({"year", "month", "date", "range"})


def bind_times(ctx: Context, s: segment.Sentence, sent: Span, claims: list[Claim]) -> list[Claim]:
    """ "two died in 2021 and four in 2020": where the sentence's counts and times
    alternate, each count takes its own time, the one after it (or, where times lead,
    the one before it), not merely the nearest."""
    own = [t for t in _within(ctx, s, ctx.times) if t.kind != "duration"
           and (t.when.start or t.when.end) and not _comparison(ctx, t)
           and not dates_a_saying(ctx.article.text, t)]
    times = [t for t in own if not t.up_to]
    kinds = {t.kind for t in times}
    if not claims or len(times) < 2 or len(kinds) > 1 or not kinds <= _BINDABLE:
        return claims  # "two in 2021 and four in 2020": calendar times of one kind, like the counts
    base = s.start - sent.start_char
    numbers = sorted({c.start for c in claims} |
                     {base + q.start_char for q in find_quantities(sent) if is_count(q, sent)})
    items = sorted([(n, None) for n in numbers] + [(t.start, t) for t in times], key=lambda i: i[0])
    at = {n: i for i, (n, t) in enumerate(items) if t is None}
    for step in (1, -1):
        bound = {n: items[i + step][1] for n, i in at.items() if 0 <= i + step < len(items)}
        if len(numbers) > 1 and len(bound) == len(numbers) and all(bound.values()):
            return [replace(c, when=_up_to(ctx, bound[c.start], own)) for c in claims]
    return claims


def _history(ctx: Context, t: TimeMention) -> bool:
    """ "a tradition since 1919": a since-time from long before publication, which yields
    to any other time the sentence gives."""
    published = ctx.article.published
    return bool(t.kind == "since" and published and t.when.start
                and (published - t.when.start).days > _HISTORY_DAYS)


_HISTORY_DAYS = 5 * 365  # older times are history ("since the revolution in 1979"), not context


def _preceding_time(ctx: Context, s: segment.Sentence) -> When | None:
    """A sentence without a time of its own continues the happening told before it: the
    last time that opened a sentence of its paragraph before it (a scene: "On July 6,
    ...") or a "when" clause ("since June 3, when troops ..."), else the last time of
    that stretch, else the last of the paragraph before."""
    text = ctx.article.text
    para = text.rfind("\n", 0, s.start) + 1
    if para == 0:
        return _item_day(ctx, s.start)  # else the lead paragraph's: the article's main time
    here = _usable(ctx, para, s.start)
    scenes = [t for t in here if opens_sentence(text, t) or _told_comparison(ctx, t)]
    if scenes or here:
        return _as_told(ctx, (scenes or here)[-1])
    prev_end = len(text[:para].rstrip())
    previous = _usable(ctx, text.rfind("\n", 0, prev_end) + 1, prev_end)
    return _as_told(ctx, previous[-1]) if previous else _item_day(ctx, s.start)


def _named_wave(ctx: Context, s: segment.Sentence) -> When | None:
    """ "killed in the demonstrations": the time the article gave that wave where it
    first told of it, a time within a few words of the same noun ("demonstrations that
    began on 15 November"), its start where it told one."""
    named = tw.NAMED_WAVE.search(s.text)
    if not named or any(w.strip("'’").lower() in tw.TIME_MODIFIERS
                        for w in re.split(r"[\s'’]+", named.group("mods")) if w):
        return None
    text = ctx.article.text
    noun = re.compile(rf"\b{re.escape(tw.WAVE_ENDING.sub('', named.group('noun').lower()))}", re.I)
    near = [t for t in _usable(ctx, 0, s.start)
            if noun.search(text, max(0, t.start - tw.WAVE_REACH), min(len(text), t.end + tw.WAVE_REACH))]
    starts = [t for t in near if t.kind in ("began", "since")]
    return (starts or near)[0].when if near else None


def _item_day(ctx: Context, before: int) -> When | None:
    """The date heading the item a sentence stands in, in a live blog or a roundup
    ("June 3, 2019 — ..." on a line of its own or opening one), or in a compilation of
    later articles (a weekday-led date after publication: "on monday, june 3rd")."""
    text, published = ctx.article.text, ctx.article.published
    for t in reversed(ctx.times):
        if t.end <= before and t.kind == "date" and (opens_line(text, t) or (
                published and t.when.start and t.when.start > published and starts_with_weekday(t))):
            return t.when
    return None


def _usable(ctx: Context, start: int, end: int) -> list[TimeMention]:
    """Event times in [start, end): no durations, nothing after publication ("next year")."""
    published = ctx.article.published
    return [t for t in ctx.times if start <= t.start and t.end <= end and t.kind != "duration"
            and (t.when.start or t.when.end) and not (published and t.when.start and t.when.start > published)
            and not (published and t.when.end and t.when.end > published)
            and not (published and t.when.end and (published - t.when.end).days > _HISTORY_DAYS)
            and not (published and t.when.start and (published - t.when.start).days > _HISTORY_DAYS)
            and not _comparison(ctx, t) and not dates_a_saying(ctx.article.text, t)
            and not _names_another(ctx.article.text, t)]


_OTHER_BEFORE = re.compile(r"\b(?:after|before|against|since|following|ahead\s+of|prior\s+to|despite|"
                           r"over)\s+(?:the\s+|an?\s+|[\w’']+['’]s\s+)?$", re.I)
_NOUN_AFTER = re.compile(r"(?:['’]s)?\s+(?!(?:when|and|or|to|in|at|on|by|with|for|as|the|a|an)\b)[a-z]",
                         re.I)


_POSSESSIVE = re.compile(r"\w(?:['’]s|\s+s)\b")


def _names_another(text: str, t: TimeMention) -> bool:
    """The words of ``_dates_another`` for a sentence that is not parsed (a context):
    "... against the October 25 military takeover", "after Monday's election"."""
    if t.kind == "weekday" and not _POSSESSIVE.search(text, t.start, min(len(text), t.end + 2)):
        return False  # "after friday prayers", unlike "after monday's vote"
    return bool(_OTHER_BEFORE.search(text, max(0, t.start - 30), t.start)
                and _NOUN_AFTER.match(text, t.end))


def _up_to(ctx: Context, t: TimeMention, own: list[TimeMention]) -> When:
    """ "As of October 12 ... during the year": a count up to a day starts where the
    sentence, else the wave the article told before, starts (else open); a period the
    sentence bounds with "as of" ends there."""
    w = t.when
    if not t.up_to:
        ends = [a.when.end for a in own if a.up_to and a.when.end and w.start and w.end
                and w.start <= a.when.end < w.end]
        return When(w.start, min(ends), w.text) if ends else w
    end = w.end or w.start
    starts = [o.when.start for o in own if not o.up_to and o.when.start and o.when.start <= end]
    if not starts:
        starts = [m.when.start for m in ctx.times if m.end <= t.start and m.kind in ("began", "since")
                  and m.when.start and m.when.start <= end][-1:]
    return When(min(starts) if starts else None, end, w.text)


def _duration_anchor(ctx: Context, t: TimeMention) -> date | None:
    """ "in just five days" counts from the last start the article gave before it."""
    before = [m for m in ctx.times if m.end <= t.start and m.when.start and m.kind in ("began", "since")]
    return before[-1].when.start if before else None
