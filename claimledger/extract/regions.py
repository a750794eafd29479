"""Stretches of an article that speak in someone else's voice: embedded posts
("... — Name (@handle) October 27, 2020", "@handle: text"), quotes introduced by
"X said:" and paragraphs introduced by "X writes:". A claim inside such a region
gets its speaker as the last link of its chain.

Pure regular expressions over the article text: no parse needed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_SIGNATURE = re.compile(
    rf"(?:—|–|--)\s*(?P<name>[^\n()—–]{{1,80}}?(?:\([^()\n]{{0,40}}\)[^\n()—–]{{0,20}}?)?)\s*\((?P<handle>@\w{{1,30}})\)\s*"
    rf"(?P<date>{_MONTH}\s+\d{{1,2}},\s+\d{{4}})?")
_HANDLE_LINE = re.compile(r"^(?P<handle>@\w{1,30})\s*:\s*(?=\S)", re.M)
_VERBS = r"said|says|wrote|writes|described|describes|recounted|recounts|recalled|recalls|blogged|tweeted|tweets|added|adds|stated|states|commented|comments|explained|posted|posts|declared|noted|told [\w ]{1,30}?|reported|reports|announced|warned|argued|argues|insisted"
_COLON_INTRO = re.compile(rf"\b(?P<verb>{_VERBS})\b(?:[^\n:“”\".]{{0,120}}?)?\s*:\s*")
_CAPITALISED = re.compile(r"[A-Z@][\w’'.\-]*(?:\s+(?:[A-Z@(][\w’'.\-/)]*|of|the|de|al|el|bin|/))*")
_AFTER_QUOTE = re.compile(
    r"[”\"],?\s+(?:(?P<verb1>said|says|added|wrote)\s+(?P<speaker1>[A-Z][\w’'.\- ]{1,60}?)|(?P<speaker2>[A-Z][\w’'.\- ]{1,60}?)\s+(?P<verb2>said|says|added|wrote))[,.]")


@dataclass(frozen=True)
class Region:
    start: int
    end: int
    mention: str
    verb: str
    date: date | None
    mention_start: int
    mention_end: int


def find_regions(text: str) -> list[Region]:
    """Every voiced region of the text, sorted by start."""
    regions = [*_posts(text), *_handle_lines(text), *_colon_quotes(text), *_quotes_after(text)]
    return sorted(regions, key=lambda r: (r.start, -r.end))


def region_at(regions: list[Region], start: int, end: int) -> Region | None:
    """The innermost region holding [start, end)."""
    inside = [r for r in regions if r.start <= start and end <= r.end]
    return min(inside, key=lambda r: r.end - r.start) if inside else None


def _paragraph_start(text: str, i: int) -> int:
    j = text.rfind("\n", 0, i)
    return j + 1


def _posts(text: str):
    last_end = 0
    for m in _SIGNATURE.finditer(text):
        start = max(_paragraph_start(text, m.start()), last_end)
        when = _parse_date(m.group("date"))
        yield Region(start, m.start(), m.group("handle"), "tweeted", when, m.start("handle"), m.end("handle"))
        last_end = m.end()


def _handle_lines(text: str):
    for m in _HANDLE_LINE.finditer(text):
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        yield Region(m.end(), end, m.group("handle"), "tweeted", None, m.start("handle"), m.end("handle"))


def _colon_quotes(text: str):
    """ "X said: ..." to the end of the quote or paragraph; "X writes:" at a paragraph's
    end voices the next paragraph."""
    for m in _COLON_INTRO.finditer(text):
        speaker, at = _speaker_before(text, m.start())
        if not speaker:
            continue
        after = m.end()
        line_end = text.find("\n", after)
        line_end = len(text) if line_end < 0 else line_end
        if after >= line_end or not text[after:line_end].strip():  # the quote is the next paragraph
            nxt = re.compile(r"\n\s*").match(text, line_end)
            begin = nxt.end() if nxt else line_end
            end = text.find("\n", begin)
            end = len(text) if end < 0 else end
        elif text[after] in "“\"":
            close = text.find("”" if text[after] == "“" else "\"", after + 1)
            begin, end = after, (close + 1 if close > 0 else line_end)
        else:
            begin, end = after, line_end
        verb = m.group("verb").split()[0]
        yield Region(begin, end, speaker, verb, None, at, at + len(speaker))


def _speaker_before(text: str, verb_start: int) -> tuple[str, int]:
    """The subject of a reporting verb, from its sentence's start: a short phrase
    ("Judiciary chief Ebrahim Raisi") or the capitalised name that opens a longer one."""
    dot = text.rfind(". ", 0, verb_start)
    start = max(dot + 2 if dot >= 0 else 0, text.rfind("\n", 0, verb_start) + 1)
    subject = text[start:verb_start].strip(" ,")
    if not subject or subject == subject.lower():
        return "", -1
    at = start + text[start:verb_start].index(subject)
    runs = list(_CAPITALISED.finditer(subject))
    if not runs:
        return "", -1
    if len(subject.split()) <= 6 and runs[0].start() == 0 and _only_names(subject):
        return subject, at
    # a capitalised word that only opens the sentence ("The ministry said:") names nobody
    runs = [r for r in runs if r.group(0).strip().lower() not in _OPENERS]
    if not runs:
        return "", -1
    # "Tammy attended the rally and commented": the name, not the clause
    best = runs[0] if len(subject.split()) > 6 else runs[-1]
    return best.group(0).strip(), at + best.start()


_OPENERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "my",
            "your", "some", "many", "several", "earlier", "later", "then", "meanwhile", "also", "but", "and"}


def _only_names(subject: str) -> bool:
    """Capitalised words, their particles, and titles written before a name."""
    lower = [w for w in subject.split() if w[:1].islower()]
    return all(w in ("of", "the", "de", "al", "el", "bin", "chief", "member", "leader", "spokesman",
                     "spokeswoman", "minister", "head", "president", "activist", "blogger") for w in lower)


def _quotes_after(text: str):
    """ "“...,” Name said." voices the quote before it."""
    for m in _AFTER_QUOTE.finditer(text):
        close = m.start()
        opening = max(text.rfind("“", 0, close), text.rfind("\"", 0, close))
        if opening < 0 or close - opening > 2000:
            continue
        speaker = (m.group("speaker1") or m.group("speaker2")).strip()
        group = "speaker1" if m.group("speaker1") else "speaker2"
        yield Region(opening, close + 1, speaker, m.group("verb1") or m.group("verb2"), None,
                     m.start(group), m.start(group) + len(speaker))


def _parse_date(s: str | None) -> date | None:
    if not s:
        return None
    s = re.sub(r"\s+", " ", s.replace(".", ""))
    for fmt in ("%B %d, %Y", "%b %d, %Y"):
        try:
            return datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    try:
        return datetime.strptime(s[:3] + s[s.index(" "):], "%b %d, %Y").date()
    except ValueError:
        return None
