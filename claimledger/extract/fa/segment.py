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
    label: str = ""  # the short line above a fact box line («مرگ(ها)»), if any


def split(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    pos, paragraph, previous_line = 0, 0, ""
    for m in _END.finditer(text + "\n"):
        end = m.end() if not m.group().startswith("\n") else m.start()
        piece = text[pos:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            line_start = text.rfind("\n", 0, pos + lead) + 1
            label = previous_line if line_start == pos + lead and _is_label(previous_line) else ""
            out.append(Sentence(pos + lead, pos + lead + len(stripped), paragraph, label))
            if m.group().startswith("\n"):
                previous_line = text[line_start:pos + lead + len(stripped)]
        if m.group().startswith("\n"):
            paragraph += m.group().count("\n") > 1
        pos = m.end()
    return out


def _is_label(line: str) -> bool:
    """A fact box's heading: a few words, no number."""
    return bool(line) and len(line.split()) <= 4 and not re.search(r"\d", line)
