"""What a Persian number counts: the category, unit and subject of a quantity.

Persian puts the counted noun right after the number and the verb at the clause's
end, so a quantity is read in its clause (cut at commas, «که», «اما»):

1. a place noun right after it («۱۵۷ شهر») counts protest sites, if protests are named;
2. a harm noun right after it («سه زخمی», «حدود ۱۵ کشته»), else the nearest harm word
   after it in the clause («۱۳۲ نفر ... دستگیر شدند»), else before it
   («از بازداشت دست کم ۴۵۰ نفر», «تعداد بازداشت‌شدگان را ... ۱۸۰۵۹ نفر اعلام کرد»);
   or in a relative clause right after its noun («۱۹ نفر دیگر که ... کشته شدند»);
3. a part of the figure before («۶۴ نفر از آنها», «از این تعداد ۳۲۱۲ تن») takes its category;
4. protesters or people at a protest («هزاران نفر از شهروندان معترض») are participants.

Released people («آزاد شدند») and counts of nothing above are not claims.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import lexicon
from .normalise import alternation, squash
from .quantities import Quantity


@dataclass(frozen=True)
class Counted:
    category: str
    unit: str = "people"
    subject: str = "people"


HARM = ("killed", "died", "injured", "arrested", "disappeared", "sentenced")


@cache
def _patterns() -> dict:
    w = lexicon.words()
    return {
        "harm": {c: re.compile(alternation(words)) for c, words in w["categories"].items()},
        "classifier": re.compile(rf"[ ]*{alternation(w['classifiers'], whole=True)}[ ]*"),
        "site": re.compile(rf"[ ]*({alternation(w['site_units'], whole=True)}|{alternation([u + 'های' for u in w['site_units']])})"),
        "person": re.compile(rf"[ ]*{alternation(w['person_nouns'])}"),
        "participant": re.compile(rf"[ ]*{alternation(w['participant_nouns'])}"),
        "participation": re.compile(alternation(w["participation_words"])),
        "protest": re.compile(alternation(w["protest_words"])),
        "subset": re.compile(alternation(w["subset_markers"], whole=True)),
        "release": re.compile(alternation(w["not_claim_words"])),
        "break": re.compile(rf"[،;؛:()\[\]\n]|,(?!\d)|{alternation(w['clause_breaks'], whole=True)}"),
        "subject": re.compile(rf"[ ]*(?:{alternation(w['classifiers'], whole=True)}[ ]*(?:از[ ]*)?)?({alternation(w['subjects'])})"),
        "died_cause": re.compile(alternation(w["died_causes"])),
        "cause": re.compile(rf"{alternation(w['cause_markers'])}\s*$"),
        "under_age": re.compile(alternation(w["under_age"])),
        "follower": re.compile(rf"[ ]*(?:$|[.،,;؛:!؟)\]]|{alternation(w['count_followers'])})"),
        "sites": {squash(k): v for k, v in w["site_units"].items()},
        "subjects": {squash(k): v for k, v in w["subjects"].items()},
    }


# «... تجمع کردند و ۴۰ دانشجو»: a finite verb, then «و» or a comma, before the next figure
_VERB_THEN_AND = re.compile(r"(?:ند|شد|کرد|بود|است|داد|رسید|گرفت|یافت)\s*(?:\sو|[،,])\s*$")


def clause(text: str, q: Quantity, start: int, end: int) -> tuple[int, int]:
    """The clause of ``q`` within the sentence ``text[start:end]``."""
    p = _patterns()
    left = start
    for m in p["break"].finditer(text, start, q.start):
        left = m.end()
    right = p["break"].search(text, q.end, end)
    return left, (right.start() if right else end)


def categorize(text: str, q: Quantity, start: int, end: int, before: str | None = None,
               label: str = "", next_at: int | None = None, listed: bool = False) -> Counted | None:
    """What ``q`` counts (see ``_categorize``); deaths in an accident, a disaster or of a
    disease are ``died``, not ``killed``. ``listed``: the figure follows the one before in a
    list (only commas and «و» between)."""
    counted = _categorize(text, q, start, end, before, label, next_at, listed)
    if counted and counted.category == "killed" and _patterns()["died_cause"].search(text, start, end):
        return Counted("died", counted.unit, counted.subject)
    return counted


def _categorize(text: str, q: Quantity, start: int, end: int, before: str | None = None,
                label: str = "", next_at: int | None = None, listed: bool = False) -> Counted | None:
    """What ``q`` counts in the sentence ``text[start:end]``; ``before`` is the category of
    the claim just before it (for parts of it), ``label`` the line heading a fact box entry,
    ``next_at`` where the next figure of the clause stands (it has its own verb:
    «۳۰۰ نفر تجمع کردند و ۴۰ دانشجو بازداشت شدند»)."""
    p = _patterns()
    left, right = clause(text, q, start, end)
    if next_at is not None and q.end <= next_at < right and _VERB_THEN_AND.search(text, q.end, next_at):
        right = next_at  # «... و ۴۰ دانشجو»: a coordinated figure, not a part («از جمله ۲۳ کودک»)
    after = p["classifier"].match(text, q.end)
    noun_at = after.end() if after else q.end
    if is_site_count(text, q):
        return _sites(text, q, start, end)
    if p["release"].search(text, q.end, right):
        return None
    subject = _subject(text, q, right)
    harm_here = _harm_at(text, noun_at)
    if harm_here:
        return Counted(harm_here, subject=subject)
    counted = bool(after) or bool(p["person"].match(text, q.end)) or bool(p["participant"].match(text, q.end)) \
        or q.value is None
    if q.indefinite and not (counted and (_nearest_after(text, noun_at, right) or (listed and before))):
        return None
    if not counted and not p["follower"].match(text, q.end):
        return None
    found = _nearest_after(text, noun_at, right) or _relative_clause(text, noun_at, right, end)
    if found:
        return Counted(found, subject=subject)
    if before and (p["subset"].search(text, q.end, min(right, q.end + 30)) or p["subset"].search(text, left, q.start)):
        return Counted(before, subject=subject)
    found = _nearest_before(text, left, q.start)
    if found:
        return Counted(found, subject=subject)
    if _participants(text, q, left, right, counted):
        return Counted("participants", subject="protesters" if subject == "people" else subject)
    if label:
        found = _nearest_before(label, 0, len(label))
        if found:
            return Counted(found, subject=subject)
        if counted and p["participant"].search(label):  # «تعداد معترضان: حدود ۵ هزار نفر»
            return Counted("participants", subject="protesters")
    if counted and before and listed:  # «شامل ۵۰۵ معترض، ۱۳۳ مأمور و یک دادستان»
        return Counted(before, subject=subject)
    found = _nearest_before(text, start, left) if counted else None
    if found:  # «... تعداد بازداشت‌شدگان را در ۱۸۸ شهر از ۳۱ استان کشور، ۲۶٬۰۱۵ نفر اعلام کرده»
        return Counted(found, subject=subject)
    return None


def _sites(text: str, q: Quantity, start: int, end: int) -> Counted | None:
    """ «۱۵۷ شهر», «۱۴۳ دانشگاه»: protest sites, where the sentence speaks of protest."""
    p = _patterns()
    unit = p["sites"].get(squash(re.sub(r"های$", "", p["site"].match(text, q.end).group(1))), "areas")
    if p["protest"].search(text, start, end) and not q.indefinite:
        return Counted("protest_sites", unit, unit)
    return None


def _participants(text: str, q: Quantity, left: int, right: int, counted: bool) -> bool:
    """Protesters counted («۳۰۰ تظاهرکننده»), or people counted in a clause that says they
    joined a protest («هزاران نفر در تظاهرات شرکت کردند»)."""
    p = _patterns()
    return bool(p["participant"].match(text, q.end)) or (
        counted and bool(p["protest"].search(text, left, right)) and bool(p["participation"].search(text, left, right)))


def is_site_count(text: str, q: Quantity) -> bool:
    """ «۲۱ شهر»: a count of places, which leaves the clause's verb to the figure before it."""
    return bool(_patterns()["site"].match(text, q.end))


def _relative_clause(text: str, noun_at: int, right: int, end: int) -> str | None:
    """ «۱۹ نفر دیگر (دارد) که ... کشته شدند»: a «که» a few words after the counted noun
    opens a clause about the counted people; its harm word is theirs."""
    if not re.match(r"\s*که(?![^\W\d_])", text[right:right + 4]) or len(text[noun_at:right].split()) > 3:
        return None
    following = _patterns()["break"].search(text, right + 3, end)
    return _nearest_after(text, right, following.start() if following else end)


def _harm_at(text: str, at: int) -> str | None:
    for category, pattern in _patterns()["harm"].items():
        if pattern.match(text, at + (1 if text[at:at + 1] == " " else 0)):
            return category
    return None


def _nearest_after(text: str, s: int, e: int) -> str | None:
    """The first harm word after ``s`` (the longer where two start together: «به اعدام
    محکوم»); a group named after «از» («دو نفر از مجروحان درگذشتند») yields to a later verb."""
    hits = sorted((m.start(), -len(m.group()), c) for c, pat in _patterns()["harm"].items()
                  for m in pat.finditer(text, s, e) if not _cause(text, m.start()))
    if len(hits) > 1 and re.search(r"(?<![^\W\d_])از\s*$", text[max(s, hits[0][0] - 4):hits[0][0]]):
        later = [h for h in hits if h[0] > hits[0][0] - hits[0][1]]
        if later:
            return later[0][2]
    return hits[0][2] if hits else None


def _nearest_before(text: str, s: int, e: int) -> str | None:
    hits = [(m.end(), len(m.group()), c) for c, pat in _patterns()["harm"].items()
            for m in pat.finditer(text, s, e) if not _cause(text, m.start())]
    return max(hits)[2] if hits else None


def _cause(text: str, at: int) -> bool:
    """ «در اعتراض به بازداشت همکاران», «در پی کشته شدن»: a harm the figure answers, not its fate."""
    return bool(_patterns()["cause"].search(text, max(0, at - 16), at))


def _subject(text: str, q: Quantity, end: int) -> str:
    """Who is counted: the noun after the number («۵۵۵ دانشجو»), or children where the
    clause says under eighteen."""
    p = _patterns()
    m = p["subject"].match(text, q.end)
    subject = p["subjects"].get(squash(m.group(1)), "people") if m else "people"
    figure = re.compile(r"\d").search(text, q.end, end)  # not a later figure's noun («از جمله ۲۳ کودک»)
    if subject == "people" and p["under_age"].search(text, q.end, figure.start() if figure else end):
        return "children (under 18)"
    return subject
