"""Persian sentences: split at line ends and at «.», «!», «?», «؟» before a space,
never inside a number («۱.۵»). Offsets are the article's."""
from __future__ import annotations

import re
from dataclasses import dataclass

_END = re.compile(r"\n+|(?<!\d)[.!?؟]+(?=\s|$)|(?<=\d)[.!?؟]+(?=\s|$)")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # blocks of text between blank lines, counted from 0
    label: str = ""  # the short heading line over a fact box line («مرگ(ها)»), if any


def split(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    pos, paragraph, label, lines_since = 0, 0, "", 0
    for m in _END.finditer(text + "\n"):
        end = m.end() if not m.group().startswith("\n") else m.start()
        piece = text[pos:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            line_start = text.rfind("\n", 0, pos + lead) + 1
            whole_line = line_start == pos + lead and m.group().startswith("\n")
            out.append(Sentence(pos + lead, pos + lead + len(stripped), paragraph,
                                label if whole_line and lines_since <= _LABEL_REACH else ""))
            if whole_line and _is_label(stripped):
                label, lines_since = stripped, 0
            elif m.group().startswith("\n"):
                lines_since += 1
        if m.group().startswith("\n"):
            if m.group().count("\n") > 1:
                paragraph, label = paragraph + 1, ""
        pos = m.end()
    return out


_LABEL_REACH = 3  # a box's heading covers the value lines under it («مرگ‌ها», then one line a figure)


def _is_label(line: str) -> bool:
    """A fact box's heading: a few words, no number."""
    return bool(line) and len(line.split()) <= 4 and not re.search(r"\d", line)
