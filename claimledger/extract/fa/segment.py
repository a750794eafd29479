"""Persian sentences: split at line ends and at «.», «!», «?», «؟» before a space,
never inside a number («۱.۵»). Offsets are the article's."""
from __future__ import annotations

import re
from dataclasses import dataclass

_END = re.compile(r"\n+|[.!?؟]+(?=\s|$)|[.!?؟]+(?=[^\W\d_])")  # «...حکایت دارد.بر اساس» too


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # blocks of text between blank lines, counted from 0
    label: str = ""  # the short heading line over a fact box line («مرگ(ها)»), if any


def split(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    pos, paragraph, label = 0, 0, ""
    for m in _END.finditer(text + "\n"):
        end = m.end() if not m.group().startswith("\n") else m.start()
        piece = text[pos:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            line_start = text.rfind("\n", 0, pos + lead) + 1
            whole_line = line_start == pos + lead and m.group().startswith("\n")
            out.append(Sentence(pos + lead, pos + lead + len(stripped), paragraph, label if whole_line else ""))
            intro = stripped.endswith(":")  # «... به شرح زیر است:» opens a list, maybe after a blank line
            if (whole_line and _is_label(stripped)) or intro:
                label = stripped
            elif not whole_line or len(stripped.split()) > _LIST_LINE_WORDS:
                label = ""  # prose: the box or list is over
        if m.group().startswith("\n"):
            if m.group().count("\n") > 1:
                paragraph, label = paragraph + 1, (label if stripped.endswith(":") else "")
        pos = m.end()
    return out


_LIST_LINE_WORDS = 8  # a heading covers the short lines under it (a box's values, a list by city)


def _is_label(line: str) -> bool:
    """A fact box's or a list's heading: a few words, no number."""
    return bool(line) and len(line.split()) <= 6 and not re.search(r"\d", line)
