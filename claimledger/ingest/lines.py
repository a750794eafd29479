"""Numbered lines of a JSON Lines file, streamed: memory stays flat whatever its size.

The whole-file checks (empty, binary) need every byte, so they are one pass in
chunks before the lines are read one at a time. UTF-16/32 files (rare, with a BOM)
are decoded whole: only whole-file decoding makes sense for them.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..model import Failure
from .text import _BOMS, EMPTY, decode

CHUNK = 1 << 20  # bytes read at a time by the whole-file checks
_UTF8_BOM = b"\xef\xbb\xbf"
_WIDE = (b"\xff\xfe", b"\xfe\xff")  # a UTF-16/32 BOM's first two bytes


def numbered_lines(path: Path, origin: str, chunk: int = CHUNK) -> Iterator[tuple[int, str | Failure]]:
    """(line number, text) for every line; one bad line is a Failure, the rest go on."""
    with open(path, "rb") as f:
        head = f.read(4)
        if not head.startswith(_UTF8_BOM) and head[:2] in _WIDE:
            yield from _wide(f, head, origin)
            return
        problem = _check(f, head, origin, chunk)
        if problem:
            yield 1, problem
            return
        f.seek(0)
        for number, raw in enumerate(f, start=1):
            if number == 1:
                raw = raw.removeprefix(_UTF8_BOM)
            try:
                yield number, raw.removesuffix(b"\n").decode("utf-8")
            except UnicodeDecodeError as error:
                yield number, Failure(origin, f"not valid UTF-8 at byte {error.start} of the "
                                      "line: re-save the file as UTF-8", number)


def _check(f, head: bytes, origin: str, chunk: int) -> Failure | None:
    """The checks ``text.sniff`` makes on a whole file, one chunk at a time."""
    f.seek(0)
    offset, blank, nul = 0, True, None
    exempt = head.startswith(tuple(bom for bom, _ in _BOMS[:4]))  # NULs belong to UTF-32
    while data := f.read(chunk):
        blank = blank and not data.strip()
        if nul is None and not exempt and b"\x00" in data:
            nul = offset + data.index(b"\x00")
        offset += len(data)
    if blank:
        return Failure(origin, EMPTY)
    if nul is not None:
        return Failure(origin, f"binary file (NUL byte at offset {nul}): not an article; "
                       "remove it or export its text as .txt")
    return None


def _wide(f, head: bytes, origin: str) -> Iterator[tuple[int, str | Failure]]:
    whole = decode(head + f.read(), origin)
    if isinstance(whole, Failure):
        yield whole.line or 1, whole
        return
    # split on \n only: str.splitlines would also break at U+2028 inside strings
    yield from enumerate(whole.split("\n"), start=1)
