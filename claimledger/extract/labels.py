"""Semi-structured lines: fact boxes, report tables and bulleted tallies.

    Deaths: 41 (38 protesters and 3 police officers)     -> killed 41, 38, 3
    | Arrested | 2,300+ (Monitor Group, as of 2 March) |  -> arrested, source Monitor Group
    Participants 30,000 (organisers), 8,000 (police)     -> two claims, two sayers

A *label* at the start of a line or cell ("Deaths", "Injuries:", "Arrested"), or
alone on the line above, or at the head of a table's column, says what the figures
after it count when their own words do not. Label words live in ``data/labels.json``.
Sayers in parentheses are ``parens.py``'s, the time of a box's figures ``boxes.py``'s,
labels glued to their figures ``glued.py``'s.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Sequence

from spacy.tokens import Span, Token

from .categories import _SECURITY, Counted, counted_noun, lemma, subject
from .lexicon import _load, lexicon
from .quantities import Quantity

VICTIMS = {"killed", "died", "injured", "arrested", "disappeared", "sentenced"}
CELL_SEPARATORS = {"|", "/", ";", "\t", "•", "·"}


@dataclass(frozen=True)
class Label:
    start: int  # char offsets in the sentence
    end: int
    category: str
    unit: str
    cell_end: int = 1 << 30  # where the next label starts


@cache
def label_data() -> dict:
    return _load("labels.json")


def alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


_WHO = r"[A-Za-z][\w'’-]*"  # "Protesters killed: 421", "Security forces injured 14"


@cache
def _label_pattern() -> re.Pattern:
    d = label_data()
    words = [w for ws in d["labels"].values() for w in ws]
    # a label of its own may stand before its figure with a space ("Injuries 480+"); one
    # that names who ("Protesters killed: 421") needs a colon, bar, tab or dash, or it is
    # prose ("Security forces killed 1,500 ..."); a box flattened into one line starts a
    # cell after a figure ("Death(s) 12–15 Injuries 300+")
    return re.compile(
        rf"(?:(?:^|(?<=[|\t/;•·])|(?<=\s\s))[\s\-*•·–—>]*(?:\d{{1,2}}[.)]\s+)?(?P<who>(?:{_WHO}\s+){{1,3}})?"
        rf"|(?<=[\d+\])][ \t]))"
        rf"(?:(?:{alternation(d['label_prefixes'])})\s+)?(?P<label>{alternation(words)})(?:\s?\(s\))?"
        rf"(?P<sep>\s*(?:[:|=\t–—-]+\s*)?)"
        rf"(?=(?:(?:{alternation(d['figure_lead'])})\s*)?(?:\d|(?:{_number_words()})\b))", re.I)


@cache
def _headings() -> frozenset[str]:
    """Box headings a flattened box runs into its first label: "Casualties Death(s) 12"."""
    return frozenset(label_data()["headings"])


_HARD_SEPARATOR = re.compile(r"[:|=\t–—-]")


def _number_words() -> str:
    """Words a figure may open with: "Tens of thousands", "Hundreds", "twelve"."""
    lex = lexicon()
    return alternation({*(k[0] for k in lex.vague if k[0] not in ("a", "several", "many")),
                        *lex.units, *lex.tens} - {"zero"})


@cache
def _categories() -> dict[str, str]:
    return {w: cat for cat, ws in label_data()["labels"].items() for w in ws}


def word_category(word: str) -> tuple[str, str] | None:
    """(category, unit) of a label word used as a noun: "crowd", "turnout", "toll"."""
    category = _categories().get(word)
    if category is None:
        return None
    return category, label_data()["site_units"].get(word, "areas") if category == "protest_sites" else "people"


def find_labels(sentence: str) -> list[Label]:
    """Labels that stand before a figure at the start of a line or a cell."""
    out: list[Label] = []
    for m in _label_pattern().finditer(sentence):
        who = " ".join(m.group("who").lower().split()) if m.group("who") else ""
        if who and not _HARD_SEPARATOR.search(m.group("sep")) and who not in _headings():
            continue
        word = " ".join(m.group("label").lower().split())
        category = _categories()[word]
        unit = label_data()["site_units"].get(word, "areas") if category == "protest_sites" else "people"
        if out:
            out[-1] = replace(out[-1], cell_end=m.start("label"))
        out.append(Label(m.start("label"), m.end(), category, unit, len(sentence)))
    return out


def is_label_line(sentence: str) -> bool:
    return bool(find_labels(sentence))


@cache
def _figure_line() -> re.Pattern:
    return re.compile(rf"^[\s\-*•·–—>]*(?:(?:{alternation(label_data()['figure_lead'])})\s*)?\d", re.I)


_DIGIT = re.compile(r"\d")
_GROUPS = re.compile(r"\([^()]*\)|\[[^\]]*\]")
LINES_BACK = 6


def inherited_labels(text: str, start: int) -> list[Label]:
    """Labels a line takes from the lines above it: a table's header row, or the label
    line whose cell runs on. ``start``: where the line starts in ``text``."""
    if start > 0 and text[start - 1] not in "\n\r":
        return []
    line = line_at(text, start)
    found = []
    if (line.count("|") >= 2 or "\t" in line) and _DIGIT.search(line):
        found = column_labels(text, start, line)
    if not found and _list_item(line):
        found = carried_labels(text, start, line)
    return found


def carried_labels(text: str, start: int, line: str) -> list[Label]:
    """A short line that starts with a figure, under a label line whose cell ran on
    ("Death(s) 1,500 (per Reuters)" then "304+ (per Amnesty International)"), or an item
    "key: figure" under an intro that names what the list counts ("Deaths by city:" then
    "- Tehran: 41")."""
    if not _list_item(line):
        return []
    for _ in range(_ITEMS_BACK):
        start = line_before(text, start)
        if start is None:
            return []
        line = line_at(text, start)
        found = find_labels(line) or bare_label(line) or _intro_label(line)
        if found:
            return [Label(0, 0, found[-1].category, found[-1].unit)]
        if line.strip() and not _list_item(line):
            return []  # blank lines pass: a feed's cells and items are paragraphs
    return []


_ITEMS_BACK = 40


def _list_item(line: str) -> bool:
    return is_figure_line(line) or (bool(_keyed_item().match(line)) and len(line.split()) <= 8)


@cache
def _keyed_item() -> re.Pattern:
    """ "- Tehran: 41", "Kurdistan province – 12 (HRANA)": a key, a separator, a figure."""
    return re.compile(rf"^[\s\-*•·–—>]*[^\d:|\t(]{{1,40}}?\s*[:|\t–—=-]\s*"
                      rf"(?=(?:(?:{alternation(label_data()['figure_lead'])})\s*)?\d)", re.I)


def _intro_label(line: str) -> list[Label]:
    """An intro line that opens with a label: "Deaths by city:", "Arrests per province"."""
    words = line.strip(" \t|*•·-–—").lower().replace("(s)", "").split()
    if not words or len(words) > 6 or not (line.rstrip().endswith(":") or len(words) <= 4):
        return []
    for n in (2, 1):
        found = word_category(" ".join(words[:n]).rstrip(":,"))
        if found and found[0] != "participants":
            return [Label(0, 0, *found)]
    return []


def column_labels(text: str, start: int, line: str) -> list[Label]:
    """A table row under a header row that names what its columns count:
    "| Province | Deaths | Arrests |" over "| North | 12 | 400 |" (or cells split by tabs).
    Each cell gets a label at its start; a column without one blocks the label before."""
    bar = "|" if line.count("|") >= 2 else "\t" if "\t" in line.strip() else None
    if bar is None:
        return []
    header = _header_above(text, start, bar, line.count(bar))
    if not header:
        return []
    out, pos = [], 0
    for k, cell in enumerate(line.split(bar)):
        category = header[k] if k < len(header) else ""
        unit = "people" if category != "protest_sites" else "areas"
        out.append(Label(pos, pos, category, unit))
        pos += len(cell) + 1
    return out


_RULE_LINE = re.compile(r"^[\s|:\-+=]*$")
_TABLE_ROWS_BACK = 80


def _header_above(text: str, start: int, bar: str, cells: int) -> list[str] | None:
    """The categories of the header row of the table a row is in, if it names any."""
    for _ in range(_TABLE_ROWS_BACK):
        start = line_before(text, start)
        if start is None:
            return None
        line = line_at(text, start)
        if _RULE_LINE.match(line) and line.strip():
            continue
        if abs(line.count(bar) - cells) > (1 if bar == "|" else 0) or not line.strip():
            return None  # the table ended (a bar missing at a row's end is no end)
        if any(c.isdigit() for c in line):
            continue  # another data row
        header = [_header_category(cell) for cell in line.split(bar)]
        return header if any(header) else None
    return None


def _header_category(cell: str) -> str:
    """ "Deaths", "Number of arrests", "Killed (confirmed)", "Protesters killed"."""
    words = _GROUPS.sub(" ", cell.lower().replace("(s)", "")).split()
    prefixes = {tuple(p.split()) for p in label_data()["label_prefixes"]}
    for n in (2, 1):
        if tuple(words[:n]) in prefixes:
            words = words[n:]
            break
    categories = _categories()
    whole = categories.get(" ".join(words))
    if whole or len(words) > 3:
        return whole or ""
    return next((categories[w] for w in words[::-1] if categories.get(w) not in (None, "participants")), "")


def line_before(text: str, start: int) -> int | None:
    """Where the line before the one at ``start`` starts, None at the first line."""
    if start <= 0:
        return None
    nl = text.rfind("\n", 0, start - 1)
    return max(nl, text.rfind("\r", nl + 1, start - 1)) + 1


def bare_label(line: str) -> list[Label]:
    """A label alone on its line ("Death(s)", "Injuries:"), its figures on the lines below."""
    words = line.strip(" \t|*•·-–—:").lower().replace("(s)", "").split()
    found = word_category(" ".join(words)) if 0 < len(words) <= 3 else None
    return [Label(0, 0, *found)] if found else []


def line_at(text: str, start: int) -> str:
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    cr = text.find("\r", start, end)
    return text[start:end if cr < 0 else cr]


def is_figure_line(line: str) -> bool:
    """ "304+ (per Amnesty International)[b]", "1,000+ security forces": a figure and a few words."""
    return bool(_figure_line().match(line)) and len(_GROUPS.sub(" ", line).split()) <= 4


def label_of(q: Quantity, sent: Span, labels: Sequence[Label]) -> Label | None:
    """The last label before the quantity in its sentence."""
    at = q.start_char - sent.start_char
    before = [lab for lab in labels if lab.end <= at]
    return before[-1] if before else None


def relabel(q: Quantity, sent: Span, counted: Counted | None, label: Label | None) -> Counted | None:
    """A figure's own words in its cell win ("Casualties: 41 killed, 300 injured"); a bare
    number, or people the words give no fate ("Deaths: 41 (38 protesters and 3 police
    officers)"), take the label's category. Places, times and other things keep theirs."""
    if label is None or not label.category:
        return counted
    if counted is not None and counted.category not in ("participants", label.category) \
            and _cell_says(counted.category, sent, label):
        return _plain_subject(counted)
    if counted is not None and counted.category == "protest_sites":
        return counted
    noun = counted_noun(q, sent)
    # "41 (38 protesters ...)": the parser may take the breakdown's noun for the total's
    # and "Deaths 41" or "| Deaths | 41" for the label's noun or a cell bar
    bare = (q.start <= noun.i < q.end or noun.i < q.start or not noun.is_alpha
            or noun.idx - sent.start_char >= label.cell_end  # "12–15 Injuries 300+"
            or any(t.text == "(" for t in sent.doc[q.end:noun.i]))
    lex = lexicon()
    if not bare and (label.category == "protest_sites" or lemma(noun) in lex.non_count
                     or lemma(noun) in lex.sites or not is_people(noun)):
        return counted
    if bare:
        return Counted(label.category, label.unit, "people" if label.category != "protest_sites" else label.unit)
    return Counted(label.category, "people", subject(noun, q, sent, label.category))


def _cell_says(category: str, sent: Span, label: Label) -> bool:
    """Whether the figure's cell (from its label to the next bar) has a word of the
    category: "wounded" in "dead 7 / wounded 210 / detentions 980" is not 980's."""
    lex = lexicon()
    start, end = sent.start_char + label.end, sent.start_char + label.cell_end
    for t in sent:
        if t.idx < start:
            continue
        if t.text in CELL_SEPARATORS or "\t" in t.text or t.idx >= end:
            break
        words = {lemma(t), t.lower_}
        if any(category in lex.verbs.get(w, ()) or lex.adjectives.get(w) == category
               or lex.nouns.get(w) == category for w in words):
            return True
    return False


def _plain_subject(counted: Counted | None) -> Counted | None:
    """ "| Sentenced | 14 |": no cell bar or label for a subject."""
    if counted is None or counted.subject.replace(" ", "").isalpha():
        return counted
    return Counted(counted.category, counted.unit, "people" if counted.unit == "people" else counted.unit)


def is_people(noun: Token) -> bool:
    lex = lexicon()
    return (lemma(noun) in lex.people or lex.nouns.get(lemma(noun)) == "participants"
            or noun.lower_ in lex.people or lemma(noun) in _SECURITY)
