"""Which files to read: named files, and folders walked recursively in sorted order.

Hidden files and folders are skipped, symlink loops are walked once, and files of
other kinds inside folders are counted so the CLI can say how many were skipped.
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Failure

KINDS = {".txt": "text", ".text": "text", ".jsonl": "jsonl", ".ndjson": "jsonl",
         ".html": "html", ".htm": "html", ".csv": "csv", ".rss": "feed", ".atom": "feed",
         ".xml": "feed", ".warc": "warc", ".warc.gz": "warc", ".parquet": "parquet"}

BROKEN_LINK = ("broken link: its target does not exist, or it links back to itself; "
               "fix or remove the link")


def _suffix(path: Path) -> str:
    """The kind-deciding suffix: ".warc.gz" is one suffix, as far as we are concerned."""
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def kind_of(path: Path) -> str:
    """The reader for a path; a file of unknown kind is read as text."""
    return KINDS.get(_suffix(path), "text")


@dataclass(frozen=True)
class Walked:
    files: tuple[Path, ...]  # to read, in order
    skipped: tuple[Path, ...]  # files of other kinds found inside folders
    failures: tuple[Failure, ...]  # paths that are missing or cannot be listed


def walk(paths: Iterable[str | os.PathLike]) -> Walked:
    """Expand files and folders into the files to read."""
    walker = _Walker()
    for given in paths:
        walker.visit(Path(given))
    return Walked(tuple(walker.files), tuple(walker.skipped), tuple(walker.failures))


@dataclass
class _Walker:
    files: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    # resolved paths already taken: a folder reached twice (a symlink loop) or a
    # file reached twice (two links, or named twice) is taken once
    seen: set[Path] = field(default_factory=set)

    def visit(self, path: Path) -> None:
        if path.is_dir():
            self.folder(path)
        elif path.is_file():
            self.file(path)
        elif path.is_symlink():
            self.failures.append(Failure(str(path), BROKEN_LINK))
        else:
            self.failures.append(Failure(str(path), "no such file or folder; check the path"))

    def file(self, path: Path) -> None:
        real = path.resolve()
        if real not in self.seen:
            self.seen.add(real)
            self.files.append(path)

    def folder(self, path: Path) -> None:
        real = path.resolve()
        if real in self.seen:
            return
        self.seen.add(real)
        try:
            entries = sorted(path.iterdir(), key=lambda entry: entry.name)
        except OSError as error:
            self.failures.append(Failure(str(path), f"cannot list the folder "
                                         f"({error.strerror}); check its permissions"))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir():
                self.folder(entry)
            elif entry.is_file() and _suffix(entry) in KINDS:
                self.file(entry)
            elif entry.is_symlink() and _suffix(entry) in KINDS:  # to nothing, or to itself
                self.failures.append(Failure(str(entry), BROKEN_LINK))
            else:
                self.skipped.append(entry)
