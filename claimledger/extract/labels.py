"""Semi-structured lines: fact boxes, report tables and bulleted tallies.

    Deaths: 41 (38 protesters and 3 police officers)     -> killed 41, 38, 3
    | Arrested | 2,300+ (Monitor Group, as of 2 March) |  -> arrested, source Monitor Group
    Participants 30,000 (organisers), 8,000 (police)     -> two claims, two sayers

A *label* at the start of a line or cell ("Deaths", "Injuries:", "Arrested") says
what the figures after it count when their own words do not; a *sayer in
parentheses* after a figure ("(per the health ministry)", "(Monitor Group, ...)")
is its source; "as of <date>" ends the figure's time, and a box's "Date" line
gives the time of its figures. Label words live in ``data/labels.json``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Callable, Sequence

from spacy.tokens import Span, Token

from claimledger.model import When

from . import _when_patterns as tw
from ._when_resolve import _nearest
from .categories import _SECURITY, Counted, counted_noun, lemma, subject
from .lexicon import _load, lexicon
from .quantities import _MONTHS, Quantity, doc_text
from .sources import SourceMention

_VICTIMS = {"killed", "died", "injured", "arrested", "disappeared", "sentenced"}
_CELL_SEPARATORS = {"|", "/", ";", "\t", "•", "·"}
_LIST_GLUE = {",", "and", "&", "/", "or"}


@dataclass(frozen=True)
class Label:
    start: int  # char offsets in the sentence
    end: int
    category: str
    unit: str


@cache
def _data() -> dict:
    return _load("labels.json")


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


_WHO = r"[A-Za-z][\w'’-]*"  # "Protesters killed: 421", "Security forces injured 14"


@cache
def _label_pattern() -> re.Pattern:
    d = _data()
    words = [w for ws in d["labels"].values() for w in ws]
    # a label of its own may stand before its figure with a space ("Injuries 480+"); one
    # that names who ("Protesters killed: 421") needs a colon, bar, tab or dash, or it is
    # prose ("Security forces killed 1,500 ...")
    label = rf"(?:(?:{_alt(d['label_prefixes'])})\s+)?(?P<label>{_alt(words)})(?:\s?\(s\))?"
    who = rf"(?:{_WHO}\s+){{1,2}}(?P<whose>{_alt(words)})(?:\s?\(s\))?"
    return re.compile(
        rf"(?:^|(?<=[|\t/;•·])|(?<=\s\s))[\s\-*•·–—>]*(?:\d{{1,2}}[.)]\s+)?"
        rf"(?:{label}\s*(?:[:|=\t–—-]+\s*)?|{who}[ ]?(?:[:|=\t–—-]+\s*))"
        rf"(?=(?:(?:{_alt(d['figure_lead'])})\s*)?\d)", re.I)


@cache
def _categories() -> dict[str, str]:
    return {w: cat for cat, ws in _data()["labels"].items() for w in ws}


def word_category(word: str) -> tuple[str, str] | None:
    """(category, unit) of a label word used as a noun: "crowd", "turnout", "toll"."""
    category = _categories().get(word)
    if category is None:
        return None
    return category, _data()["site_units"].get(word, "areas") if category == "protest_sites" else "people"


def find_labels(sentence: str) -> list[Label]:
    """Labels that stand before a figure at the start of a line or a cell."""
    if not any(c.isdigit() for c in sentence):
        return []
    out = []
    for m in _label_pattern().finditer(sentence):
        group = "label" if m.group("label") else "whose"
        word = " ".join(m.group(group).lower().split())
        category = _categories()[word]
        unit = _data()["site_units"].get(word, "areas") if category == "protest_sites" else "people"
        out.append(Label(m.start(group), m.end(), category, unit))
    return out


@cache
def _glued_pattern() -> re.Pattern:
    words = [w for ws in _data()["labels"].values() for w in ws if " " not in w]
    return re.compile(rf"(?:{_alt(words)})(?:\(s\))?(?=\d)", re.I)


_MARK = re.compile(r"(?<=\S)\[(?:\d{1,3}|[a-z]{1,2}|citation needed|note \d{1,3}|nb \d{1,3})\]", re.I)
_BEFORE_MARK = ".,;:)+"


def split_glued(doc) -> None:
    """Cut tokens the tokenizer left whole where a copied page glued words together: a
    box label run into its figure ("Arrested14,000+", "Death(s)12–15") and a reference
    mark on a word ("41[3]", "protesters)[2]", "killed.[12]"), before parsing."""
    text = doc.text
    glued = _glued_pattern()
    cuts = {t.idx + m.end() for t in doc if t.text[:1].isalpha() and not t.text.isalpha()
            and (m := glued.match(t.text))}
    if "[" in text:
        for m in _MARK.finditer(text):
            at = m.start()
            cuts.add(at)
            while at > 0 and text[at - 1] in _BEFORE_MARK:
                at -= 1
                cuts.add(at)
    by_token: dict[int, list[int]] = {}
    starts = [t.idx for t in doc] if cuts else []
    for cut in cuts:
        tok = _token_across(doc, starts, cut)
        if tok is not None:
            by_token.setdefault(tok.i, []).append(cut - tok.idx)
    if not by_token:
        return
    with doc.retokenize() as retokenizer:
        for i, offsets in by_token.items():
            tok = doc[i]
            bounds = [0, *sorted(set(offsets)), len(tok.text)]
            orths = [tok.text[a:b] for a, b in zip(bounds, bounds[1:])]
            retokenizer.split(tok, orths, heads=[(tok, len(orths) - 1)] * len(orths))


def _token_across(doc, starts: list[int], cut: int):
    """The token that holds char ``cut`` inside it (not at its edge), if any."""
    k = bisect_right(starts, cut) - 1
    if k < 0:
        return None
    tok = doc[k]
    return tok if tok.idx < cut < tok.idx + len(tok.text) else None


def is_label_line(sentence: str) -> bool:
    return bool(find_labels(sentence))


@cache
def _figure_line() -> re.Pattern:
    return re.compile(rf"^[\s\-*•·–—>]*(?:(?:{_alt(_data()['figure_lead'])})\s*)?\d", re.I)


_DIGIT = re.compile(r"\d")
_GROUPS = re.compile(r"\([^()]*\)|\[[^\]]*\]")
_LINES_BACK = 6


def inherited_labels(text: str, start: int) -> list[Label]:
    """Labels a line takes from the lines above it: a table's header row, or the label
    line whose cell runs on. ``start``: where the line starts in ``text``."""
    if start > 0 and text[start - 1] not in "\n\r":
        return []
    line = _line_at(text, start)
    if _figure_line().match(line):
        return carried_labels(text, start, line)
    if (line.count("|") >= 2 or "\t" in line) and _DIGIT.search(line):
        return column_labels(text, start, line)
    return []


def carried_labels(text: str, start: int, line: str) -> list[Label]:
    """A short line that starts with a figure, under a label line whose cell ran on:
    "Death(s) 1,500 (per Reuters)" then "304+ (per Amnesty International)"."""
    if not _is_figure_line(line):
        return []
    for _ in range(_LINES_BACK):
        start = _line_before(text, start)
        if start is None:
            return []
        line = _line_at(text, start)
        found = find_labels(line) or _bare_label(line)
        if found:
            return [Label(0, 0, found[-1].category, found[-1].unit)]
        if line.strip() and not _is_figure_line(line):
            return []  # blank lines pass: a feed's cells and items are paragraphs
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
        start = _line_before(text, start)
        if start is None:
            return None
        line = _line_at(text, start)
        if _RULE_LINE.match(line) and line.strip():
            continue
        if abs(line.count(bar) - cells) > 1 or not line.strip():
            return None  # the table ended: no header found
        if any(c.isdigit() for c in line):
            continue  # another data row
        header = [_header_category(cell) for cell in line.split(bar)]
        return header if any(header) else None
    return None


def _header_category(cell: str) -> str:
    words = _GROUPS.sub(" ", cell.lower().replace("(s)", "")).split()
    prefixes = {tuple(p.split()) for p in _data()["label_prefixes"]}
    for n in (2, 1):
        if tuple(words[:n]) in prefixes:
            words = words[n:]
            break
    return _categories().get(" ".join(words), "")


def _line_before(text: str, start: int) -> int | None:
    """Where the line before the one at ``start`` starts, None at the first line."""
    if start <= 0:
        return None
    nl = text.rfind("\n", 0, start - 1)
    return max(nl, text.rfind("\r", nl + 1, start - 1)) + 1


def _bare_label(line: str) -> list[Label]:
    """A label alone on its line ("Death(s)", "Injuries:"), its figures on the lines below."""
    words = line.strip(" \t|*•·-–—:").lower().replace("(s)", "").split()
    found = word_category(" ".join(words)) if 0 < len(words) <= 3 else None
    return [Label(0, 0, *found)] if found else []


def _line_at(text: str, start: int) -> str:
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    cr = text.find("\r", start, end)
    return text[start:end if cr < 0 else cr]


def _is_figure_line(line: str) -> bool:
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
            or any(t.text == "(" for t in sent.doc[q.end:noun.i]))
    lex = lexicon()
    if not bare and (label.category == "protest_sites" or lemma(noun) in lex.non_count
                     or lemma(noun) in lex.sites or not _is_people(noun)):
        return counted
    if bare:
        return Counted(label.category, label.unit, "people" if label.category != "protest_sites" else label.unit)
    return Counted(label.category, "people", subject(noun, q, sent, label.category))


def _cell_says(category: str, sent: Span, label: Label) -> bool:
    """Whether the figure's cell (from its label to the next bar) has a word of the
    category: "wounded" in "dead 7 / wounded 210 / detentions 980" is not 980's."""
    lex = lexicon()
    doc, start = sent.doc, sent.start_char + label.end
    for t in sent:
        if t.idx < start:
            continue
        if t.text in _CELL_SEPARATORS or "\t" in t.text:
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


def _is_people(noun: Token) -> bool:
    lex = lexicon()
    return (lemma(noun) in lex.people or lex.nouns.get(lemma(noun)) == "participants"
            or noun.lower_ in lex.people or lemma(noun) in _SECURITY)


# --- sayers in parentheses ------------------------------------------------------------

@cache
def _prefixes() -> list[tuple[str, ...]]:
    return sorted((tuple(p.replace(":", " :").split()) for p in _data()["sayer_prefixes"]),
                  key=len, reverse=True)


def parenthesised_source(q: Quantity, sent: Span, category: str, inline: bool = False,
                         is_place: Callable[[int, int], bool] = lambda a, b: False) -> SourceMention | None:
    """The sayer in the first parentheses after a figure that name one: "310 killed (per
    the health ministry)", "2,300+ (Monitor Group, as of 2 March)". The search stops at
    the next figure or cell outside parentheses, or a few words on; breakdowns "(38
    protesters and 3 police officers)" are passed over, so the sayer after them is the
    total's and its parts'. ``inline``: a label line's "30,000 according to organisers"."""
    doc = sent.doc
    depth, words = _depth_at(sent, q.start), 0
    i = q.end
    while i < sent.end and words <= _MAX_GAP:
        t = doc[i]
        if t.text.startswith("("):
            close, limit = _closing(sent, i)
            # "near the Ministry of Defence (MOD)": an acronym or alias of a name, no sayer
            alias = doc[i - 1].pos_ == "PROPN" and i > q.end
            found = None if alias else _sayer_in(doc[i:close + 1], category, is_place, t.idx + 1, limit)
            if found:
                return found
            i = close + 1
            continue
        if ")" in t.text:
            depth -= t.text.count(")")
        elif depth <= 0 and (t.text in _CELL_SEPARATORS or t.is_space and "\t" in t.text or
                             (t.like_num and not _is_date_part(t))):
            return None
        elif depth <= 0 and inline and t.lower_ in ("according", "per", "via", "citing"):
            end = _segment_end(sent, i)
            return _sayer_in(doc[i:end], category, is_place, t.idx, doc[end - 1].idx + len(doc[end - 1]))
        words += depth <= 0 and not t.is_punct
        i += 1
    return None


_MAX_GAP = 4  # words between a figure and its parentheses: "killed 310 people (per ...)"


def _depth_at(sent: Span, i: int) -> int:
    depth = 0
    for t in sent.doc[sent.start:i]:
        depth += t.text.count("(") - t.text.count(")")
    return max(depth, 0)


def _closing(sent: Span, i: int) -> tuple[int, int]:
    """The token holding the ")" that closes the "(" at token i, and that char's offset
    ("Reuters)[a]" is one token)."""
    depth = 0
    for t in sent.doc[i:sent.end]:
        for k, c in enumerate(t.text):
            depth += (c == "(") - (c == ")")
            if depth == 0:
                return t.i, t.idx + k
    last = sent.doc[sent.end - 1]
    return last.i, last.idx + len(last.text)


def _segment_end(sent: Span, i: int) -> int:
    """The end of an inline sayer phrase: the next comma, semicolon, bracket or cell."""
    j = i
    while j < sent.end and sent.doc[j].text not in (",", ";", "(", ")", ".", *_CELL_SEPARATORS):
        j += 1
    return j


def _is_date_part(t: Token) -> bool:
    """ "as of 2 March": the day of a date is no new figure."""
    near = [t.nbor(k).lower_ for k in (-1, 1) if 0 <= t.i + k < len(t.doc)]
    return any(w in _MONTHS for w in near)


def _sayer_in(words: Span, category: str, is_place, lo: int, hi: int) -> SourceMention | None:
    """A sayer phrase within chars [lo, hi): "per the health ministry", "Source: Monitor
    Group", "organisers"; what follows a comma ("as of 2 March") is not part of it."""
    tokens = [t for t in words if t.idx < hi and t.idx + len(t.text) > lo]
    cut = next((k for k, t in enumerate(tokens) if t.text in (",", ";")), len(tokens))
    tokens = tokens[:cut]
    lowered = tuple(t.lower_ for t in tokens)
    prefix = next((p for p in _prefixes() if lowered[:len(p)] == p), None)
    if prefix:
        verb, tokens = " ".join(w for w in prefix if w != ":"), tokens[len(prefix):]
    elif _names_sayer(tokens, category, hi):
        verb = "according to"
    else:
        return None
    while tokens and (tokens[0].pos_ == "DET" or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    if not tokens or len(tokens) > 10 or any(t.like_num for t in tokens):
        return None
    start, end = tokens[0].idx, min(hi, tokens[-1].idx + len(tokens[-1].text))
    if is_place(start, end):
        return None
    return SourceMention(doc_text(words.doc)[start:end], verb, start, end, tokens[0].i)


def _names_sayer(tokens: list[Token], category: str, hi: int) -> bool:
    """Words alone in parentheses name a sayer when they are a name ("Monitor Group",
    "AP") or a sayer's description ("health ministry", "organisers"); people who are
    counted ("(police)" after a death toll) are not, except for crowd estimates."""
    if not tokens or len(tokens) > 8 or tokens[0].pos_ == "ADP" or any(t.like_num for t in tokens):
        return False
    if any(t.pos_ in ("VERB", "AUX", "PRON", "ADV") for t in tokens):
        return False
    head = tokens[-1]
    texts = [t.text[:hi - t.idx] for t in tokens]  # "Reuters)[a]" is one token
    nouns = set(_data()["sayer_nouns"])
    described = lemma(head) in nouns or texts[-1].lower() in nouns or " ".join(texts).lower() in nouns
    if _is_people(head) and category in _VICTIMS or lemma(head) in lexicon().sites:
        return False  # "Deaths: 12 (police)", "Killed: 9 (Northern Province)"
    named = all(w.istitle() or w.isupper() or t.pos_ in ("ADP", "DET", "CCONJ", "PART") or t.is_punct
                for t, w in zip(tokens, texts)) and any(t.pos_ == "PROPN" for t in tokens)
    return described or named


# --- time -------------------------------------------------------------------------------

@cache
def _period_line() -> re.Pattern:
    return re.compile(rf"(?im)^[ \t|*•\-]*(?:{_alt(_data()['period_labels'])})(?:\s?\(s\))?[ \t]*[:|\t]?[ \t]*(?=\S)")


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


_AS_OF = re.compile(r"\bas\s+(?:of|at)\s+$", re.I)


def as_of(sentence: str, when: When | None, wave_start) -> When | None:
    """ "(Monitor Group, as of 2 March)": a count up to that date, from the wave's start."""
    if when is None or not when.text or when.end is None:
        return when
    at = sentence.find(when.text)
    if at <= 0 or not _AS_OF.search(sentence[max(0, at - 8):at]):
        return when
    return When(wave_start, when.end, when.text)


def line_time(ctx, start: int, sentence: str, when: When | None, labelled: bool) -> When | None:
    """The time of a figure on a label line or with a sayer in parentheses: its own
    time ("as of" ends it), else the box's "Date" line, else the time of the line that
    introduces the list, else what the article gave. ``ctx``: the article's Context."""
    own = when is not None and bool(when.text) and not when.text.startswith("(") and when.text in sentence
    if own:
        return as_of(sentence, when, wave_start(ctx))
    day = as_of_day(sentence, ctx.article.published)
    if day:
        return When(wave_start(ctx), day[0], day[1])
    if not labelled:
        return when
    return box_when(ctx.box, start) or intro_time(ctx.article.text, ctx.times, start) or when


def wave_start(ctx) -> date | None:
    """Where the article gives it: the box's first date, else the first "began on"."""
    if ctx.box and ctx.box.when.start:
        return ctx.box.when.start
    return next((t.when.start for t in ctx.times if t.kind == "began" and t.when.start), None)


@cache
def _as_of_day() -> re.Pattern:
    return re.compile(rf"\bas\s+(?:of|at)\s+(\d{{1,2}})(?:st|nd|rd|th)?\s+({_alt(tw.FULL_MONTHS)})\b(?!,?\s+\d)", re.I)


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
    for _ in range(_LINES_BACK * 4):
        start = _line_before(text, start)
        if start is None:
            return None
        line = _line_at(text, start)
        if not line.strip() or find_labels(line) or _bare_label(line) or _is_figure_line(line):
            continue
        end = start + len(line)
        found = [t for t in times if start <= t.start and t.end <= end and (t.when.start or t.when.end)
                 and t.kind != "duration"]
        return found[-1].when if found else None
    return None
